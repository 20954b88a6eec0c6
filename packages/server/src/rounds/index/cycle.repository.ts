/**
 * Queries on TOP100 cycles (the state row of a program's index round, joined with its program and
 * round) and their candidates. What a cycle reads as (cycles.ts) and who sees it is decided outside.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, IndexCandidateTable, IndexCycleTable } from '../../db/schema.js';

function cycleQuery(db: Kysely<Database>) {
  return db.selectFrom('index_cycles')
    .leftJoin('program_rounds', 'program_rounds.id', 'index_cycles.round_id')
    .leftJoin('programs', 'programs.id', 'program_rounds.program_id')
    .selectAll('index_cycles')
    .select(['programs.id as program_id', 'programs.title_zh', 'programs.title_en', 'programs.cycle_year', 'program_rounds.config as round_config',
      'program_rounds.status as round_status', 'program_rounds.closed_at as round_closed_at']);
}
export type CycleRow = Awaited<ReturnType<ReturnType<typeof cycleQuery>['executeTakeFirstOrThrow']>>;

export function cycleRow(db: Kysely<Database>, id: number): Promise<CycleRow | undefined> {
  return cycleQuery(db).where('index_cycles.id', '=', id).executeTakeFirst();
}

/** Cycles, latest year first; only those whose round has `roundStatus` when given. */
export function cycleRows(db: Kysely<Database>, roundStatus?: string): Promise<CycleRow[]> {
  let q = cycleQuery(db).orderBy((eb) => eb.fn.coalesce('programs.cycle_year', 'index_cycles.year'), 'desc').orderBy('index_cycles.id', 'desc');
  if (roundStatus !== undefined) q = q.where('program_rounds.status', '=', roundStatus);
  return q.execute();
}

/** The cycle of an index round, if it has one. */
export async function cycleIdOfRound(db: Kysely<Database>, roundId: number): Promise<number | undefined> {
  return (await db.selectFrom('index_cycles').select('id').where('round_id', '=', roundId).executeTakeFirst())?.id;
}

export async function insertCycleRow(db: Kysely<Database>, values: Insertable<IndexCycleTable>): Promise<number> {
  return (await db.insertInto('index_cycles').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCycleRow(db: Kysely<Database>, id: number, values: Updateable<IndexCycleTable>): Promise<void> {
  await db.updateTable('index_cycles').set(values).where('id', '=', id).execute();
}

/** A computed ranking no longer matches its inputs once they change. */
export async function markStale(db: Kysely<Database>, cycleId: number): Promise<void> {
  await db.updateTable('index_cycles').set({ status: 'stale' }).where('id', '=', cycleId).where('status', '=', 'computed').execute();
}

/** The pool with each entry's values and its pool entry's title and sources, ranked first. */
export function candidateRows(db: Kysely<Database>, cycleId: number) {
  return db.selectFrom('index_candidates').leftJoin('applications', 'applications.id', 'index_candidates.application_id')
    .selectAll('index_candidates').select(['applications.title as entry_title', 'applications.sources as entry_sources'])
    .where('index_candidates.cycle_id', '=', cycleId)
    .orderBy((eb) => eb.fn.coalesce('index_candidates.rank', eb.lit(2147483647))).orderBy('index_candidates.uscc').execute();
}

/** Code and name of each candidate, by code. */
export function candidateCodes(db: Kysely<Database>, cycleId: number): Promise<{ uscc: string; name: string }[]> {
  return db.selectFrom('index_candidates').select(['uscc', 'name']).where('cycle_id', '=', cycleId).orderBy('uscc').execute();
}

export function findCandidate(db: Kysely<Database>, cycleId: number, uscc: string) {
  return db.selectFrom('index_candidates').select(['excluded', 'exclusion_reason', 'data'])
    .where('cycle_id', '=', cycleId).where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertCandidate(db: Kysely<Database>, values: Insertable<IndexCandidateTable>): Promise<void> {
  await db.insertInto('index_candidates').values(values).execute();
}

export async function updateCandidate(db: Kysely<Database>, cycleId: number, uscc: string, values: Updateable<IndexCandidateTable>): Promise<void> {
  await db.updateTable('index_candidates').set(values).where('cycle_id', '=', cycleId).where('uscc', '=', uscc).execute();
}

/** The index round's entries with their values, exclusion, score and rank, by entry. */
export function roundCandidates(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('index_candidates').innerJoin('index_cycles', 'index_cycles.id', 'index_candidates.cycle_id')
    .select(['index_candidates.application_id', 'index_candidates.data', 'index_candidates.excluded', 'index_candidates.exclusion_reason',
      'index_candidates.score', 'index_candidates.rank'])
    .where('index_cycles.round_id', '=', roundId).where('index_candidates.application_id', 'is not', null)
    .orderBy('index_candidates.application_id').execute();
}
