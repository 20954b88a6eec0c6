/**
 * Row locks for the read-then-write sequences a service cannot turn into one conditional statement:
 * "the round is still open, so this sheet may be saved", "the quota still has room, so this grant may
 * pass". On PostgreSQL (READ COMMITTED) two transactions would both read the old state; locking the
 * guarding row first makes the second wait for the first and then read what it committed. SQLite runs
 * one write transaction at a time (Kysely holds its one connection for the whole transaction), so
 * there is nothing to lock there: the read runs without the clause.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from './database.js';
import type { Database } from './schema.js';

/** Tables whose rows guard other writes, each with an integer `id`. */
export type GuardTable = 'program_rounds' | 'scoring_assignments' | 'award_types' | 'index_cycles' | 'applications' | 'publications' | 'panels';

/**
 * `update` for a writer of the guarding row itself or of something only one may do at a time;
 * `share` for writers that only need the guard not to change under them (many may hold it at once).
 */
export async function lockRow(m: { trx: Kysely<Database>; dialect: Dialect }, table: GuardTable, id: number, mode: 'update' | 'share' = 'update'): Promise<void> {
  // SQLite has no lock clause and needs none: the same read without it keeps one function for both dialects.
  const lock = m.dialect !== 'postgres' ? sql`` : mode === 'update' ? sql`FOR UPDATE` : sql`FOR SHARE`;
  await sql`SELECT id FROM ${sql.table(table)} WHERE id = ${id} ${lock}`.execute(m.trx);
}
