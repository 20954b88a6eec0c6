/** Places to restore a backup into, for the backup tests. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../src/db/database.js';

const PG_URL = process.env.KEPING_TEST_PG_URL;

/** An empty place to restore into: a path with no SQLite file, or a new PostgreSQL database with no tables. */
export async function emptyTarget(dir: string, kind: Store['dialect'], name: string): Promise<{ url: string; filesDir: string; dispose: () => Promise<void> }> {
  const root = mkdtempSync(join(dir, `${name}-`));
  const filesDir = join(root, 'files');
  if (kind === 'sqlite') return { url: join(root, 'keping.sqlite'), filesDir, dispose: async () => undefined };
  const dbName = `keping_r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(PG_URL as string);
  url.pathname = `/${dbName}`;
  return {
    url: url.toString(), filesDir,
    dispose: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    },
  };
}
