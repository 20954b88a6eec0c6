#!/usr/bin/env node
// The `keping` command: the compiled build (scripts/build.mjs → ../dist, made by `npm ci`, `npm start`,
// `npm run build` and every test run) when present, else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/keping.js', import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
