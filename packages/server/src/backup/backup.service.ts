/**
 * `keping backup`: the database (SQLite through its online backup API, which copies a consistent
 * snapshot including the WAL while the server keeps writing; PostgreSQL through `pg_dump -Fc`, one
 * snapshot transaction), then the attachments (from the directory or the S3 bucket KEPING_FILES_URL
 * names) into files/, then manifest.json. The database is copied first: attachments are
 * content-addressed and stored before the row naming them, so every file the copy refers to is
 * already in the store when the files are copied.
 */
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { KepingError } from '@keping/core';
import { keyFingerprint, loadSigningKey } from '../audit/checkpoint.js';
import type { Store } from '../db/database.js';
import type { FileStore } from '../storage/file-store.js';
import { appliedMigrations } from './backup.repository.js';
import { BACKUP_FORMAT, type BackupManifest, type BackupPart, describePart, MANIFEST } from './manifest.js';
import { connection, runPgTool } from './pg-tools.js';

export interface BackupOptions {
  outDir: string;
  /** The PostgreSQL URL the store was opened with (pg_dump connects on its own). */
  databaseUrl?: string;
  files: FileStore;
  /** KEPING_AUDIT_KEY_FILE: only its public key's fingerprint is recorded. */
  auditKeyFile?: string;
  now: Date;
}

export async function createBackup(store: Store, options: BackupOptions): Promise<BackupManifest> {
  const { outDir } = options;
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new KepingError('BACKUP_TARGET_NOT_EMPTY', { params: { path: outDir } });
  // The fingerprint is read first, so a bad key file fails before anything is copied.
  const fingerprint = options.auditKeyFile ? keyFingerprint(loadSigningKey(options.auditKeyFile)) : null;
  await mkdir(outDir, { recursive: true });
  const migrations = await appliedMigrations(store.db);

  let databasePart: string;
  if (store.dialect === 'sqlite') {
    if (!store.sqlite) throw new Error('SQLite store without its connection');
    databasePart = 'database.sqlite';
    await store.sqlite.backup(join(outDir, databasePart));
  } else {
    if (!options.databaseUrl) throw new Error('PostgreSQL backup needs the database URL');
    databasePart = 'database.pgdump';
    const { url, env } = connection(options.databaseUrl);
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(outDir, databasePart)}`, `--dbname=${url}`], env);
  }

  const files = await options.files.list();
  if (files.length > 0) await mkdir(join(outDir, 'files'), { recursive: true });
  for (const rel of files) await pipeline(await options.files.open(rel), createWriteStream(join(outDir, 'files', rel)));

  const parts: BackupPart[] = [await describePart(outDir, databasePart)];
  for (const rel of files) parts.push(await describePart(outDir, `files/${rel}`));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: options.now.toISOString(),
    database: { kind: store.dialect, part: databasePart },
    schema: { migrations, latest: migrations.at(-1) ?? null },
    parts,
    keys: { auditSigningPublicKeySha256: fingerprint, dataEncryptionKeySha256: null },
  };
  await writeFile(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
