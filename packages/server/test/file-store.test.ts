/**
 * The attachment store's contract, on disk and on S3 (s3rver, a real S3 server started here): content
 * stored under its SHA-256 and read back, the same content stored once (also when uploaded
 * concurrently), too large leaves nothing behind (not even a temporary object, also past the
 * multipart threshold), removal; and KEPING_FILES_URL read or refused with a message naming it.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { errorMessage, KepingError } from '@keping/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from '../src/storage/disk-file-store.js';
import { type FileStore, type UploadSource, UploadTooLarge } from '../src/storage/file-store.js';
import { fileStoreFromEnv } from '../src/storage/files-url.js';
import { S3FileStore } from '../src/storage/s3-file-store.js';
import { startS3Server } from './s3-server.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A stream of `bytes` in chunks, as an upload arrives. */
const source = (bytes: Buffer, chunk = 64 * 1024): UploadSource =>
  Readable.from((function* () { for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk); })());
const read = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

interface Backend {
  name: string;
  store: FileStore;
  /** Every name the backend holds, temporary ones included (the store's own list() hides those). */
  raw(): Promise<string[]>;
  stop(): Promise<void>;
}

async function disk(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'keping-store-'));
  const store = fileStoreFromEnv({ KEPING_FILES_URL: `file://${dir}` });
  expect(store).toBeInstanceOf(DiskFileStore);
  return {
    name: 'disk', store,
    raw: async () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name),
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function s3(): Promise<Backend> {
  const server = await startS3Server(['keping-files']);
  const store = fileStoreFromEnv({ KEPING_FILES_URL: server.filesUrl('keping-files', 'attachments') });
  expect(store).toBeInstanceOf(S3FileStore);
  const client = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true });
  return {
    name: 's3', store,
    raw: async () => ((await client.send(new ListObjectsV2Command({ Bucket: 'keping-files' }))).Contents ?? []).map((o) => o.Key ?? ''),
    stop: async () => {
      client.destroy();
      await store.close();
      await server.stop();
    },
  };
}

describe.each([{ name: 'disk', start: disk }, { name: 's3', start: s3 }])('the file store on $name', { timeout: 120_000 }, ({ start }) => {
  let b: Backend;
  beforeAll(async () => {
    b = await start();
  });
  afterAll(async () => b.stop());
  const clear = async () => {
    for (const name of await b.store.list()) await b.store.remove(name);
    expect(await b.raw()).toEqual([]);
  };

  it('stores content under its SHA-256, reads it back, lists it, and stores the same content once', async () => {
    await clear();
    const bytes = randomBytes(300_000);
    expect(await b.store.put(source(bytes), 1_000_000)).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(await b.store.put(source(bytes, 1000), 1_000_000)).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(Buffer.compare(await read(await b.store.open(sha(bytes))), bytes)).toBe(0);
    const empty = await b.store.put(source(Buffer.alloc(0)), 10);
    expect(empty).toEqual({ sha256: sha(Buffer.alloc(0)), size: 0 });
    expect(await b.store.list()).toEqual([sha(bytes), empty.sha256].sort());
    // No temporary file or object is left behind: the backend holds exactly the two contents.
    expect((await b.raw()).map((k) => k.split('/').at(-1)).sort()).toEqual([sha(bytes), empty.sha256].sort());
  });

  it('past the limit throws UploadTooLarge and leaves nothing behind, below and above the multipart size', async () => {
    await clear();
    await expect(b.store.put(source(randomBytes(1001)), 1000)).rejects.toBeInstanceOf(UploadTooLarge);
    // 7 MiB against a 6 MiB limit: on S3 the first 5 MiB part is already uploaded when the limit is hit.
    await expect(b.store.put(source(randomBytes(7 * 1048576)), 6 * 1048576)).rejects.toBeInstanceOf(UploadTooLarge);
    // The multipart reader's own limit: it marks the stream truncated, or fails it with its code.
    const cut = Object.assign(source(randomBytes(500)), { truncated: true });
    await expect(b.store.put(cut, 1000)).rejects.toBeInstanceOf(UploadTooLarge);
    const failing = new Readable({ read() { this.destroy(Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' })); } });
    await expect(b.store.put(failing, 1000)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(await b.raw()).toEqual([]);
    // Exactly at the limit, and a multipart upload within it, are stored.
    const exact = randomBytes(1000);
    expect((await b.store.put(source(exact), 1000)).size).toBe(1000);
    const big = randomBytes(6 * 1048576);
    expect(await b.store.put(source(big), 6 * 1048576)).toEqual({ sha256: sha(big), size: big.length });
    expect(sha(await read(await b.store.open(sha(big))))).toBe(sha(big));
    expect(await b.raw()).toHaveLength(2);
  });

  it('stores concurrent uploads of the same content once, whole', async () => {
    await clear();
    const bytes = randomBytes(200_000);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => b.store.put(source(bytes, 1000 * (i + 1)), 1_000_000)));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(bytes)]));
    expect(await b.raw()).toHaveLength(1);
    expect(Buffer.compare(await read(await b.store.open(sha(bytes))), bytes)).toBe(0);
  });

  it('removes a file (twice is no error); opening a missing file rejects', async () => {
    await clear();
    const bytes = randomBytes(5000);
    await b.store.put(source(bytes), 10_000);
    await b.store.remove(sha(bytes));
    await b.store.remove(sha(bytes));
    expect(await b.store.list()).toEqual([]);
    await expect(b.store.open(sha(bytes))).rejects.toThrow();
    await expect(b.store.open('../../etc/passwd')).rejects.toThrow();
  });
});

