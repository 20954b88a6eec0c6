/**
 * `keping backup --out DIR` and `keping restore DIR`. Exit codes: 0 done (restore: and the audit
 * trail verifies), 1 refused or broken, 2 usage.
 */
import { resolve } from 'node:path';
import { translate } from '@keping/core';
import { createBackup } from '../backup/backup.service.js';
import { restoreBackup } from '../backup/restore.service.js';
import { defaultSqlitePath, openStore } from '../db/database.js';
import { fileStoreFromEnv } from '../storage/files-url.js';
import { reportChain } from './audit.command.js';
import type { CliIo } from './io.js';
import { parse, usage, withStore } from './shared.js';

export async function runBackup(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(io, args, { out: { type: 'string' } });
  if (values.out === undefined || positionals.length > 0) throw usage(io);
  const outDir = resolve(String(values.out));
  const files = fileStoreFromEnv();
  const manifest = await withStore((store) => createBackup(store, {
    outDir, databaseUrl: process.env.KEPING_DATABASE_URL, files,
    auditKeyFile: process.env.KEPING_AUDIT_KEY_FILE || undefined, now: new Date(),
  })).finally(() => files.close());
  const bytes = manifest.parts.reduce((sum, p) => sum + p.size, 0);
  io.out(translate(io.locale, 'cli.backupWritten', { path: outDir, parts: manifest.parts.length, megabytes: (bytes / 1048576).toFixed(1) }));
  return 0;
}

export async function runRestore(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parse(io, args, {});
  const [dir] = positionals;
  if (!dir || positionals.length !== 1) throw usage(io);
  const databaseUrl = process.env.KEPING_DATABASE_URL || defaultSqlitePath();
  const files = fileStoreFromEnv();
  const manifest = await restoreBackup(resolve(dir), {
    databaseUrl, files, auditKeyFile: process.env.KEPING_AUDIT_KEY_FILE || undefined,
  }).finally(() => files.close());
  io.out(translate(io.locale, 'cli.restored', { createdAt: manifest.createdAt, parts: manifest.parts.length }));
  // The restored trail is checked as it is: no migration runs before (the server migrates on start).
  const store = openStore(databaseUrl);
  try {
    return await reportChain(io, store);
  } finally {
    await store.close();
  }
}
