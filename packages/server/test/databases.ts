/**
 * Every storage and API test runs on both databases: a fresh SQLite file and, when
 * KEPING_TEST_PG_URL points at a server, a fresh PostgreSQL database created for the test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrations.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A migrated, empty store; `url` reopens it (for the CLI in a child process). */
  open(): Promise<{ store: Store; url: string; dispose: () => Promise<void> }>;
}

const PG_URL = process.env.KEPING_TEST_PG_URL;
if (!PG_URL && process.env.CI === 'true') {
  throw new Error('CI=true but KEPING_TEST_PG_URL is not set: the PostgreSQL suite must run in CI');
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'keping-test-'));
    const url = join(dir, 'keping.sqlite');
    const store = openStore(url);
    await migrateToLatest(store);
    return { store, url, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  },
};

const postgres: TestDatabase = {
  name: 'postgres',
  async open() {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const name = `keping_t_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_URL as string);
    url.pathname = `/${name}`;
    const store = openStore(url.toString());
    await migrateToLatest(store);
    return {
      store, url: url.toString(),
      dispose: async () => {
        await store.close();
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        // The pool's last connections may still be closing: terminating them (FORCE) would raise an
        // error on a client nobody listens to any more, so wait up to 5 s for them to go first.
        for (let i = 0; i < 50; i++) {
          const open = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if ((open.rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  },
};

export const DATABASES: TestDatabase[] = PG_URL ? [sqlite, postgres] : [sqlite];
