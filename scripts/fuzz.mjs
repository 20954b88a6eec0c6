#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S]`: the route fuzzer (packages/server/test/fuzz) with N requests per database.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const valueOf = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = valueOf('--runs') ?? '5000';
if (!/^\d+$/.test(runs)) {
  console.error(`--runs wants a whole number, not ${runs}`);
  process.exit(2);
}
// Both databases, as the test command does: PostgreSQL at its usual address unless told otherwise.
const env = { KEPING_TEST_PG_URL: 'postgres://postgres:postgres@127.0.0.1:5432/postgres', ...process.env, KEPING_FUZZ_RUNS: runs };
const seed = valueOf('--seed');
if (seed !== undefined) env.KEPING_FUZZ_SEED = seed;
const result = spawnSync('npx', ['vitest', 'run', 'packages/server/test/fuzz'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
