/**
 * Signed audit checkpoints: `keping audit checkpoint` signs and publishes the head; `audit verify
 * --checkpoint` then catches what the hash chain alone cannot — the tail deleted with the head moved
 * back, the whole chain rewritten from an earlier entry — and a forged or altered checkpoint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticOrganisations } from '@keping/core';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { entryHash, verifyAudit } from '../src/audit/audit.repository.js';
import { type Checkpoint, generateSigningKey } from '../src/audit/checkpoint.js';
import { scheduleDailyCheckpoint } from '../src/audit/checkpoint.job.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { runPendingJobs } from '../src/jobs/job.service.js';
import { JOBS } from '../src/jobs/registry.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import { DATABASES } from './databases.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');
const dir = mkdtempSync(join(tmpdir(), 'keping-checkpoint-'));
const KEY = join(dir, 'key.pem');
const OTHER_KEY = join(dir, 'other.pem');
const orgs = syntheticOrganisations({ count: 40, seed: 'checkpoints', untilYear: 2024 });
let orgIndex = 0;

beforeAll(() => {
  generateSigningKey(KEY);
  generateSigningKey(OTHER_KEY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends `n` audit entries the ordinary way (each organisation created through mutate). */
async function addEntries(store: Store, n: number): Promise<void> {
  const ctx = systemContext('zh-CN');
  for (let i = 0; i < n; i++) {
    const o = orgs[orgIndex++ % orgs.length];
    if (!o) throw new Error('no organisation');
    await createOrganisation(store, ctx, { uscc: o.uscc, name: o.name, district: o.district, industryCode: o.industryCode });
  }
}

async function allowTampering(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
  } else {
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(store.db);
  }
}

/** Deletes every entry after `keep` and moves the head back to it: the chain alone still verifies. */
async function truncateTo(store: Store, keep: number): Promise<void> {
  const last = await sql<{ hash: string }>`SELECT hash FROM audit_log WHERE id = ${keep}`.execute(store.db);
  await sql`DELETE FROM audit_log WHERE id > ${keep}`.execute(store.db);
  await sql`UPDATE audit_head SET last_id = ${keep}, last_hash = ${last.rows[0]?.hash ?? ''} WHERE id = 1`.execute(store.db);
}

