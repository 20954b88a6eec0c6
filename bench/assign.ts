/**
 * Reviewer-assignment benchmark: `npm run bench -- assign [--only A|B] [--uniform]
 * [--skip-peers] [--peer-time-limit SECONDS]`.
 *
 * Instances (seeded, deterministic):
 *   A   800 entries × 160 experts, k = 3, 40 candidate pairs per entry
 *   B   50,000 entries × 10,000 experts, k = 3, 50 candidate pairs per entry
 * max load = ceil(3 · entries / experts · 1.2). By default the scores have contention, as
 * in real programmes: expert popularity is log-normal, candidates are drawn in proportion
 * to it and popular experts score higher, and each entry has its own affinity level (niche
 * topics score low everywhere). --uniform draws candidates and scores uniformly instead.
 *
 * Every measurement runs in its own child process, so the peak resident memory it reports
 * (getrusage maxRSS) is that solver's alone: Keping's three modes, the object-API compile
 * step, the `highs` npm package (HiGHS in WebAssembly) solving the LP, and scipy's HiGHS
 * (bench/peers/assign_highs.py). The LP of a b-matching is integral, so its optimum is the
 * assignment optimum. Ratios are peer solve time / Keping optimal-mode time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Spec, generate, writeHighsInstance } from './assign-data.lib.js';
import { compileAssignment } from '../packages/core/src/review/assignment-model.js';
import { loadHighs } from '../packages/core/src/review/assignment-testkit.js';
import type { AssignmentInput, AssignmentMode, CompiledAssignment } from '../packages/core/src/review/assignment-types.js';
import { solveAssignment } from '../packages/core/src/review/assignment.js';

const SPECS: Spec[] = [
  { name: 'A', entries: 800, experts: 160, perEntry: 3, candidates: 40 },
  { name: 'B', entries: 50_000, experts: 10_000, perEntry: 3, candidates: 50 },
];

interface Measure {
  label: string;
  objective?: number | null;
  minimum?: number;
  seconds?: number;
  peakMb?: number;
  deltaMb?: number;
  note?: string;
}

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const uniform = flag('--uniform');

/** The instance as the compiled problem (candidate pairs sorted by expert within each entry). */
/** The same instance through the public object API (ids and score rows), for the compile step. */
function asInput(p: CompiledAssignment): AssignmentInput {
  const affinity = [];
  for (let i = 0; i < p.entryIds.length; i++) {
    for (let q = p.pairStart[i]!; q < p.pairStart[i + 1]!; q++) {
      affinity.push({ entryId: p.entryIds[i]!, expertId: p.expertIds[p.pairExpert[q]!]!, score: p.pairScore[q]! });
    }
  }
  return {
    entries: p.entryIds.map((id) => ({ id })),
    experts: p.expertIds.map((id) => ({ id })),
    affinity, candidates: 'listed', perEntry: p.perEntry, maxLoad: p.maxLoad[0]!, mode: 'optimal',
  };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number): number => bytes / 2 ** 20;

/** Child process: one measurement, printed as a RESULT line. */
async function child(kind: string, specName: string): Promise<void> {
  const spec = SPECS.find((s) => s.name === specName)!;
  // The compile step gets only the object input, the solvers only the compiled problem.
  const generated = generate(spec, uniform);
  const input: AssignmentInput | null = kind === 'compile' ? asInput(generated) : null;
  const p: CompiledAssignment | null = input ? null : generated;
  gc();
  const base = process.memoryUsage().rss;
  const t0 = performance.now();
  const out: Measure = { label: kind };
  if (kind === 'compile') {
    const r = compileAssignment(input!);
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    out.note = `${r.value.pairExpert.length} pairs`;
  } else if (kind === 'highs') {
    Object.assign(out, solveWithHighsJs(p!, await loadHighs()));
  } else {
    const r = solveAssignment(p!, { mode: kind as AssignmentMode, seed: 'bench-2026', reserves: 2 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    out.objective = r.value.explanation.objective;
    out.minimum = r.value.explanation.minimum.total;
    const f = r.value.explanation.fairness;
    if (f) out.note = `minimum ${f.proven ? 'proven optimal' : `≤ ${f.upperBound.toFixed(6)} (bound)`}, optimal-mode minimum ${f.optimalModeMinimum.toFixed(6)}`;
  }
  out.seconds ??= (performance.now() - t0) / 1000;
  out.peakMb = process.resourceUsage().maxRSS / 1024;
  out.deltaMb = Math.max(0, out.peakMb - mb(base));
  console.log(`RESULT ${JSON.stringify(out)}`);
}

function solveWithHighsJs(p: CompiledAssignment, highs: Awaited<ReturnType<typeof loadHighs>>): Measure {
  const n = p.entryIds.length;
  const m = p.expertIds.length;
  const pairs = p.pairExpert.length;
  // Rows: entries (= k), then experts (min..max); CSR with the expert rows by counting sort.
  const starts = new Int32Array(n + m + 1);
  for (let i = 0; i <= n; i++) starts[i] = p.pairStart[i]!;
  const count = new Int32Array(m);
  for (let q = 0; q < pairs; q++) count[p.pairExpert[q]!]!++;
  for (let j = 0; j < m; j++) starts[n + j + 1] = starts[n + j]! + count[j]!;
  const indices = new Int32Array(2 * pairs);
  for (let q = 0; q < pairs; q++) indices[q] = q;
  const fill = starts.slice(n, n + m);
  for (let q = 0; q < pairs; q++) indices[fill[p.pairExpert[q]!]!++] = q;
  const limit = Number(option('--peer-time-limit') ?? 600);
  const t0 = performance.now();
  try {
    return highs.withModel(
      {
        numCols: pairs, numRows: n + m, sense: highs.constants.objectiveSense.maximize,
        colCost: p.pairScore, colLower: new Float64Array(pairs), colUpper: new Float64Array(pairs).fill(1),
        rowLower: Float64Array.from([...new Array<number>(n).fill(p.perEntry), ...p.minLoad]),
        rowUpper: Float64Array.from([...new Array<number>(n).fill(p.perEntry), ...p.maxLoad]),
        matrix: { format: 'csr', numRows: n + m, numCols: pairs, starts, indices, values: new Float64Array(2 * pairs).fill(1) },
      },
      (model): Measure => {
        model.options.set({ output_flag: false, time_limit: limit });
        model.run();
        const status = model.getModelStatus();
        const seconds = (performance.now() - t0) / 1000;
        if (status === highs.constants.modelStatus.optimal) return { label: 'highs', objective: model.getObjectiveValue(), seconds };
        return { label: 'highs', objective: null, seconds, note: `stopped with model status ${status} (time limit ${limit} s)` };
      },
    );
  } catch (e) {
    return { label: 'highs', objective: null, seconds: (performance.now() - t0) / 1000, note: `failed: ${(e as Error).message.slice(0, 120)}` };
  }
}

function runChild(kind: string, spec: Spec): Measure {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'bench/assign.ts', '--child', kind, spec.name, ...(uniform ? ['--uniform'] : []),
      '--peer-time-limit', option('--peer-time-limit') ?? '600'],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) return { label: kind, note: `failed (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-2).join(' ').slice(0, 160)}` };
  return JSON.parse(line.slice(7)) as Measure;
}