describe('KEPING_FILES_URL', () => {
  const refused = (value: string) => {
    try {
      fileStoreFromEnv({ KEPING_FILES_URL: value });
    } catch (error) {
      expect(error).toBeInstanceOf(KepingError);
      const e = error as KepingError;
      expect(e.code).toBe('FILES_URL_INVALID');
      return errorMessage('en', { code: e.code, params: e.params });
    }
    throw new Error(`${value} was accepted`);
  };

  it('defaults to KEPING_FILES_DIR, else the data directory, and reads file:// and s3:// URLs', () => {
    expect(fileStoreFromEnv({ KEPING_FILES_DIR: '/srv/files' }).location).toBe('/srv/files');
    expect(fileStoreFromEnv({ KEPING_DATA_DIR: '/srv/data' }).location).toBe('/srv/data/files');
    expect(fileStoreFromEnv({ KEPING_FILES_URL: 'file:///var/lib/keping/files', KEPING_FILES_DIR: '/ignored' }).location).toBe('/var/lib/keping/files');
    const store = fileStoreFromEnv({ KEPING_FILES_URL: 's3://keping-prod/attachments/2026?endpoint=http://minio.internal:9000&region=cn-east-1' });
    expect(store).toBeInstanceOf(S3FileStore);
    expect(store.location).toBe('s3://keping-prod/attachments/2026/');
    expect(fileStoreFromEnv({ KEPING_FILES_URL: 's3://keping-prod' }).location).toBe('s3://keping-prod/');
  });

  it('refuses what it cannot use, with a message naming the variable and the value', () => {
    for (const value of ['/srv/files', 'files', 'http://example.org/x', 'ftp://host/x', 'file://otherhost/x', 's3://', 's3://Bad_Bucket',
      's3://b0?endpoint=minio:9000', 's3://b0?endpoint=http://h:9000/path', 's3://b0?forcePathStyle=yes', 's3://b0?endpiont=http://h:9000',
      's3://key:secret@bucket']) {
      const message = refused(value);
      expect(message, value).toContain('KEPING_FILES_URL=');
      expect(message, value).toContain('s3://bucket');
    }
    expect(errorMessage('zh-CN', { code: 'FILES_URL_INVALID', params: { variable: 'KEPING_FILES_URL', value: 'x' } })).toContain('不是可用的附件存储地址');
  });

  it('stops `keping serve` at start-up, before the database is created, with the message', async () => {
    const data = mkdtempSync(join(tmpdir(), 'keping-bad-files-'));
    try {
      const r = await new Promise<{ code: number; err: string }>((done) => {
        execFile(process.execPath, [join(import.meta.dirname, '../bin/keping.mjs'), 'serve', '--port', '0'], {
          encoding: 'utf8', timeout: 60_000,
          env: { ...process.env, KEPING_LANG: 'en', KEPING_DATA_DIR: data, KEPING_DATABASE_URL: '', KEPING_FILES_URL: 's3://keping?endpiont=http://minio:9000' },
        }, (error, _out, err) => done({ code: error ? Number(error.code ?? 1) : 0, err }));
      });
      expect(r.code).toBe(1);
      expect(r.err).toContain('KEPING_FILES_URL=s3://keping?endpiont=http://minio:9000 is not a file store Keping can use');
      expect(readdirSync(data)).toEqual([]);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
