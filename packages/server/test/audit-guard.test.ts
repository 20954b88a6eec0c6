/**
 * Audit by construction: every table of the migrated schema is either guarded (a write needs `mutate`
 * and an audit entry in the same transaction) or listed with its reason in UNAUDITED_TABLES.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNAUDITED_TABLES, UnauditedWriteError } from '../src/audit/audit-guard.js';
import { mutate } from '../src/audit/mutate.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { DATABASES } from './databases.js';

async function tablesOf(store: Store): Promise<string[]> {
  const rows = store.dialect === 'sqlite'
    ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(store.db)
    : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(store.db);
  return rows.rows.map((r) => r.name).sort();
}

const org = (uscc: string) => ({
  uscc, name: `审计测试${uscc.slice(-2)}`, kind: null, district: null, industry_code: null, established: null, listing: null,
  groups: ',', talent_fields: ',', derived_groups: ',', derived_talent_fields: ',', groups_override: null,
  talent_fields_override: null, contacts: '[]', is_demo: 0, import_id: null,
  created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
});

describe.each(DATABASES)('audit guard on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const ctx = systemContext();

  beforeAll(async () => {
    ({ store, dispose } = await database.open());
  });
  afterAll(async () => {
    await dispose();
  });

  it('names a reason for every unaudited table, and each exists', async () => {
    const tables = await tablesOf(store);
    for (const t of Object.keys(UNAUDITED_TABLES)) expect(tables).toContain(t);
    expect(tables.filter((t) => !(t in UNAUDITED_TABLES)).length).toBeGreaterThan(30);
  });

  it('refuses a write to any guarded table outside mutate, and inside mutate without an audit entry', async () => {
    const guarded = (await tablesOf(store)).filter((t) => !(t in UNAUDITED_TABLES));
    for (const table of guarded) {
      const name = table as 'organisations';
      await expect(store.db.deleteFrom(name).execute(), table).rejects.toBeInstanceOf(UnauditedWriteError);
      await expect(store.db.updateTable(name).set({ name: 'x' }).execute(), table).rejects.toBeInstanceOf(UnauditedWriteError);
      await expect(mutate(store, ctx, (m) => m.trx.deleteFrom(name).execute()), table)
        .rejects.toBeInstanceOf(UnauditedWriteError);
    }
    await expect(sql`UPDATE organisations SET name = 'x'`.execute(store.db)).rejects.toBeInstanceOf(UnauditedWriteError);
  });

  it('rolls back the writes of a mutation that left no audit entry, and commits one that did', async () => {
    await expect(mutate(store, ctx, (m) => m.trx.insertInto('organisations').values(org('91310000AUDIT00001')).execute()))
      .rejects.toBeInstanceOf(UnauditedWriteError);
    expect(await store.db.selectFrom('organisations').selectAll().where('uscc', '=', '91310000AUDIT00001').execute()).toEqual([]);

    const before = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await mutate(store, ctx, async (m) => {
      await m.trx.insertInto('organisations').values(org('91310000AUDIT00002')).execute();
      // A nested mutate joins the outer one: same transaction, and the outer entry covers it.
      await mutate(store, ctx, (inner) => inner.trx.updateTable('organisations').set({ district: '310101' })
        .where('uscc', '=', '91310000AUDIT00002').execute());
      await m.audit({ action: 'organisation.create', subjectType: 'organisation', subjectId: '91310000AUDIT00002' });
    });
    const row = await store.db.selectFrom('organisations').select('district').where('uscc', '=', '91310000AUDIT00002').executeTakeFirst();
    expect(row?.district).toBe('310101');
    const after = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});
