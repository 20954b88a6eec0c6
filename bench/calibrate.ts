/**
 * npm run bench -- calibrate [--runs N]: times each calibration method on a synthetic panel of 300
 * entries, 100 experts and 5 reviews per entry scored on the 2019 rubric's 4 criteria (median of N
 * runs, default 51), then runs the same z-score and least-squares computations in numpy
 * (bench/peers/calibrate.py) on the same reviews, checks both agree, and prints the ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CALIBRATION_METHODS, type CalibrationMethod, RUBRIC_2019, calibrate, kendallTau, scoreEntries, syntheticPanel,
} from '../packages/core/src/review/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '51' } } });
const runs = Number(values.runs);
const [ENTRIES, EXPERTS, PER_ENTRY] = [300, 100, 5];

const panel = syntheticPanel({ entries: ENTRIES, experts: EXPERTS, reviewsPerEntry: PER_ENTRY, seed: 'bench-calibrate' });
const scored = scoreEntries(RUBRIC_2019, { reviews: panel.reviews, method: 'mean' });
if (scored.errors.length > 0) throw new Error(`synthetic reviews rejected: ${JSON.stringify(scored.errors[0])}`);
const reviews = scored.reviews.map(({ entry, expert, score, confidence }) => ({ entry, expert, score, confidence: confidence ?? 1 }));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function time(method: CalibrationMethod): number {
  for (let i = 0; i < 5; i++) calibrate(reviews, { method });
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    calibrate(reviews, { method });
    t.push(performance.now() - t0);
  }
  return median(t) / 1000;
}

const ours = Object.fromEntries(CALIBRATION_METHODS.map((m) => [m, time(m)])) as Record<CalibrationMethod, number>;

// Ranking quality against the known truth, for the record.
const entries = [...panel.truth.keys()];
const truth = entries.map((e) => panel.truth.get(e) as number);
const tau = (m: CalibrationMethod) => {
  const r = calibrate(reviews, { method: m });
  const by = new Map<string, number[]>();
  for (const x of r.reviews) by.set(x.entry, [...(by.get(x.entry) ?? []), x.calibrated]);
  return kendallTau(entries.map((e) => mean(by.get(e) ?? [])), truth);
};

const out = join('bench', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, 'calibrate-reviews.json');
writeFileSync(file, JSON.stringify(reviews));
const py = spawnSync('python3', ['bench/peers/calibrate.py', file, String(runs)], { encoding: 'utf8' });
interface PeerRun {
  seconds: number;
  result: number[];
}
interface Peer {
  numpy: string;
  zscore: PeerRun;
  bias: PeerRun;
  bias_normal: PeerRun;
  experts_order: string[];
}
let peer: Peer | undefined;
if (py.status === 0) peer = JSON.parse(py.stdout.trim()) as Peer;
else console.error(`numpy peer failed (is python3 with numpy installed?):\n${py.stderr}`);

console.log(`Calibration benchmark: ${ENTRIES} entries, ${EXPERTS} experts, ${PER_ENTRY} reviews each (${reviews.length} reviews), `
  + `${RUBRIC_2019.criteria.length} criteria; median of ${runs} runs (node ${process.version}${peer ? `, numpy ${peer.numpy}` : ''})\n`);
if (peer) {
  const z = calibrate(reviews, { method: 'zscore' }).reviews.map((r) => r.calibrated);
  const b = new Map(calibrate(reviews, { method: 'bias' }).experts.map((e) => [e.expert, e.bias ?? 0]));
  const dz = Math.max(...z.map((v, i) => Math.abs(v - (peer.zscore.result[i] as number))));
  const db = (run: PeerRun) => Math.max(...peer.experts_order.map((x, i) => Math.abs((b.get(x) ?? 0) - (run.result[i] as number))));
  console.log(`agreement with numpy: max |Δ z-calibrated score| ${dz.toExponential(1)}, `
    + `max |Δ bias| ${db(peer.bias).toExponential(1)} (lstsq), ${db(peer.bias_normal).toExponential(1)} (normal equations)\n`);
}
const rows: [string, CalibrationMethod, PeerRun | undefined][] = [
  ['none', 'none', undefined],
  ['zscore', 'zscore', peer?.zscore],
  ['bias vs numpy lstsq (full design matrix)', 'bias', peer?.bias],
  ['bias vs numpy solve (reduced normal equations)', 'bias', peer?.bias_normal],
];
console.log('| method | keping ms | numpy ms | keping / numpy | Kendall tau vs truth |');
console.log('|---|---:|---:|---:|---:|');
for (const [label, m, p] of rows) {
  const ratio = p ? (ours[m] / p.seconds).toPrecision(3) : '—';
  console.log(`| ${label} | ${(ours[m] * 1000).toFixed(3)} | ${p ? (p.seconds * 1000).toFixed(3) : '—'} | ${ratio} | ${tau(m).toFixed(3)} |`);
}
console.log('\nkeping bias = Jacobi-preconditioned conjugate gradients on the expert normal equations, no dense matrix;'
  + ' keping times include building the per-review and per-expert explanations.');
