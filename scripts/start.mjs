#!/usr/bin/env node
// `npm start`: compile the server, build the web app if needed, seed the demo data once, serve on embedded SQLite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const keping = ['packages/server/bin/keping.mjs'];
function run(args, options = {}) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(['scripts/build.mjs', '--quiet']); // the compiled `keping`, from the sources as they are
if (!existsSync('packages/web/dist/index.html')) {
  const r = spawnSync('npm', ['run', 'build', '-w', '@keping/web'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
run([...keping, 'demo']);
run([...keping, 'serve', ...process.argv.slice(2)]);
