#!/usr/bin/env node
// npm run bench -- <name> [args]: runs bench/<name>.ts with tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.includes('.lib.')).map((f) => f.slice(0, -3));
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.error(`Usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${name}.ts`, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
