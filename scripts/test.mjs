#!/usr/bin/env node
// The one test command: lint, typecheck, unit + storage + API tests on SQLite and PostgreSQL,
// then the browser suite. A suite that cannot run here is skipped LOUDLY; with CI=true it fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const CI = process.env.CI === 'true';
const PG_URL = process.env.KEPING_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const CHROMIUM = process.env.KEPING_CHROMIUM ?? '/usr/bin/chromium';
const skipped = [];
/** Each suite's wall time, printed at the end (the closing notes quote them). */
const timings = [];

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  ${title}`);
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function loud(lines) {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n`);
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => {});
  }
}

step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
step('typecheck (core, server, bench)', 'npx', ['tsc', '-p', 'tsconfig.json']);
if (existsSync('packages/web/tsconfig.json')) step('typecheck (web)', 'npx', ['tsc', '-p', 'packages/web/tsconfig.json']);

const pgState = await postgresReachable();
const env = {};
if (pgState === true) {
  env.KEPING_TEST_PG_URL = PG_URL;
} else {
  skipped.push('PostgreSQL');
  loud([
    'PostgreSQL SUITE SKIPPED: cannot connect to',
    `  ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (${pgState})`,
    'Storage and API tests ran on SQLite only. To run them on PostgreSQL too:',
    '  pg_ctlcluster 15 main start && su postgres -c "psql -c \\"ALTER USER postgres PASSWORD \'postgres\'\\""',
    'or set KEPING_TEST_PG_URL=postgres://user:password@host:5432/postgres',
  ]);
  if (CI) {
    console.error('CI=true: a skipped suite is a failure.');
    process.exit(1);
  }
}
// Certificates are checked by reading their text back with pdftotext (poppler-utils).
if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) {
  skipped.push('PDF text checks');
  env.KEPING_TEST_NO_PDFTOTEXT = '1';
  loud([
    'PDF TEXT CHECKS SKIPPED: pdftotext not found.',
    'Certificates are still generated and checked for an embedded CJK font, but their text is not read back.',
    'Install it with: apt-get install -y poppler-utils',
  ]);
  if (CI) {
    console.error('CI=true: a skipped suite is a failure.');
    process.exit(1);
  }
}
step('unit, storage and API tests', 'npx', ['vitest', 'run'], env);

if (existsSync(CHROMIUM)) {
  step('browser tests (Chromium)', 'npx', ['vitest', 'run', '-c', 'e2e/vitest.config.ts'], { KEPING_CHROMIUM: CHROMIUM, ...env });
} else {
  skipped.push('browser');
  loud([
    `BROWSER SUITE SKIPPED: no Chromium at ${CHROMIUM}.`,
    'Install it with: apt-get install -y chromium fonts-noto-cjk (or set KEPING_CHROMIUM).',
  ]);
  if (CI) {
    console.error('CI=true: a skipped suite is a failure.');
    process.exit(1);
  }
}

console.log(`\nTime per suite:\n${timings.join('\n')}`);
if (skipped.length) loud([`DONE, BUT SKIPPED: ${skipped.join(', ')} (see above).`]);
else console.log('\n✔ all suites passed: lint, typecheck, unit, SQLite, PostgreSQL, browser');
