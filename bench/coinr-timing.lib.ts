/**
 * Timings of the same spec through COINr and Keping (npm run bench -- coinr): seeded synthetic data,
 * skewed so that the outlier rule winsorises and logs, a 2-level tree (indicators → 5 groups → index),
 * outlier treatment, min-max [0, 100], arithmetic. COINr is timed inside R (Treat + Normalise +
 * Aggregate, proc.time) and as the whole Rscript process; Keping's computeIndex in process (median of
 * 5 runs) and the `keping index compute` CLI (compiled build) as a whole process. Both cases also check that
 * the tools rank every unit alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type IndexResult, computeIndex } from '../packages/core/src/index-engine/compute.js';
import type { IndicatorMatrix } from '../packages/core/src/index-engine/matrix.js';
import { type IndexSpec, configFromSpec, parseIndexSpec } from '../packages/core/src/index-engine/spec.js';
import { runCoinr } from './coinr-peer.lib.js';

/** COINr past this many seconds on one case is reported, and a smaller case timed instead. */
const COINR_LIMIT_S = 600;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Columns of four shapes: normal, log-normal (strong right skew: logged), normal with a few far
 * outliers (winsorised) and a mirrored log-normal (negative skew). 7 significant digits, so that the
 * CSV both tools read holds exactly the values Keping computes on in process.
 */
function synthetic(units: number, indicators: number, seed: number): IndicatorMatrix {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const values = new Float64Array(units * indicators);
  for (let j = 0; j < indicators; j++) {
    const shape = j % 4;
    for (let u = 0; u < units; u++) {
      const z = normal();
      let v = shape === 0 ? 50 + 10 * z : shape === 1 ? Math.exp(1 + 1.2 * z) : shape === 2 ? 20 + 3 * z : 100 - Math.exp(1 + 0.8 * z);
      // ~3 points 100 sd out: the rule fails at any size and winsorising them passes it
      if (shape === 2 && rnd() < 3 / units) v += 300 + 100 * rnd();
      values[j * units + u] = Number(v.toPrecision(7));
    }
  }
  return { units: Array.from({ length: units }, (_, u) => `U${u + 1}`), indicators: Array.from({ length: indicators }, (_, j) => `I${j + 1}`), values };
}

function specFor(indicators: readonly string[], groups: number): IndexSpec {
  const per = Math.ceil(indicators.length / groups);
  const json = {
    normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic', outliers: { winmax: 5, negativeLog: 'coinr' },
    groups: Array.from({ length: groups }, (_, g) => ({
      id: `G${g + 1}`, weight: 1 + (g % 2),
      indicators: indicators.slice(g * per, (g + 1) * per).map((id, k) => ({ id, weight: 1 + (k % 3), ...(k % 5 === 4 ? { direction: -1 } : {}) })),
    })),
  };
  const parsed = parseIndexSpec(JSON.stringify(json));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.spec;
}

