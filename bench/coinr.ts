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
import { treatOutliers } from '../packages/core/src/index-engine/outliers.js';
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

installCoinr();
mkdirSync(FIXTURES, { recursive: true });
run('Rscript', [join('bench', 'peers', 'coinr', 'asem-treat.R'), LIB, join(FIXTURES, 'coinr-asem-treat.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'methods.R'), LIB, join(FIXTURES, 'coinr-methods.json')]);
run('Rscript', [join('bench', 'peers', 'coinr', 'asem-impute.R'), LIB, join(FIXTURES, 'coinr-asem-impute.json')]);
compareTreat();
// The method fixtures are compared case by case by the core test that reads them.
run(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', 'packages/core/src/index-engine/coinr-methods.test.ts', 'packages/core/src/index-engine/coinr-treat.test.ts', 'packages/core/src/index-engine/coinr-impute.test.ts']);
// The ASEM example end to end through the spec → iMeta translator (five variants), then the timings.
asemPipeline(FIXTURES);
run(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', 'packages/core/src/index-engine/coinr-imeta.test.ts', 'packages/core/src/index-engine/coinr-asem-pipeline.test.ts']);
timings();
