import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../src/audit/audit.repository.js';
import { sealAudit } from '../src/audit/sealer.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { createOrganisation, updateOrganisation } from '../src/registry/organisation.service.js';
import { DATABASES } from './databases.js';

const ctx = systemContext('en', () => new Date('2026-11-25T08:00:00Z'));
const ORG = { uscc: '91350100M000100Y43', name: '示例科技有限公司', district: '浦东', industryCode: '3973' };

/** Removes the append-only triggers, as someone with direct database access could. */
async function dropGuards(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
  } else {
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(store.db);
  }
}

describe.each(DATABASES)('storage on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await database.open());
  });
  afterAll(async () => dispose());

  it('migrations are idempotent', async () => {
    expect(await migrateToLatest(store)).toBe(0);
  });

  it('creates an organisation with derived groups and its audit entry in one transaction', async () => {
    const org = await createOrganisation(store, ctx, ORG);
    expect(org.uscc).toBe('91350100M000100Y43');
    expect(org.district).toBe('310115');
    expect(org.industryCode).toBe('C3973');
    expect(org.groups).toEqual(['ic', 'electronic_information']);
    expect(org.talentFields).toEqual(['ic']);
    const entries = await store.db.selectFrom('audit_log').selectAll().where('subject_id', '=', org.uscc).execute();
    expect(entries.map((e) => e.action)).toEqual(['organisation.create']);
  });

  it('a failed write leaves nothing behind: no row, no audit entry', async () => {
    const before = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await expect(createOrganisation(store, ctx, ORG)).rejects.toMatchObject({ code: 'USCC_TAKEN' });
    await expect(createOrganisation(store, ctx, { ...ORG, uscc: '91350100M000100Y44' })).rejects.toMatchObject({ code: 'USCC_CHECK_CHARACTER' });
    const after = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('records before and after of the changed fields only', async () => {
    await updateOrganisation(store, ctx, ORG.uscc, { ...ORG, name: '示例集成电路有限公司', groupsOverride: ['ai'] });
    const last = await store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.action).toBe('organisation.update');
    expect(JSON.parse(last.before ?? '{}')).toEqual({ name: '示例科技有限公司', groupsOverride: null });
    expect(JSON.parse(last.after ?? '{}')).toEqual({ name: '示例集成电路有限公司', groupsOverride: ['ai'] });
  });

  it('the trail refuses updates and deletes through the database', async () => {
    await expect(sql`UPDATE audit_log SET actor_name = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it('verify reports an edited entry, then a deleted one, then a deleted tail', async () => {
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i++) await appendAudit(trx, store.dialect, ctx, { action: 'test.note', subjectType: 'test', subjectId: String(i) });
    });
    // PostgreSQL: committed, not yet chained until the sealer runs; SQLite: chained in the transaction.
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true, count: store.dialect === 'postgres' ? 2 : 7 });
    await sealAudit(store);
    const good = await verifyAudit(store.db);
    expect(good).toMatchObject({ ok: true, count: 7 });

    await dropGuards(store);
    await sql`UPDATE audit_log SET after = '{"forged":true}' WHERE id = 4`.execute(store.db);
    expect(await verifyAudit(store.db)).toEqual({ ok: false, brokenAt: 4, reason: 'hash' });

    // Re-hashing the edited entry does not help: the next entry no longer follows it.
    const row = await store.db.selectFrom('audit_log').selectAll().where('id', '=', 4).executeTakeFirstOrThrow();
    const { entryHash } = await import('../src/audit/audit.repository.js');
    await sql`UPDATE audit_log SET hash = ${entryHash(row)} WHERE id = 4`.execute(store.db);
    expect(await verifyAudit(store.db)).toEqual({ ok: false, brokenAt: 5, reason: 'prev' });

    await sql`DELETE FROM audit_log WHERE id IN (4, 5)`.execute(store.db);
    expect(await verifyAudit(store.db)).toEqual({ ok: false, brokenAt: 6, reason: 'gap', missing: 4 });

    await sql`DELETE FROM audit_log WHERE id >= 4`.execute(store.db);
    expect(await verifyAudit(store.db)).toMatchObject({ ok: false, reason: 'head', missing: 4 });
  });
});
