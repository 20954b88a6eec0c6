/**
 * `keping restore DIR`: into an empty place only (no SQLite file, no tables in the PostgreSQL
 * database, no attachments in the file store). Every part's SHA-256 is checked before anything is written, and the
 * audit signing key configured here must be the one the backup was taken with, so checkpoints
 * signed before the backup still verify after it.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KepingError } from '@keping/core';
import { keyFingerprint, loadSigningKey } from '../audit/checkpoint.js';
import { type Dialect, openStore } from '../db/database.js';
import type { FileStore } from '../storage/file-store.js';
import { postgresTableCount } from './backup.repository.js';
import { type BackupManifest, readManifest, verifyParts } from './manifest.js';
import { connection, runPgTool } from './pg-tools.js';

export interface RestoreTarget {
  /** postgres://… or an SQLite file path. */
  databaseUrl: string;
  files: FileStore;
  auditKeyFile?: string;
}

function targetKind(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

function checkKey(manifest: BackupManifest, keyFile: string | undefined): void {
  const expected = manifest.keys.auditSigningPublicKeySha256;
  if (expected === null) return;
  if (!keyFile) throw new KepingError('RESTORE_KEY_REQUIRED', { params: { fingerprint: expected } });
  const actual = keyFingerprint(loadSigningKey(keyFile));
  if (actual !== expected) throw new KepingError('RESTORE_KEY_MISMATCH', { params: { expected, actual } });
}

async function assertEmpty(kind: Dialect, target: RestoreTarget): Promise<void> {
  if ((await target.files.list()).length > 0) {
    throw new KepingError('RESTORE_TARGET_NOT_EMPTY', { params: { target: target.files.location } });
  }
  if (kind === 'sqlite') {
    const file = target.databaseUrl.replace(/^sqlite:/, '');
    if ((existsSync(file) && statSync(file).size > 0) || existsSync(`${file}-wal`)) {
      throw new KepingError('RESTORE_TARGET_NOT_EMPTY', { params: { target: file } });
    }
    return;
  }
  const store = openStore(target.databaseUrl);
  try {
    if ((await postgresTableCount(store.db)) > 0) throw new KepingError('RESTORE_TARGET_NOT_EMPTY', { params: { target: store.location } });
  } finally {
    await store.close();
  }
}

/** Checks, then restores the database and the files; the caller verifies the audit trail after. */
export async function restoreBackup(dir: string, target: RestoreTarget): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  await verifyParts(dir, manifest);
  checkKey(manifest, target.auditKeyFile);
  const kind = targetKind(target.databaseUrl);
  if (kind !== manifest.database.kind) {
    throw new KepingError('RESTORE_KIND_MISMATCH', { params: { backup: manifest.database.kind, target: kind } });
  }
  await assertEmpty(kind, target);

  const databasePart = join(dir, manifest.database.part);
  if (kind === 'sqlite') {
    const file = target.databaseUrl.replace(/^sqlite:/, '');
    await mkdir(dirname(file), { recursive: true });
    await copyFile(databasePart, file);
  } else {
    const { url, env } = connection(target.databaseUrl);
    await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, databasePart], env);
  }
  for (const part of manifest.parts) {
    if (!part.path.startsWith('files/')) continue;
    // Stored through the store's own put, so the name is recomputed from the bytes as on upload.
    const stored = await target.files.put(createReadStream(join(dir, part.path)), Number.POSITIVE_INFINITY);
    if (`files/${stored.sha256}` !== part.path) throw new KepingError('BACKUP_PART_DAMAGED', { params: { part: part.path } });
  }
  return manifest;
}
