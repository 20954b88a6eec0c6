/**
 * The audit chain under parallel writers, on both databases: SQLite chains each entry in its writer's
 * transaction; PostgreSQL writers commit in parallel and the sealer chains their entries in batches.
 * Either way every committed entry is in the chain exactly once, in one unbroken sequence, and an entry
 * left pending by a process that stopped before sealing is chained by the next seal of any process.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { pendingAuditCount, verifyAudit } from '../src/audit/audit.repository.js';
import { mutate } from '../src/audit/mutate.js';
import { sealAudit } from '../src/audit/sealer.js';
import { systemContext } from '../src/context.js';
import { openStore, type Store } from '../src/db/database.js';
import { DATABASES } from './databases.js';

const ctx = systemContext('en', () => new Date('2026-12-08T08:00:00Z'));
const note = (store: Store, subjectId: string) =>
  mutate(store, ctx, (m) => m.audit({ action: 'test.note', subjectType: 'test', subjectId }));

async function notesBySubject(store: Store): Promise<Map<string, number>> {
  const rows = await sql<{ subject_id: string; n: number }>`
    SELECT subject_id, count(*) AS n FROM audit_log WHERE action = 'test.note' GROUP BY subject_id`.execute(store.db);
  return new Map(rows.rows.map((r) => [r.subject_id, Number(r.n)]));
}

describe.each(DATABASES)('the audit chain under parallel writers on $name', (database) => {
  let opened: Awaited<ReturnType<typeof database.open>>;
  let second: Store;
  beforeAll(async () => {
    opened = await database.open();
    second = openStore(opened.url); // a second pool: another process's writer and sealer
  });
  afterAll(async () => {
    await second.close();
    await opened.dispose();
  });

  it('chains 400 parallel writes exactly once each, in one unbroken sequence (PostgreSQL: through two pools)', async () => {
    const { store } = opened;
    const before = await verifyAudit(store.db);
    expect(before.ok).toBe(true);
    // Two SQLite connections in one thread cannot wait for each other's write lock: one pool there.
    const writer = (i: number) => (i % 2 === 0 || database.name === 'sqlite' ? store : second);
    await Promise.all(Array.from({ length: 400 }, (_, i) => note(writer(i), `w${i}`)));
    // Every writer was answered after its entry was chained: nothing is left pending.
    expect(await pendingAuditCount(store.db)).toBe(0);
    const after = await verifyAudit(store.db);
    expect(after).toMatchObject({ ok: true, count: (before.ok ? before.count : 0) + 400 });
    const seen = await notesBySubject(store);
    expect(seen.size).toBe(400);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('chains an entry a stopped process committed but never sealed at the next seal', async () => {
    const { store } = opened;
    const count = async () => {
      const v = await verifyAudit(store.db);
      if (!v.ok) throw new Error(`chain broken at ${v.brokenAt}`);
      return v.count;
    };
    const start = await count();
    // What a writer on PostgreSQL leaves when its process ends between commit and seal.
    await outsideAudit('a test plays a process that stopped before sealing', () => store.db.insertInto('audit_pending').values({
      at: ctx.now().toISOString(), actor_id: null, actor_name: 'system', action: 'test.note', subject_type: 'test',
      subject_id: 'orphan', before: null, after: null, ip: null,
    }).execute());
    expect(await pendingAuditCount(store.db)).toBe(1);
    await sealAudit(second);
    expect(await pendingAuditCount(store.db)).toBe(0);
    expect(await count()).toBe(start + 1);
    expect((await notesBySubject(store)).get('orphan')).toBe(1);
  });
});