function runScipy(spec: Spec, p: CompiledAssignment): Measure {
  const dir = join(tmpdir(), `keping-assign-${spec.name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeHighsInstance(dir, p, Number(option('--peer-time-limit') ?? '600'));
    const r = spawnSync('python3', ['bench/peers/assign_highs.py', dir], { encoding: 'utf8' });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) return { label: 'scipy', note: `failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()?.slice(0, 160)}` };
    const j = JSON.parse(line) as { peer: string; status: number; message: string; objective: number | null; solveSeconds: number; buildSeconds: number; peakRssKb: number; baselineRssKb: number };
    return {
      label: j.peer, objective: j.objective, seconds: j.solveSeconds, peakMb: j.peakRssKb / 1024,
      deltaMb: (j.peakRssKb - j.baselineRssKb) / 1024,
      note: j.status === 0 ? `matrix build ${j.buildSeconds.toFixed(2)} s` : `not solved: ${j.message}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(spec: Spec, rows: Measure[], reference: number | undefined, ourSeconds: number | undefined): void {
  const fmt = (x: number | undefined | null, d: number): string => (x === undefined || x === null ? '—' : x.toFixed(d));
  const head = ['solver', 'optimum (total affinity)', 'min entry', 'time s', 'peak MB', 'Δ MB', 'peer/ours', 'notes'];
  const body = rows.map((r) => {
    const compared = /optimal|highs|scipy/i.test(r.label);
    const same = compared && reference !== undefined && r.objective !== undefined && r.objective !== null
      ? Math.abs(r.objective - reference) <= 1e-6 * Math.max(1, Math.abs(reference)) ? ' =' : ' ≠' : '';
    // A peer that stopped at its time limit is at least that much slower; one that failed has no ratio.
    const peer = /highs|scipy/i.test(r.label);
    const solved = r.objective !== undefined && r.objective !== null;
    const limited = !solved && /time limit/i.test(r.note ?? '');
    const ratio = r.seconds !== undefined && ourSeconds && peer && (solved || limited)
      ? `${limited ? '> ' : ''}${(r.seconds / ourSeconds).toFixed(1)}×` : '';
    return [r.label, r.objective === undefined ? '—' : fmt(r.objective, 6) + same, fmt(r.minimum, 6), fmt(r.seconds, 2), fmt(r.peakMb, 0), fmt(r.deltaMb, 0), ratio, r.note ?? ''];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]): string => cells.map((x, c) => (c === 0 || c === 7 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log('(= / ≠: same optimum as Keping optimal within 1e-6 relative or not; peer/ours = peer solve time ÷ Keping optimal time;');
  console.log(' Δ MB = peak RSS minus RSS once the instance was in memory)\n');
}

async function main(): Promise<void> {
  if (flag('--child')) {
    const i = args.indexOf('--child');
    await child(args[i + 1]!, args[i + 2]!);
    return;
  }
  const only = option('--only');
  console.log(`Keping reviewer assignment benchmark (${uniform ? 'uniform scores' : 'scores with contention'}; node ${process.version})\n`);
  for (const spec of SPECS.filter((s) => !only || s.name === only)) {
    const p = generate(spec, uniform);
    console.log(`Instance ${spec.name}: ${spec.entries} entries × ${spec.experts} experts, k = ${spec.perEntry}, ` +
      `${spec.candidates} candidate pairs per entry (${p.pairExpert.length} pairs), max load ${p.maxLoad[0]}`);
    const rows: Measure[] = [];
    for (const mode of ['optimal', 'fair', 'random'] as const) {
      const r = runChild(mode, spec);
      rows.push({ ...r, label: `keping ${mode}` });
    }
    rows.push({ ...runChild('compile', spec), label: 'keping compile (object API → indices)' });
    if (!flag('--skip-peers')) {
      rows.push({ ...runChild('highs', spec), label: 'highs-js (npm highs, WebAssembly) LP' });
      rows.push(runScipy(spec, p));
    }
    const ours = rows[0]!;
    table(spec, rows, ours.objective ?? undefined, ours.seconds);
  }
}

await main();
