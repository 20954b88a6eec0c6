#!/usr/bin/env node
// Compiles the `keping` command (server, worker and CLI) to plain JavaScript in packages/server/dist,
// so nothing is compiled when a user runs it. One esbuild bundle of our own code (core and server);
// packages from node_modules stay imports. Code splitting gives each command its own chunks, loaded
// only when that command runs. Run by `npm ci` (prepare), `npm start`, `npm run build` and before
// every test run (scripts/build-setup.mjs).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'packages/server/dist');
const deps = (pkg) => Object.keys(JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8')).dependencies ?? {});
// zod is bundled, with the one package that uses it beside us (a single copy: schemas cross between
// them): loading its hundred ES modules one by one cost a command that parses a spec ~70 ms.
const BUNDLED = new Set(['zod', 'fastify-type-provider-zod']);
const external = [...new Set([...deps('packages/server'), ...deps('packages/core')])].filter((name) => !name.startsWith('@keping/') && !BUNDLED.has(name));

const same = (path, contents) => existsSync(path) && Buffer.compare(readFileSync(path), contents) === 0;

/**
 * Builds packages/server/dist. An unchanged build leaves the directory alone, and a changed one
 * replaces it in one rename, so a `keping` process started meanwhile never sees half a build.
 */
export async function buildKeping() {
  const started = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { keping: 'packages/server/src/cli/main.ts', 'numeric-csv.worker': 'packages/server/src/files/numeric-csv.worker.ts' },
    outdir,
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    // the bundled CommonJS (fastify-type-provider-zod) calls require: give each ES module one
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    logLevel: 'warning',
  });
  const files = result.outputFiles.filter((f) => f.path.endsWith('.js')).length;
  const changed = !result.outputFiles.every((f) => same(f.path, f.contents));
  if (changed) {
    const staging = `${outdir}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    for (const f of result.outputFiles) {
      const target = join(staging, relative(outdir, f.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.contents);
    }
    const old = `${outdir}.old.${process.pid}`;
    if (existsSync(outdir)) renameSync(outdir, old);
    renameSync(staging, outdir);
    rmSync(old, { recursive: true, force: true });
  }
  return { files, changed, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] === import.meta.filename) {
  const { files, changed, ms } = await buildKeping();
  if (!process.argv.includes('--quiet')) console.log(`keping compiled: ${files} files in ${ms} ms → packages/server/dist${changed ? '' : ' (unchanged)'}`);
}
