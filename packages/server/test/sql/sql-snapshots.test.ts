/**
 * Every repository's SQL, per dialect, in `packages/server/src/queries/<dialect>/`: the demo is replayed
 * through the services and every GET route is called as the office and as an applicant, a recorder
 * files each statement under the repository function that built it, and the result must equal the
 * committed files. A changed query therefore shows its SQL in review, and a function that runs on one
 * database but not the other fails here. `npm run sql:snapshots` rewrites the files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/context.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/demo.service.js';
import { buildApp } from '../../src/http/app.js';
import { DATABASES } from '../databases.js';
import { SqlRecorder } from './recorder.js';

const QUERIES = fileURLToPath(new URL('../../src/queries', import.meta.url));
const UPDATE = process.env.KEPING_UPDATE_SQL === '1';
const recorded = new Map<string, SqlRecorder>();

async function record(database: (typeof DATABASES)[number]): Promise<SqlRecorder> {
  const { store, dispose } = await database.open();
  const recorder = new SqlRecorder(store.dialect);
  store.db = store.db.withPlugin(recorder);
  const clock = new Date('2026-11-25T02:00:00Z');
  try {
    await seedDemo(store, systemContext('zh-CN', () => clock), { count: 2200, seed: 'keping-demo' });
    const { app, routes } = await buildApp({ store, now: () => clock, webDist: '/nonexistent' });
    const someUscc = (await app.inject({ method: 'GET', url: '/api/public/index-cycles' })).statusCode;
    expect(someUscc).toBe(200);
    for (const username of ['admin', 'applicant', 'expert']) {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (login.statusCode !== 200) continue;
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      for (const route of routes.filter((r) => r.method === 'GET').sort((a, b) => a.url.localeCompare(b.url))) {
        const url = route.url.replace(/:uscc/g, '91310000000000001X').replace(/:[A-Za-z]+/g, '1');
        await app.inject({ method: 'GET', url, headers: { cookie } });
      }
    }
    await app.close();
  } finally {
    await dispose();
  }
  return recorder;
}

function fileName(repository: string): string {
  return `${repository.replace(/\.repository\.ts$/, '').replace(/\//g, '.')}.sql`;
}

describe.each(DATABASES)('SQL snapshots on $name', (database) => {
  it('equal the committed files', { timeout: 600_000 }, async () => {
    const recorder = await record(database);
    recorded.set(database.name, recorder);
    const dir = join(QUERIES, database.name);
    const rendered = new Map([...recorder.render()].map(([repo, text]) => [fileName(repo), text]));
    expect(rendered.size).toBeGreaterThan(10);
    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of rendered) writeFileSync(join(dir, name), text);
    }
    const committed = existsSync(dir) ? readdirSync(dir).sort() : [];
    expect(committed, `SQL snapshot files in ${dir} (run npm run sql:snapshots)`).toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) {
      expect(text, `${database.name}/${name} differs (run npm run sql:snapshots and review the diff)`)
        .toBe(readFileSync(join(dir, name), 'utf8'));
    }
  });
});

afterAll(() => {
  // Drift between the dialects: the same repository functions must run on both.
  const [a, b] = [recorded.get('sqlite'), recorded.get('postgres')];
  if (!a || !b) return;
  const keys = (r: SqlRecorder) => [...r.queries].flatMap(([file, fns]) => [...fns.keys()].map((fn) => `${file} ${fn}`)).sort();
  // PostgreSQL alone leaves audit entries pending for the batch sealer (audit.repository.ts: appendAudit's
  // insert and chainPending's transaction); SQLite chains them in the writer's transaction.
  const sqliteKeys = new Set(keys(a));
  const postgresOnly = (k: string) => /audit[./]audit/.test(k) && !sqliteKeys.has(k);
  expect(keys(b).filter((k) => !postgresOnly(k))).toEqual(keys(a));
});
