/**
 * npm run bench -- startup [--runs 5]
 * What a user waits for, as whole processes timed from outside (interpreter start, module loading,
 * reading, computing and writing all included), each beside its peer in the same run:
 *   `keping --help`                                  beside `node -e ''` (goal ≤ 0.2 s);
 *   `keping index compute` on 200,000 × 50 (CSV)     beside bench/peers/index_job.py (numpy; goal ≤ 0.8×);
 *   `keping assign` on 800 × 160, k = 3 (CSVs)       beside bench/peers/assign_highs.py (scipy's HiGHS;
 *                                                    goal ≤ 0.5×, the optimum reached: equal objectives).
 * Runs alternate between the two sides (the machine is shared) and the medians are compared.
 * `keping` runs as users run it: packages/server/bin/keping.mjs, compiled by scripts/build.mjs first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildKeping } from '../scripts/build.mjs';
import { generate as generateAssignment, writeCsvInstance, writeHighsInstance } from './assign-data.lib.js';
import { OUT, ensureCsv, ensureSpec } from './index-data.lib.js';

const KEPING = join('packages', 'server', 'bin', 'keping.mjs');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** Wall time of one whole process, in seconds; its standard output. */
function timed(command: string, args: string[]): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

/** Alternates the two sides `runs` times; returns both medians. */
function pair(runs: number, mine: () => number, peer: () => number): { mine: number; peer: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    a.push(mine());
    b.push(peer());
  }
  return { mine: median(a), peer: median(b) };
}

const s = (x: number) => `${x.toFixed(3)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  const build = await buildKeping();
  console.log(`Start-up and whole jobs as processes (node ${process.version}; medians of ${runs} alternating runs; build ${build.ms} ms, ${build.files} files)\n`);
  const rows: string[][] = [];

  const help = pair(runs, () => timed(process.execPath, [KEPING, '--help']).seconds, () => timed(process.execPath, ['-e', '']).seconds);
  rows.push(['keping --help', s(help.mine), `node -e ''`, s(help.peer), `+${s(help.mine - help.peer)}`, '≤ 0.2 s', help.mine <= 0.2 ? 'met' : 'NOT met']);

  const csv = await ensureCsv(200_000, 50);
  const spec = ensureSpec(50);
  const [mineOut, peerOut] = [join(OUT, 'startup-index-keping.csv'), join(OUT, 'startup-index-numpy.csv')];
  const index = pair(
    Math.min(runs, 3),
    () => timed(process.execPath, [KEPING, 'index', 'compute', '--spec', spec, '--data', csv, '--out', mineOut]).seconds,
    () => timed('python3', [join('bench', 'peers', 'index_job.py'), csv, spec, peerOut]).seconds,
  );
  const ids = (p: string) => readFileSync(p, 'utf8').split('\n').slice(1, 1001).map((l) => l.split(',').slice(0, 3).join(',').replace(/,[^,]*,/, ','));
  const sameTop = ids(mineOut).join() === ids(peerOut).join();
  const r1 = index.mine / index.peer;
  rows.push(['keping index compute 200,000 × 50', s(index.mine), 'numpy script', s(index.peer), `${r1.toFixed(2)}×`, '≤ 0.8×', `${r1 <= 0.8 ? 'met' : 'NOT met'}; top 1,000 ids and ranks equal: ${sameTop}`]);

  const instance = generateAssignment({ name: 'A', entries: 800, experts: 160, perEntry: 3, candidates: 40 }, false);
  const dir = join(tmpdir(), `keping-startup-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeCsvInstance(dir, instance);
    writeHighsInstance(dir, instance, 600);
    const out = join(dir, 'assignment.csv');
    let objective = 0;
    let peerObjective = 0;
    const assign = pair(
      Math.min(runs, 3),
      () => timed(process.execPath, [KEPING, 'assign', '--entries', join(dir, 'entries.csv'), '--experts', join(dir, 'experts.csv'),
        '--affinity', join(dir, 'affinity.csv'), '--per-entry', '3', '--max-load', String(instance.maxLoad[0]), '--candidates', 'listed', '--out', out]).seconds,
      () => {
        const r = timed('python3', [join('bench', 'peers', 'assign_highs.py'), dir]);
        peerObjective = (JSON.parse(r.stdout.trim().split('\n').pop() as string) as { objective: number }).objective;
        return r.seconds;
      },
    );
    objective = readFileSync(out, 'utf8').trim().split('\n').slice(1).reduce((sum, l) => sum + Number(l.split(',')[2]), 0);
    const r2 = assign.mine / assign.peer;
    const optimal = Math.abs(objective - peerObjective) <= 1e-6 * Math.abs(peerObjective);
    rows.push(['keping assign 800 × 160, k = 3', s(assign.mine), 'scipy HiGHS script', s(assign.peer), `${r2.toFixed(2)}×`, '≤ 0.5×',
      `${r2 <= 0.5 ? 'met' : 'NOT met'}; objective ${objective.toFixed(6)} vs ${peerObjective.toFixed(6)}: ${optimal ? 'optimum reached' : 'NOT optimal'}`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const header = ['job', 'keping', 'peer', 'peer time', 'keping / peer', 'goal', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i] as number)).join('  '));
}

await main();
