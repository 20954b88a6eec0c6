/**
 * How a TOP100 cycle reads: the state of a program's index round, its name and year read from the
 * program, list size, seed and spec from the round's config (the config wins over the values the
 * cycle was created with), published when the round is closed (its list is then the program's
 * publication). A candidate's name and sources are its pool entry's.
 */
import { type IndexCandidate, type IndexCycle, type IndexCycleStatus, KepingError, type PoolSource } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { candidateRows, type CycleRow, cycleRow, cycleRows } from './cycle.repository.js';
import { indexPublicationOf } from './published-list.js';

export function toCycle(row: CycleRow): Omit<IndexCycle, 'publication'> {
  const parse = (t: string | null) => (t === null ? null : (JSON.parse(t) as unknown));
  const config = row.round_config ? (JSON.parse(row.round_config) as { topN?: number; seed?: string; spec?: unknown }) : {};
  const closed = row.round_status === 'closed';
  return {
    id: row.id, programId: row.program_id, roundId: row.round_id, name: row.title_zh ?? row.name,
    title: { zh: row.title_zh ?? row.name, en: row.title_en ?? row.name }, year: row.cycle_year ?? row.year,
    topN: config.topN ?? row.top_n, spec: config.spec ?? JSON.parse(row.spec), seed: config.seed ?? row.seed,
    status: (closed ? 'published' : row.status) as IndexCycleStatus, computation: parse(row.computation),
    isDemo: row.is_demo === 1, createdAt: row.created_at, computedAt: row.computed_at, publishedAt: closed ? row.round_closed_at : null,
  };
}

export function toCandidate(row: Omit<Database['index_candidates'], 'sources'> & { sources: string | null }): IndexCandidate {
  return {
    uscc: row.uscc, name: row.name, sources: JSON.parse(row.sources ?? '[]') as PoolSource[],
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, number | null>),
    excluded: row.excluded === 1, exclusionReason: row.exclusion_reason, score: row.score === null ? null : Number(row.score), rank: row.rank,
    rankMedian: row.rank_median, rankP05: row.rank_p05, rankP95: row.rank_p95,
    groupScores: row.group_scores === null ? null : (JSON.parse(row.group_scores) as Record<string, number | null>),
  };
}

/** The cycle, with its published list when its round is closed. */
export async function findCycle(db: Kysely<Database>, id: number): Promise<IndexCycle> {
  const row = await cycleRow(db, id);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  const cycle = toCycle(row);
  return { ...cycle, publication: cycle.status === 'published' ? await indexPublicationOf(db, cycle) : null };
}

/** Every cycle, or only the published ones (those whose round is closed). */
export async function listCycles(db: Kysely<Database>, options: { publishedOnly?: boolean } = {}): Promise<IndexCycle[]> {
  return (await cycleRows(db, options.publishedOnly ? 'closed' : undefined)).map((r) => ({ ...toCycle(r), publication: null }));
}

/** The pool with each entry's values; name and sources are the pool entry's (its application row). */
export async function listCandidates(db: Kysely<Database>, cycleId: number): Promise<IndexCandidate[]> {
  const rows = await candidateRows(db, cycleId);
  return rows.map((r) => toCandidate({ ...r, name: r.entry_title ?? r.name, sources: r.entry_sources ?? r.sources }));
}
