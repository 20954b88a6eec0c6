/**
 * The published TOP100 list as the public page and its XLSX/PDF show it, read from the program's
 * publication (the one publication path): each listed entry's rank and score as the closed index
 * round decided them, its rank band, and the breakdowns computed from the entries and the registry.
 */
import { breakdownOf, type IndexCycle, type IndexPublication, type IndexPublishedEntry, type IndustryGroup, type ListingStatus } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { decodeSet } from '../../registry/organisation.repository.js';

/** The list, or null while the program has no publication the public may read. */
export async function indexPublicationOf(
  db: Kysely<Database>, cycle: Pick<IndexCycle, 'programId' | 'roundId' | 'topN' | 'computation'>,
): Promise<IndexPublication | null> {
  if (cycle.programId === null || cycle.roundId === null) return null;
  const publication = await db.selectFrom('publications').select(['id', 'status']).where('program_id', '=', cycle.programId).executeTakeFirst();
  if (!publication || (publication.status !== 'final' && publication.status !== 'published')) return null;
  const rows = await db.selectFrom('publication_entries')
    .leftJoin('index_candidates', 'index_candidates.application_id', 'publication_entries.application_id')
    .leftJoin('organisations', 'organisations.uscc', 'publication_entries.holder_uscc')
    .select(['publication_entries.rank', 'publication_entries.score', 'publication_entries.holder', 'publication_entries.holder_uscc',
      'index_candidates.rank_p05', 'index_candidates.rank_p95', 'organisations.district', 'organisations.listing', 'organisations.groups'])
    .where('publication_entries.publication_id', '=', publication.id).where('publication_entries.status', '=', 'listed')
    .orderBy('publication_entries.position').execute();
  const entries: IndexPublishedEntry[] = rows.map((r) => ({
    rank: r.rank ?? 0, uscc: r.holder_uscc ?? '', name: r.holder, score: r.score === null ? 0 : Number(r.score),
    rankP05: r.rank_p05, rankP95: r.rank_p95, district: r.district ?? null, listing: (r.listing ?? null) as ListingStatus | null,
    groups: decodeSet<IndustryGroup>(r.groups ?? ','),
  }));
  const decided = await db.selectFrom('round_advancements').innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .select(['applications.uscc', 'round_advancements.rank', 'round_advancements.reason'])
    .where('round_advancements.round_id', '=', cycle.roundId).execute();
  return {
    topN: cycle.topN, evaluated: decided.filter((d) => d.rank !== null).length, entries, breakdown: breakdownOf(entries),
    inputsHash: (cycle.computation as { inputsHash?: string } | null)?.inputsHash ?? '',
    tiedAtCutoff: decided.filter((d) => d.reason === 'tie_admitted').map((d) => d.uscc).sort(),
    publicationId: publication.id,
  };
}
