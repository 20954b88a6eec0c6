/**
 * npm run bench -- coinr
 * COINr (the JRC/OECD handbook's R package) as a peer: installs it once from ../shared/peers into
 * .tmp/coinr-lib (Debian's R must be installed: see ../shared/peers/README.md), regenerates the
 * fixtures under packages/core/src/index-engine/fixtures/ from COINr's own runs, and compares
 * Keping's engine with each, printing the differences per indicator.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AggregationMethod } from '../packages/core/src/index-engine/aggregate.js';
import { computeIndex } from '../packages/core/src/index-engine/compute.js';
import { matrixFromRows } from '../packages/core/src/index-engine/matrix.js';
import { treatOutliers } from '../packages/core/src/index-engine/outliers.js';
import { pcaLoadings } from '../packages/core/src/index-engine/pca.js';
import type { IndicatorNode } from '../packages/core/src/index-engine/system.js';
import { asemPipeline } from './coinr-asem.lib.js';
import { timings } from './coinr-timing.lib.js';

const PEERS = resolve('..', 'shared', 'peers');
const LIB = resolve('.tmp', 'coinr-lib');
const FIXTURES = resolve('packages', 'core', 'src', 'index-engine', 'fixtures');

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function installCoinr(): void {
  if (existsSync(join(LIB, 'COINr'))) return;
  if (spawnSync('Rscript', ['--version']).status !== 0) {
    throw new Error('Rscript not found: apt-get install -y r-base-core r-cran-openxlsx r-cran-rlang r-cran-ggplot2 r-cran-readxl');
  }
  const tarball = join(PEERS, 'COINr-1.1.14-src.tar.gz');
  const src = resolve('.tmp', 'coinr-src');
  mkdirSync(src, { recursive: true });
  mkdirSync(LIB, { recursive: true });
  run('tar', ['xzf', tarball, '-C', src]);
  run('R', ['CMD', 'INSTALL', '--no-docs', '--no-html', `--library=${LIB}`, join(src, 'COINr-min')]);
}

interface TreatFixture {
  peer: string;
  units: string[];
  indicators: { code: string; treatment: 'none' | 'winsorised' | 'log'; points: number; input: (number | null)[]; treated: (number | null)[] }[];
}

function compareTreat(): void {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, 'coinr-asem-treat.json'), 'utf8')) as TreatFixture;
  let worst = 0;
  let differing = 0;
  for (const ind of fixture.indicators) {
    const x = Float64Array.from(ind.input, (v) => v ?? Number.NaN);
    const ours = treatOutliers(x, { negativeLog: 'coinr' });
    const diff = Math.max(...ind.treated.map((v, i) => (v === null ? 0 : Math.abs(v - (ours.values[i] as number)) / Math.max(1, Math.abs(v)))));
    worst = Math.max(worst, diff);
    if (ours.report.treatment !== ind.treatment || diff > 1e-9) {
      differing++;
      console.log(`  ${ind.code}: COINr ${ind.treatment} (${ind.points} points), Keping ${ours.report.treatment} (${ours.report.winsorised.length} points), max relative difference ${diff.toExponential(2)}`);
    }
  }
  const counts = (t: string) => fixture.indicators.filter((i) => i.treatment === t).length;
  console.log(`outlier treatment, ASEM (${fixture.peer}, ${fixture.units.length} units × ${fixture.indicators.length} indicators): `
    + `COINr winsorised ${counts('winsorised')}, logged ${counts('log')}; indicators differing from Keping: ${differing}; largest relative difference ${worst.toExponential(2)}`);
}

type Column = (number | null)[];

/** Largest relative difference (absolute below 1) between Keping's column and COINr's. */
function worstDiff(ours: ArrayLike<number>, theirs: Column): number {
  return Math.max(0, ...theirs.map((v, i) => (v === null ? (Number.isNaN(ours[i]) ? 0 : Infinity) : Math.abs(v - (ours[i] as number)) / Math.max(1, Math.abs(v)))));
}

interface AggregateFixture {
  coin: { units: string[]; indicators: string[]; raw: Column[]; nodes: { code: string; parent: string | null; weight: number; direction: 1 | -1 | null }[]; aggregated: Record<string, Record<string, Column>> };
}

