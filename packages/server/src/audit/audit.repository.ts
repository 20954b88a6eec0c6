/**
 * The audit trail (审计记录): append-only, each entry chained to the previous by SHA-256.
 * Writers call `appendAudit` inside their own transaction, so a change and its entry commit together;
 * the sealer chains committed entries in batches (chainPending), so writers never queue behind one lock.
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

type Unchained = Omit<AuditLogTable, 'id' | 'prev_hash' | 'hash'>;

/**
 * Records an entry in the writer's transaction, so a change and its entry commit together. SQLite runs
 * one writer at a time: the entry joins the chain there and then. PostgreSQL writers run in parallel:
 * the entry waits in audit_pending, and the sealer (audit/sealer.ts, awaited by `mutate` after the
 * commit) chains committed entries in batches, one short lock per batch instead of one per change.
 */
export async function appendAudit(trx: Transaction<Database>, dialect: Dialect, ctx: RequestContext, input: AuditInput): Promise<'chained' | 'pending'> {
  const entry: Unchained = {
    at: ctx.now().toISOString(),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
    ip: ctx.ip,
  };
  if (dialect === 'postgres') {
    await trx.insertInto('audit_pending').values(entry).execute();
    return 'pending';
  }
  await chain(trx, [entry]);
  return 'chained';
}

/** Appends `entries` to the chain after its head, in order, and moves the head. */
async function chain(trx: Transaction<Database>, entries: Unchained[]): Promise<void> {
  const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  let last = { id: head?.last_id ?? 0, hash: head?.last_hash ?? GENESIS_HASH };
  const rows: AuditLogTable[] = entries.map((entry) => {
    const row = { ...entry, id: last.id + 1, prev_hash: last.hash };
    last = { id: row.id, hash: entryHash(row) };
    return { ...row, hash: last.hash };
  });
  for (let i = 0; i < rows.length; i += 100) await trx.insertInto('audit_log').values(rows.slice(i, i + 100)).execute();
  if (head) {
    await trx.updateTable('audit_head').set({ last_id: last.id, last_hash: last.hash }).where('id', '=', 1).execute();
  } else {
    await trx.insertInto('audit_head').values({ id: 1, last_id: last.id, last_hash: last.hash }).execute();
  }
}

/**
 * Chains up to `max` committed pending entries onto the trail, oldest first, in one transaction;
 * returns how many. On PostgreSQL one advisory lock orders the sealers of every process, and each reads
 * the pending rows only once it holds it, so no entry is chained twice.
 */
export function chainPending(db: Kysely<Database>, dialect: Dialect, max: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7340101)`.execute(trx);
    const pending = await trx.selectFrom('audit_pending').selectAll().orderBy('id').limit(max).execute();
    if (pending.length === 0) return 0;
    await chain(trx, pending.map(({ id: _pendingId, ...entry }) => entry));
    const ids = pending.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 500) await trx.deleteFrom('audit_pending').where('id', 'in', ids.slice(i, i + 500)).execute();
    return pending.length;
  });
}

/** Entries committed but not yet chained: a moment's worth while writers run; more means the sealer is failing. */
export async function pendingAuditCount(db: Kysely<Database>): Promise<number> {
  return Number((await db.selectFrom('audit_pending').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
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
