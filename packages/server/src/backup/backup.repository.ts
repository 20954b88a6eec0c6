/** What a backup records about the database it copies, and what a restore checks of its target. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** The migrations applied, by name, in order: the schema version a backup holds. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return r.rows.map((row) => row.name);
}

/** How many tables a PostgreSQL database holds in its public schema (a restore needs none). */
export async function postgresTableCount(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