/** Edits entry `id` and recomputes every hash after it and the head: a consistent forgery. */
async function rewriteFrom(store: Store, id: number): Promise<void> {
  await sql`UPDATE audit_log SET actor_name = 'mallory' WHERE id = ${id}`.execute(store.db);
  const rows = (await store.db.selectFrom('audit_log').selectAll().where('id', '>=', id).orderBy('id').execute());
  let prev = (await sql<{ hash: string }>`SELECT hash FROM audit_log WHERE id = ${id - 1}`.execute(store.db)).rows[0]?.hash ?? '0'.repeat(64);
  for (const row of rows) {
    const hash = entryHash({ ...row, prev_hash: prev });
    await sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${hash} WHERE id = ${row.id}`.execute(store.db);
    prev = hash;
  }
  await sql`UPDATE audit_head SET last_hash = ${prev} WHERE id = 1`.execute(store.db);
}

// Each test runs the CLI several times; a child process starts in seconds on a loaded machine.
describe.each(DATABASES)('audit checkpoints on $name', { timeout: 240_000 }, (database) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  afterEach(async () => dispose());

  const fresh = async (entries: number) => {
    ({ store, url, dispose } = await database.open());
    await addEntries(store, entries);
  };
  const keping = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8', env: { ...process.env, KEPING_DATABASE_URL: url, KEPING_LANG: 'en', KEPING_AUDIT_KEY_FILE: KEY, ...env }, input: '',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const checkpoint = (name: string): { file: string; body: Checkpoint } => {
    const file = join(dir, `${database.name}-${name}.json`);
    const r = keping(['audit', 'checkpoint', '--out', file]);
    expect(r.code, r.err).toBe(0);
    return { file, body: JSON.parse(readFileSync(file, 'utf8')) as Checkpoint };
  };

  it('signs and publishes the head; without a key it says how to make one', async () => {
    await fresh(3);
    const missing = keping(['audit', 'checkpoint'], { KEPING_AUDIT_KEY_FILE: '', KEPING_LANG: 'zh-CN' });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('未配置审计签名密钥');
    expect(keping(['audit', 'keygen', '--out', KEY]).err).toContain('already exists');

    const { body } = checkpoint('publish');
    expect(body).toMatchObject({ sequence: 3 });
    expect(body.hash).toMatch(/^[0-9a-f]{64}$/);
    const { app } = await buildApp({ store, webDist: '/nonexistent' });
    const latest = await app.inject({ method: 'GET', url: '/api/public/audit-checkpoints/latest' });
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual(body);
    const list = await app.inject({ method: 'GET', url: '/api/public/audit-checkpoints' });
    expect(list.json()).toMatchObject({ total: 1, items: [body] });
    await app.close();
  });

  it('passes on an untouched trail, fails on a bad signature or a foreign key', async () => {
    await fresh(4);
    const { file, body } = checkpoint('intact');
    await addEntries(store, 2); // later entries do not matter
    const ok = keping(['audit', 'verify', '--checkpoint', file]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Audit trail intact: 6 entries');
    expect(ok.out).toContain('The signed checkpoint (entry 4');

    const forged = join(dir, `${database.name}-forged.json`);
    writeFileSync(forged, JSON.stringify({ ...body, sequence: 2 }));
    const bad = keping(['audit', 'verify', '--checkpoint', forged]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('The checkpoint\'s signature is not valid');

    const foreign = keping(['audit', 'verify', '--checkpoint', file], { KEPING_AUDIT_KEY_FILE: OTHER_KEY });
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('signed with another key');
  });

  it('detects the tail deleted and the head moved back, which the chain alone does not', async () => {
    await fresh(3);
    const early = checkpoint('early');
    await addEntries(store, 3);
    const late = checkpoint('late');
    expect(late.body.sequence).toBe(6);
    await allowTampering(store);
    await truncateTo(store, 4);
    expect((await verifyAudit(store.db)).ok).toBe(true); // consistent after the cut
    const cut = keping(['audit', 'verify', '--checkpoint', late.file], { KEPING_LANG: 'zh-CN' });
    expect(cut.code).toBe(1);
    expect(cut.err).toContain('审计链被截断：现止于第4条，而已签名的检查点证明曾有第6条');
    expect(keping(['audit', 'verify', '--checkpoint', early.file]).code).toBe(0); // entry 3 is untouched

    // Cut, then new entries appended past the checkpoint: the entry it names has another hash.
    await addEntries(store, 3);
    const regrown = keping(['audit', 'verify', '--checkpoint', late.file]);
    expect(regrown.code).toBe(1);
    expect(regrown.err).toContain('entry 6 no longer has the hash the checkpoint signed');
  });

  it('detects an entry before the checkpoint rewritten with every later hash recomputed', async () => {
    await fresh(5);
    const { file } = checkpoint('rewrite');
    await allowTampering(store);
    await rewriteFrom(store, 2);
    expect((await verifyAudit(store.db)).ok).toBe(true); // the forgery is self-consistent
    const r = keping(['audit', 'verify', '--checkpoint', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('The audit trail was rewritten: entry 5');
  });

  it('is written daily by the job worker when a key is configured, once per Shanghai day', async () => {
    await fresh(2);
    const clock = { now: new Date('2026-12-07T15:30:00Z') }; // 23:30 in Shanghai
    const ctx = systemContext('zh-CN', () => clock.now);
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_checkpoints`.execute(store.db)).rows[0]?.n);
    expect(await scheduleDailyCheckpoint(store.db, ctx, {})).toBe(false); // no key: nothing queued
    const saved = process.env.KEPING_AUDIT_KEY_FILE;
    process.env.KEPING_AUDIT_KEY_FILE = KEY;
    try {
      const env = { KEPING_AUDIT_KEY_FILE: KEY };
      expect(await scheduleDailyCheckpoint(store.db, ctx, env)).toBe(true);
      expect(await scheduleDailyCheckpoint(store.db, ctx, env)).toBe(false); // already queued today
      expect(await runPendingJobs(store, JOBS, ctx)).toBe(1);
      expect(await count()).toBe(1);
      const row = await store.db.selectFrom('audit_checkpoints').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ sequence: 2, day: '2026-12-07' });
      clock.now = new Date('2026-12-07T16:30:00Z'); // 00:30 the next day in Shanghai
      expect(await scheduleDailyCheckpoint(store.db, ctx, env)).toBe(true);
      await runPendingJobs(store, JOBS, ctx);
      expect(await count()).toBe(2);
      const jobs = await store.db.selectFrom('jobs').select(['status']).where('kind', '=', 'audit.checkpoint').execute();
      expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
    } finally {
      if (saved === undefined) delete process.env.KEPING_AUDIT_KEY_FILE;
      else process.env.KEPING_AUDIT_KEY_FILE = saved;
    }
  });
});
