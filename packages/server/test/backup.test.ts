/**
 * `keping backup` and `keping restore` on both databases: a round trip keeps every table's rows, the
 * audit trail and the attachments byte for byte; a damaged part, another signing key or a non-empty
 * target is refused before anything is written; a backup taken while an import runs holds the state
 * before it or after it, never half of it.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticOrganisations } from '@keping/core';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.repository.js';
import { checkCheckpoint, createCheckpoint, generateSigningKey, loadSigningKey, presentCheckpoint } from '../src/audit/checkpoint.js';
import { latestCheckpoint } from '../src/audit/checkpoint.repository.js';
import { createBackup } from '../src/backup/backup.service.js';
import { restoreBackup } from '../src/backup/restore.service.js';
import { systemContext } from '../src/context.js';
import { openStore, type Store } from '../src/db/database.js';
import type { Database } from '../src/db/schema.js';
import { importOrganisations } from '../src/registry/import.service.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import { DiskFileStore } from '../src/storage/disk-file-store.js';
import { emptyTarget } from './backup-target.js';
import { DATABASES } from './databases.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');
const dir = mkdtempSync(join(tmpdir(), 'keping-backup-'));
const KEY = join(dir, 'key.pem');
const OTHER_KEY = join(dir, 'other.pem');

beforeAll(() => {
  generateSigningKey(KEY);
  generateSigningKey(OTHER_KEY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tableCounts(db: Kysely<Database>, dialect: Store['dialect']): Promise<Record<string, number>> {
  const tables = dialect === 'sqlite'
    ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db)
    : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db)).rows[0]?.n);
  }
  return counts;
}

function filesHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), rel);
      else out[rel] = createHash('sha256').update(readFileSync(join(d, e.name))).digest('hex');
    }
  };
  walk(root, '');
  return out;
}

describe.each(DATABASES)('backup and restore on $name', { timeout: 300_000 }, (database) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  const filesDir = join(dir, `${database.name}-files`);
  const backupDir = join(dir, `${database.name}-backup`);
  const targets: (() => Promise<void>)[] = [];

  const keping = (args: string[], env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8', env: { ...process.env, KEPING_LANG: 'en', KEPING_AUDIT_KEY_FILE: KEY, ...env }, input: '',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const target = async (name: string) => {
    const t = await emptyTarget(dir, database.name, name);
    targets.push(t.dispose);
    return t;
  };

  beforeAll(async () => {
    ({ store, url, dispose } = await database.open());
    const ctx = systemContext('zh-CN');
    for (const o of syntheticOrganisations({ count: 12, seed: 'backup-source', untilYear: 2024 })) {
      await createOrganisation(store, ctx, { uscc: o.uscc, name: o.name, district: o.district, industryCode: o.industryCode });
    }
    await createCheckpoint(store, loadSigningKey(KEY), new Date());
    // Attachments as the file store keeps them: named by the SHA-256 of their bytes.
    mkdirSync(join(filesDir, '.incoming'), { recursive: true });
    writeFileSync(join(filesDir, '.incoming', 'half-uploaded'), 'not part of the backup');
    for (let i = 0; i < 3; i++) {
      const bytes = randomBytes(2000 + i * 5000);
      writeFileSync(join(filesDir, createHash('sha256').update(bytes).digest('hex')), bytes);
    }
    const r = keping(['backup', '--out', backupDir], { KEPING_DATABASE_URL: url, KEPING_FILES_DIR: filesDir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('4 parts');
  });
  afterAll(async () => {
    for (const d of targets) await d();
    await dispose();
  });

  it('writes a manifest with every part\'s SHA-256, the schema, the kind and the key fingerprint, and no key', async () => {
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as {
      database: { kind: string }; schema: { latest: string }; parts: { path: string; sha256: string; size: number }[];
      keys: { auditSigningPublicKeySha256: string; dataEncryptionKeySha256: null };
    };
    expect(manifest.database.kind).toBe(database.name);
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(store.db);
    expect(manifest.schema.latest).toBe(applied.rows[0]?.name);
    expect(manifest.schema.latest).toMatch(/^00\d\d_/);
    expect(manifest.keys.auditSigningPublicKeySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.keys.dataEncryptionKeySha256).toBeNull();
    for (const part of manifest.parts) {
      const bytes = readFileSync(join(backupDir, part.path));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(part.sha256);
      expect(bytes.length).toBe(part.size);
    }
    const everything = readdirSync(backupDir, { recursive: true }).map(String);
    expect(everything.some((p) => p.includes('incoming'))).toBe(false);
    const keyText = readFileSync(KEY, 'utf8').split('\n')[1] ?? '';
    for (const p of everything.filter((f) => !f.endsWith('files'))) {
      if (readFileSync(join(backupDir, p)).includes(keyText)) throw new Error(`the private key is in ${p}`);
    }
  });

  it('restores every row, the audit trail and the files byte for byte', async () => {
    const t = await target('round-trip');
    const r = keping(['restore', backupDir], { KEPING_DATABASE_URL: t.url, KEPING_FILES_DIR: t.filesDir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Audit trail intact');
    const restored = openStore(t.url);
    try {
      const before = await tableCounts(store.db, store.dialect);
      expect(before.organisations).toBe(12);
      expect(await tableCounts(restored.db, restored.dialect)).toEqual(before);
      expect((await verifyAudit(restored.db)).ok).toBe(true);
      // A checkpoint signed before the backup still verifies against the restored trail.
      const cp = await latestCheckpoint(restored.db);
      if (!cp) throw new Error('no checkpoint restored');
      await checkCheckpoint(restored.db, presentCheckpoint(cp), loadSigningKey(KEY));
    } finally {
      await restored.close();
    }
    const sourceFiles = filesHashes(filesDir);
    delete sourceFiles['.incoming/half-uploaded'];
    expect(Object.keys(sourceFiles)).toHaveLength(3);
    expect(filesHashes(t.filesDir)).toEqual(sourceFiles);
  });

  it('refuses a damaged part, naming it, and writes nothing', async () => {
    const damaged = join(dir, `${database.name}-damaged`);
    cpSync(backupDir, damaged, { recursive: true });
    const name = readdirSync(join(damaged, 'files'))[0] ?? '';
    const bytes = readFileSync(join(damaged, 'files', name));
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    writeFileSync(join(damaged, 'files', name), bytes);
    const t = await target('damaged');
    const r = keping(['restore', damaged], { KEPING_DATABASE_URL: t.url, KEPING_FILES_DIR: t.filesDir });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The backup is damaged: the part files/${name} is missing or does not match`);
    expect(existsSync(t.filesDir)).toBe(false);
    if (database.name === 'sqlite') expect(existsSync(t.url)).toBe(false);
    else {
      const s = openStore(t.url);
      expect(await tableCounts(s.db, s.dialect)).toEqual({});
      await s.close();
    }
  });

  it('refuses another signing key, or none, and a target that is not empty', async () => {
    const t = await target('key');
    const r = keping(['restore', backupDir], { KEPING_DATABASE_URL: t.url, KEPING_FILES_DIR: t.filesDir, KEPING_AUDIT_KEY_FILE: OTHER_KEY });
    expect(r.code).toBe(1);
    expect(r.err).toContain('KEPING_AUDIT_KEY_FILE is not the key the backup was taken with');
    await expect(restoreBackup(backupDir, { databaseUrl: t.url, files: new DiskFileStore(t.filesDir) })).rejects.toMatchObject({ code: 'RESTORE_KEY_REQUIRED' });
    await expect(restoreBackup(backupDir, { databaseUrl: url, files: new DiskFileStore(t.filesDir), auditKeyFile: KEY }))
      .rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
    await expect(restoreBackup(backupDir, { databaseUrl: t.url, files: new DiskFileStore(filesDir), auditKeyFile: KEY }))
      .rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
    expect(existsSync(t.filesDir)).toBe(false);
  });

  it('taken while an import runs, holds the state before it or after it, never between', async () => {
    const rows = 8000;
    const csv = join(dir, `${database.name}-import.csv`);
    const orgs = syntheticOrganisations({ count: rows, seed: 'backup-during-import', untilYear: 2024 });
    writeFileSync(csv, ['uscc,name,district,industry_code', ...orgs.map((o) => `${o.uscc},${o.name},${o.district},${o.industryCode}`)].join('\n'));
    const before = (await tableCounts(store.db, store.dialect)).organisations ?? 0;
    const out = join(dir, `${database.name}-during-import`);
    const emptyFiles = join(dir, `${database.name}-no-files`);
    // The backup runs on a connection of its own, as `keping backup` in another process would.
    const other = openStore(url);
    let backup: Promise<unknown> | undefined;
    let importDone = false;
    let startedDuringImport = false;
    try {
      const report = await importOrganisations(store, systemContext('zh-CN'), csv, {
        dryRun: false, fileName: 'import.csv',
        onProgress: () => {
          if (backup) return;
          startedDuringImport = !importDone;
          backup = createBackup(other, { outDir: out, databaseUrl: url, files: new DiskFileStore(emptyFiles), now: new Date() });
        },
      });
      importDone = true;
      expect(report.imported).toBe(true);
      expect(report.created).toBe(rows);
      expect(startedDuringImport).toBe(true);
      await backup;
    } finally {
      await other.close();
    }
    const t = await target('during-import');
    await restoreBackup(out, { databaseUrl: t.url, files: new DiskFileStore(t.filesDir) });
    const restored = openStore(t.url);
    try {
      const count = (await tableCounts(restored.db, restored.dialect)).organisations;
      expect([before, before + rows]).toContain(count);
      expect((await verifyAudit(restored.db)).ok).toBe(true);
      console.info(`${database.name}: backup during an import of ${rows} rows restored ${count === before ? 'the state before it' : 'the state after it'}`);
    } finally {
      await restored.close();
    }
  });
});
