/** Queries on the imports table: one row per organisation import that committed. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function insertImport(
  db: Kysely<Database>, values: { at: string; actorId: number | null; fileName: string; sha256?: string },
): Promise<number> {
  const row = await db.insertInto('imports').values({
    at: values.at, actor_id: values.actorId, file_name: values.fileName, sha256: values.sha256 ?? '', rows: 0, created: 0, updated: 0,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishImport(
  db: Kysely<Database>, id: number, totals: { rows: number; created: number; updated: number; sha256?: string },
): Promise<void> {
  await db.updateTable('imports').set(totals).where('id', '=', id).execute();
}
