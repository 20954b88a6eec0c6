/** Queries on TOP100 cycles and their candidates. */
import { type IndexCandidate, type IndexCycle, type IndexCycleStatus, KepingError } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database, IndexCandidateTable, IndexCycleTable } from '../../db/schema.js';
import type { PoolSource } from './sources.js';

type CycleRow = Omit<IndexCycleTable, 'id'> & { id: number };

export function toCycle(row: CycleRow): IndexCycle {
  const parse = (t: string | null) => (t === null ? null : (JSON.parse(t) as unknown));
  return {
    id: row.id, name: row.name, year: row.year, topN: row.top_n, spec: JSON.parse(row.spec) as unknown, seed: row.seed,
    status: row.status as IndexCycleStatus, computation: parse(row.computation), publication: parse(row.publication),
    isDemo: row.is_demo === 1, createdAt: row.created_at, computedAt: row.computed_at, publishedAt: row.published_at,
  };
}

export function toCandidate(row: IndexCandidateTable): IndexCandidate {
  return {
    uscc: row.uscc, name: row.name, sources: JSON.parse(row.sources) as PoolSource[],
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, number | null>),
    excluded: row.excluded === 1, exclusionReason: row.exclusion_reason, score: row.score, rank: row.rank,
    rankMedian: row.rank_median, rankP05: row.rank_p05, rankP95: row.rank_p95,
    groupScores: row.group_scores === null ? null : (JSON.parse(row.group_scores) as Record<string, number | null>),
  };
}

export async function findCycle(db: Kysely<Database>, id: number): Promise<IndexCycle> {
  const row = await db.selectFrom('index_cycles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return toCycle(row);
}

export async function listCandidates(db: Kysely<Database>, cycleId: number): Promise<IndexCandidate[]> {
  const rows = await db.selectFrom('index_candidates').selectAll().where('cycle_id', '=', cycleId)
    .orderBy((eb) => eb.fn.coalesce('rank', eb.lit(2147483647))).orderBy('uscc').execute();
  return rows.map(toCandidate);
}
