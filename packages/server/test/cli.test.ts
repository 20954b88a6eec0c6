/** The `keping` command as a user runs it: a child process, real exit codes, translated messages. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/database.js';
import { DATABASES } from './databases.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');

describe.each(DATABASES)('keping CLI on $name', (database) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, url, dispose } = await database.open());
  });
  afterAll(async () => dispose());

  const keping = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8', env: { ...process.env, KEPING_DATABASE_URL: url, KEPING_LANG: 'zh-CN', ...env }, input: '',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('prints usage and exits 2 on no command, unknown commands and bad options', () => {
    expect(keping([]).code).toBe(2);
    const unknown = keping(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令“frobnicate”');
    expect(keping(['import', 'organisations', 'a.csv', '--bogus']).code).toBe(2);
    expect(keping(['--help']).code).toBe(0);
    expect(keping(['--help'], { KEPING_LANG: 'en' }).out).toContain('Usage: keping <command>');
  });

  it('migrates (nothing left to do), seeds the demo once, and creates a user with the policy enforced', () => {
    expect(keping(['migrate']).out).toContain('数据库已是最新（本次执行0个迁移）');
    const demo = keping(['demo', '--count', '120']);
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('已生成120个演示机构和6个用户');
    expect(keping(['demo']).out).toContain('演示数据已存在（120个机构）');
    const weak = keping(['user', 'create', 'lisi', '--role', 'staff', '--password', 'short'], { KEPING_LANG: 'en' });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('A password needs at least 10 characters');
    const ok = keping(['user', 'create', 'lisi', '--role', 'staff', '--name', '李四'], { KEPING_PASSWORD: 'Long-enough-9' });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('已创建用户lisi，角色工作人员');
  });

  it('audit verify exits 0 on an intact chain and 1 naming the first broken entry', async () => {
    const good = keping(['audit', 'verify']);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/审计链完整：共\d+条/);
    if (store.dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    else await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(store.db);
    await sql`UPDATE audit_log SET actor_name = 'mallory' WHERE id = 2`.execute(store.db);
    const bad = keping(['audit', 'verify'], { KEPING_LANG: 'en' });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Audit trail BROKEN at entry 2: its content does not match its hash (edited)');
  });
});
