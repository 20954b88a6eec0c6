/**
 * The audit trail (审计记录): append-only, each entry chained to the previous by SHA-256.
 * Writers call `appendAudit` inside their own transaction, so a change and its entry commit together.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Dialect } from '../db/database.js';
import type { AuditLogTable, Database } from '../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/** Stable JSON: keys sorted, so the hash does not depend on insertion order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function entryHash(row: Omit<AuditLogTable, 'hash'>): string {
  const body = canonicalJson({
    id: row.id, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action,
    subjectType: row.subject_type, subjectId: row.subject_id, before: row.before, after: row.after, ip: row.ip,
  });
  return createHash('sha256').update(`${row.prev_hash}\n${body}`).digest('hex');
}

export async function appendAudit(
  trx: Transaction<Database>,
  dialect: Dialect,
  ctx: RequestContext,
  input: AuditInput,
): Promise<AuditEntry> {
  // Several server processes may share PostgreSQL: one writer at a time extends the chain.
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7340101)`.execute(trx);
  const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const row = {
    id: (head?.last_id ?? 0) + 1,
    at: ctx.now().toISOString(),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
    ip: ctx.ip,
    prev_hash: head?.last_hash ?? GENESIS_HASH,
  };
  const hash = entryHash(row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  if (head) {
    await trx.updateTable('audit_head').set({ last_id: row.id, last_hash: hash }).where('id', '=', 1).execute();
  } else {
    await trx.insertInto('audit_head').values({ id: 1, last_id: row.id, last_hash: hash }).execute();
  }
  return toEntry({ ...row, hash });
}

function parse(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export function toEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action,
    subjectType: row.subject_type, subjectId: row.subject_id, before: parse(row.before), after: parse(row.after),
    ip: row.ip, prevHash: row.prev_hash, hash: row.hash,
  };
}

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; brokenAt: number; reason: 'hash' | 'prev' | 'gap' | 'head'; missing?: number };

/** Walks the chain in id order and reports the first broken link. */
export async function verifyAudit(db: Kysely<Database>): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', prevId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id !== prevId + 1) return { ok: false, brokenAt: row.id, reason: 'gap', missing: prevId + 1 };
      if (row.prev_hash !== prevHash) return { ok: false, brokenAt: row.id, reason: 'prev' };
      if (entryHash(row) !== row.hash) return { ok: false, brokenAt: row.id, reason: 'hash' };
      prevHash = row.hash;
      prevId = row.id;
      count++;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if ((head?.last_id ?? 0) !== prevId || (head?.last_hash ?? GENESIS_HASH) !== prevHash) {
    return { ok: false, brokenAt: prevId + 1, reason: 'head', missing: prevId + 1 };
  }
  return { ok: true, count, lastHash: prevHash };
}

export async function listAudit(
  db: Kysely<Database>,
  filter: { subjectType?: string; subjectId?: string; page: number; pageSize: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize).execute();
  return { items: rows.map(toEntry), total };
}

/** The id of the trail's last entry (0 for none): it moves with every write, so caches of published pages key on it. */
export async function auditHeadId(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('audit_head').select('last_id').where('id', '=', 1).executeTakeFirst();
  return head?.last_id ?? 0;
}
