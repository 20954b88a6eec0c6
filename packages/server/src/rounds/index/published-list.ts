/**
 * The published TOP100 list as the public page and its XLSX/PDF show it, read from the program's
 * publication (the one publication path): each listed entry's rank and score as the closed index
 * round decided them, its rank band, and the breakdowns computed from the entries and the registry.
 */
import { breakdownOf, type IndexCycle, type IndexPublication, type IndexPublishedEntry, type IndustryGroup, type ListingStatus } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { decodeSet } from '../../registry/organisation.repository.js';
import { decidedOfRound, entriesOfPublication, publicationOfProgram } from './published-list.repository.js';

/** The list, or null while the program has no publication the public may read. */
export async function indexPublicationOf(
  db: Kysely<Database>, cycle: Pick<IndexCycle, 'programId' | 'roundId' | 'topN' | 'computation'>,
): Promise<IndexPublication | null> {
  if (cycle.programId === null || cycle.roundId === null) return null;
  const publication = await publicationOfProgram(db, cycle.programId);
  if (!publication || (publication.status !== 'final' && publication.status !== 'published')) return null;
  const rows = await entriesOfPublication(db, publication.id, 'listed');
  const entries: IndexPublishedEntry[] = rows.map((r) => ({
    rank: r.rank ?? 0, uscc: r.holder_uscc ?? '', name: r.holder, score: r.score === null ? 0 : Number(r.score),
    rankP05: r.rank_p05, rankP95: r.rank_p95, district: r.district ?? null, listing: (r.listing ?? null) as ListingStatus | null,
    groups: decodeSet<IndustryGroup>(r.groups ?? ','),
  }));
  const decided = await decidedOfRound(db, cycle.roundId);
  return {
    topN: cycle.topN, evaluated: decided.filter((d) => d.rank !== null).length, entries, breakdown: breakdownOf(entries),
    inputsHash: (cycle.computation as { inputsHash?: string } | null)?.inputsHash ?? '',
    tiedAtCutoff: decided.filter((d) => d.reason === 'tie_admitted').map((d) => d.uscc).sort(),
    publicationId: publication.id,
  };
}