function compareAggregate(): void {
  const { coin } = JSON.parse(readFileSync(join(FIXTURES, 'coinr-aggregate.json'), 'utf8')) as AggregateFixture;
  const tree = (code: string): IndicatorNode => {
    const node = coin.nodes.find((n) => n.code === code);
    const kids = coin.nodes.filter((n) => n.parent === code);
    return kids.length === 0 ? { id: code, weight: node?.weight ?? 1, direction: node?.direction ?? 1 } : { id: code, weight: node?.weight ?? 1, children: kids.map((k) => tree(k.code)) };
  };
  const data = matrixFromRows(coin.units, coin.indicators, coin.raw);
  const methods: Record<string, AggregationMethod> = { a_amean: 'arithmetic', a_gmean: 'geometric', a_hmean: 'harmonic' };
  for (const [f, expected] of Object.entries(coin.aggregated)) {
    const r = computeIndex(data, { system: tree(coin.nodes.find((n) => n.parent === null)?.code ?? ''), normalisation: { method: 'minmax', range: [1, 100] }, aggregation: methods[f] ?? 'arithmetic' });
    if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
    const worst = Math.max(...r.result.nodes.map((n) => worstDiff(n.scores, expected[n.id] ?? [])));
    console.log(`Aggregate(${f}), ASEM (${coin.units.length} units, ${r.result.nodes.length} nodes): largest relative difference ${worst.toExponential(2)}`);
  }
}

interface PcaCase { run: string; group: string; units: string[]; indicators: string[]; data: Column[]; eigenvalues: number[]; rotation: number[][] }

function comparePca(): void {
  const { cases } = JSON.parse(readFileSync(join(FIXTURES, 'coinr-pca.json'), 'utf8')) as { cases: PcaCase[] };
  let values = 0;
  let loadings = 0;
  for (const c of cases) {
    const p = pcaLoadings(matrixFromRows(c.units, c.indicators, c.data));
    if (!p.ok) throw new Error(`${c.run} ${c.group}: ${JSON.stringify(p.errors)}`);
    values = Math.max(values, worstDiff(p.result.eigenvalues, c.eigenvalues));
    c.eigenvalues.forEach((_, f) => {
      const v = c.rotation.map((row) => row[f] as number);
      const top = v.reduce((t, x) => (Math.abs(x) > Math.abs(t) ? x : t), 0);
      loadings = Math.max(loadings, worstDiff(p.result.loadings[f] ?? [], v.map((x) => Math.sign(top) * x)));
    });
  }
  console.log(`get_PCA, ASEM (${cases.length} PCAs, ${cases.reduce((s, c) => s + c.indicators.length, 0)} components): largest difference, eigenvalues ${values.toExponential(2)}, loadings ${loadings.toExponential(2)}`);
}

installCoinr();
mkdirSync(FIXTURES, { recursive: true });
run('Rscript', [join('bench', 'peers', 'coinr', 'asem-treat.R'), LIB, join(FIXTURES, 'coinr-asem-treat.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'treat-cases.R'), LIB, join(FIXTURES, 'coinr-treat-cases.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'methods.R'), LIB, join(FIXTURES, 'coinr-methods.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'asem-impute.R'), LIB, join(FIXTURES, 'coinr-asem-impute.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'aggregate.R'), LIB, join(FIXTURES, 'coinr-aggregate.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'pca.R'), LIB, join(FIXTURES, 'coinr-pca.json')]);
compareTreat();
compareAggregate();
comparePca();
// The method fixtures are compared case by case by the core tests that read them; the testthat ports need no R.
run(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', 'packages/core/src/index-engine/coinr-methods.test.ts', 'packages/core/src/index-engine/coinr-treat.test.ts', 'packages/core/src/index-engine/coinr-treat-cases.test.ts',
  'packages/core/src/index-engine/coinr-impute.test.ts',
  'packages/core/src/index-engine/coinr-aggregate.test.ts', 'packages/core/src/index-engine/coinr-pca.test.ts',
  'packages/core/src/index-engine/coinr-testthat.test.ts', 'packages/core/src/index-engine/coinr-testthat-aggregate.test.ts']);
// The ASEM example end to end through the spec → iMeta translator (five variants), then the timings.
asemPipeline(FIXTURES);
run(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', 'packages/core/src/index-engine/coinr-imeta.test.ts', 'packages/core/src/index-engine/coinr-asem-pipeline.test.ts']);
timings();
