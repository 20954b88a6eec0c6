/**
 * `keping backup` and `keping restore` with the attachments in S3 (KEPING_FILES_URL=s3://…, s3rver
 * started here), on both databases: the backup holds the bucket's files (not the temporary uploads),
 * the restore puts them into another bucket byte for byte, and a bucket already holding files is
 * refused as a target, naming it.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../src/audit/checkpoint.js';
import type { FileStore } from '../src/storage/file-store.js';
import { fileStoreFromEnv } from '../src/storage/files-url.js';
import { emptyTarget } from './backup-target.js';
import { DATABASES } from './databases.js';
import { type S3TestServer, startS3Server } from './s3-server.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');
const dir = mkdtempSync(join(tmpdir(), 'keping-backup-s3-'));
const KEY = join(dir, 'key.pem');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

let s3: S3TestServer;
beforeAll(async () => {
  generateSigningKey(KEY);
  s3 = await startS3Server(['source-sqlite', 'target-sqlite', 'source-postgres', 'target-postgres']);
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(DATABASES)('backup and restore with S3 files on $name', { timeout: 300_000 }, (database) => {
  const contents = [randomBytes(3000), randomBytes(6 * 1048576)];
  const backupDir = join(dir, `${database.name}-backup`);
  let url: string;
  let dispose: () => Promise<void>;
  let source: FileStore;
  const sourceUrl = () => s3.filesUrl(`source-${database.name}`, 'keping');
  const targetUrl = () => s3.filesUrl(`target-${database.name}`);
  // Asynchronous: the S3 server runs in this process, so a blocking spawn would leave the CLI unanswered.
  const keping = (args: string[], env: Record<string, string>) => new Promise<{ code: number; out: string; err: string }>((done) => {
    const child = execFile(process.execPath, [BIN, ...args], {
      encoding: 'utf8', env: { ...process.env, ...s3.env, KEPING_LANG: 'en', KEPING_AUDIT_KEY_FILE: KEY, ...env }, timeout: 120_000,
    }, (error, out, err) => done({ code: error ? Number(error.code ?? 1) : 0, out, err }));
    child.stdin?.end();
  });

  beforeAll(async () => {
    ({ url, dispose } = await database.open());
    source = fileStoreFromEnv({ KEPING_FILES_URL: sourceUrl() });
    for (const bytes of contents) await source.put(Readable.from([bytes]), 10 * 1048576);
    // An upload in progress (a temporary object) is not part of the backup.
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true });
    await client.send(new PutObjectCommand({ Bucket: `source-${database.name}`, Key: 'keping/.incoming/half-uploaded', Body: 'not part of the backup' }));
    client.destroy();
  });
  afterAll(async () => {
    await source.close();
    await dispose();
  });

  it('backs up the bucket\'s files and restores them into another bucket byte for byte', async () => {
    const b = await keping(['backup', '--out', backupDir], { KEPING_DATABASE_URL: url, KEPING_FILES_URL: sourceUrl() });
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('3 parts');
    expect(readdirSync(join(backupDir, 'files')).sort()).toEqual(contents.map(sha).sort());
    for (const bytes of contents) expect(sha(readFileSync(join(backupDir, 'files', sha(bytes))))).toBe(sha(bytes));

    const t = await emptyTarget(dir, database.name, 'round-trip');
    try {
      const r = await keping(['restore', backupDir], { KEPING_DATABASE_URL: t.url, KEPING_FILES_URL: targetUrl() });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('Audit trail intact');
    } finally {
      await t.dispose();
    }
    const target = fileStoreFromEnv({ KEPING_FILES_URL: targetUrl() });
    try {
      expect(await target.list()).toEqual(contents.map(sha).sort());
      for (const bytes of contents) expect(Buffer.compare(await read(await target.open(sha(bytes))), bytes)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('refuses a bucket that already holds files as the target, naming it, and restores nothing', async () => {
    const t = await emptyTarget(dir, database.name, 'not-empty');
    try {
      const r = await keping(['restore', backupDir], { KEPING_DATABASE_URL: t.url, KEPING_FILES_URL: sourceUrl() });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`Restore needs an empty target, and s3://source-${database.name}/keping/ is not empty`);
      if (database.name === 'sqlite') expect(readdirSync(join(t.url, '..'))).toEqual([]);
    } finally {
      await t.dispose();
    }
  });
});
