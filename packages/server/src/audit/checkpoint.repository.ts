/** Queries of signed audit checkpoints: the head they vouch for, the entry they name, and their list. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuditCheckpointTable } from '../db/schema-audit.js';

export type CheckpointRow = Omit<AuditCheckpointTable, 'id'> & { id: number };

export async function readAuditHead(db: Kysely<Database>): Promise<{ lastId: number; lastHash: string } | undefined> {
  const head = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  return head ? { lastId: head.last_id, lastHash: head.last_hash } : undefined;
}

export async function auditEntryHash(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash;
}

export function insertCheckpoint(db: Kysely<Database>, row: Omit<AuditCheckpointTable, 'id'>): Promise<CheckpointRow> {
  return db.insertInto('audit_checkpoints').values(row).returningAll().executeTakeFirstOrThrow();
}

export function latestCheckpoint(db: Kysely<Database>): Promise<CheckpointRow | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function listCheckpoints(
  db: Kysely<Database>, page: { page: number; pageSize: number },
): Promise<{ rows: CheckpointRow[]; total: number }> {
  const total = Number((await db.selectFrom('audit_checkpoints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return { rows, total };
}

export async function checkpointOnDay(db: Kysely<Database>, day: string): Promise<boolean> {
  return (await db.selectFrom('audit_checkpoints').select('id').where('day', '=', day).limit(1).executeTakeFirst()) !== undefined;
}

/** Whether a checkpoint job was already queued for `day` (whatever became of it: one attempt a day). */
export async function checkpointJobQueued(db: Kysely<Database>, kind: string, input: string): Promise<boolean> {
  return (await db.selectFrom('jobs').select('id').where('kind', '=', kind).where('input', '=', input).limit(1).executeTakeFirst()) !== undefined;
}