function writeCsv(path: string, m: IndicatorMatrix): void {
  const n = m.units.length;
  const lines = [['id', ...m.indicators].join(',')];
  for (let u = 0; u < n; u++) {
    let line = m.units[u] as string;
    for (let j = 0; j < m.indicators.length; j++) line += `,${m.values[j * n + u] as number}`;
    lines.push(line);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Row { size: string; coinrPipeline: number | string; coinrProcess: number | string; engine: number; cli: number; differingRanks?: number; differingExact?: number; worstScore?: number; treated: string }

function timeCase(units: number, indicators: number, groups: number, dir: string, compareRanks: boolean): Row {
  const size = `${units.toLocaleString('en')} × ${indicators}`;
  const data = synthetic(units, indicators, units + indicators);
  const spec = specFor(data.indicators, groups);
  const name = `timing-${units}x${indicators}`;
  const csv = join(dir, `${name}.csv`);
  writeCsv(csv, data);
  const specPath = join(dir, `${name}.spec.json`);
  writeFileSync(specPath, JSON.stringify(spec));

  const config = configFromSpec(spec);
  const runs: number[] = [];
  let result: IndexResult | undefined;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const r = computeIndex(data, config);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    result = r.result;
  }
  const c0 = process.hrtime.bigint();
  const cli = spawnSync(process.execPath, [join('packages', 'server', 'bin', 'keping.mjs'), 'index', 'compute', '--spec', specPath, '--data', csv, '--out', join(dir, `${name}.keping.csv`)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const cliSeconds = Number(process.hrtime.bigint() - c0) / 1e9;
  if (cli.status !== 0) throw new Error(`keping index compute failed (exit ${cli.status ?? cli.signal})`);

  const treatedAs = (t: string) => result?.indicators.filter((i) => i.outliers?.treatment === t).length ?? 0;
  const treated = `${treatedAs('winsorised')} winsorised, ${treatedAs('log')} logged of ${indicators}`;
  const row: Row = { size, coinrPipeline: '—', coinrProcess: '—', engine: median(runs), cli: cliSeconds, treated };
  try {
    const coinr = runCoinr(spec, csv, dir, name, 'ranks', COINR_LIMIT_S * 1000);
    row.coinrPipeline = coinr.seconds;
    row.coinrProcess = coinr.processSeconds;
    if (compareRanks && result) {
      const { ranks, scores } = result;
      row.differingRanks = coinr.ranks.filter((r, u) => (r ?? 0) !== ranks[u]).length;
      // Keping ties index scores within 1e-9 relative, COINr ranks the exact values: also without the tolerance
      const exact = computeIndex(data, { ...config, tieTolerance: 0 });
      if (!exact.ok) throw new Error(JSON.stringify(exact.errors));
      row.differingExact = coinr.ranks.filter((r, u) => (r ?? 0) !== exact.result.ranks[u]).length;
      row.worstScore = coinr.scores.reduce<number>((w, v, u) => (v === null ? w : Math.max(w, Math.abs(v - (scores[u] as number)) / Math.max(1, Math.abs(v)))), 0);
    }
  } catch (e) {
    if (!(e instanceof Error && e.message.includes('SIGTERM'))) throw e;
    row.coinrPipeline = row.coinrProcess = `> ${COINR_LIMIT_S} s`;
  }
  return row;
}

/** Cases: units, indicators, groups, whether to compare the ranks. */
export function timings(cases: [number, number, number, boolean][] = [[2_000, 30, 5, true], [200_000, 50, 5, true]]): void {
  const dir = resolve('.tmp', 'coinr-timing');
  mkdirSync(dir, { recursive: true });
  // the CLI as users run it: the compiled build (unchanged sources leave it as it is)
  const build = spawnSync(process.execPath, [join('scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('scripts/build.mjs failed');
  const rows: Row[] = [];
  for (const [units, indicators, groups, compare] of cases) {
    const row = timeCase(units, indicators, groups, dir, compare);
    rows.push(row);
    // COINr too slow on the large case: a smaller one as well
    if (typeof row.coinrPipeline === 'string') rows.push(timeCase(50_000, indicators, groups, dir, false));
  }
  const s = (v: number | string) => (typeof v === 'number' ? v.toFixed(3) : v);
  console.log('\nTimings (seconds; treatment + min-max + arithmetic, 2-level tree of 5 groups):');
  console.log('| size | COINr pipeline | COINr process | Keping engine | Keping CLI process | COINr/Keping (pipeline/engine) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = typeof r.coinrPipeline === 'number' ? (r.coinrPipeline / r.engine).toFixed(1) : '—';
    console.log(`| ${r.size} | ${s(r.coinrPipeline)} | ${s(r.coinrProcess)} | ${s(r.engine)} | ${s(r.cli)} | ${ratio} |`);
  }
  for (const r of rows) console.log(`${r.size}: Keping's outlier rule: ${r.treated}`);
  for (const r of rows) {
    if (r.differingRanks === undefined) continue;
    console.log(`${r.size}: ranks differing between COINr and Keping: ${r.differingRanks} (Keping's tie tolerance 1e-9), `
      + `${r.differingExact ?? '—'} (tolerance 0, as COINr); largest relative index score difference ${(r.worstScore ?? 0).toExponential(2)}`);
  }
}
