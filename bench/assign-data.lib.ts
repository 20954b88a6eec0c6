/** The assignment benchmarks' instances (bench/assign.ts, bench/startup.ts): seeded, deterministic. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../packages/core/src/random.js';
import type { CompiledAssignment } from '../packages/core/src/review/assignment-types.js';

export interface Spec { name: string; entries: number; experts: number; perEntry: number; candidates: number }

export function generate(spec: Spec, uniformScores: boolean): CompiledAssignment {
  const { entries: n, experts: m, perEntry: k, candidates: per } = spec;
  const rng = createRng(`keping-assign-${spec.name}${uniformScores ? '-uniform' : ''}`);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const popularity = Float64Array.from({ length: m }, () => (uniformScores ? 1 : Math.exp(normal())));
  const byPopularity = Array.from({ length: m }, (_, j) => j).sort((a, b) => popularity[a]! - popularity[b]! || a - b);
  const quality = new Float64Array(m);
  byPopularity.forEach((j, r) => (quality[j] = (r + 0.5) / m));
  const cumulative = new Float64Array(m);
  let sum = 0;
  for (let j = 0; j < m; j++) cumulative[j] = sum += popularity[j]!;
  const draw = (): number => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const pairStart = new Int32Array(n + 1);
  const pairExpert = new Int32Array(n * per);
  const pairScore = new Float64Array(n * per);
  const mark = new Int32Array(m).fill(-1);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const level = uniformScores ? 1 : 0.3 + 0.7 * rng.next();
    const list: number[] = [];
    while (list.length < per) {
      const j = draw();
      if (mark[j] !== i) {
        mark[j] = i;
        list.push(j);
      }
    }
    list.sort((a, b) => a - b);
    for (const j of list) {
      const raw = uniformScores ? rng.next() : level * (0.6 * quality[j]! + 0.4 * rng.next());
      pairExpert[p] = j;
      pairScore[p++] = Math.round(raw * 1e6) / 1e6;
    }
    pairStart[i + 1] = p;
  }
  const maxLoad = Math.ceil(((k * n) / m) * 1.2);
  return {
    entryIds: Array.from({ length: n }, (_, i) => `E${i + 1}`),
    expertIds: Array.from({ length: m }, (_, j) => `X${j + 1}`),
    perEntry: k,
    minLoad: new Int32Array(m),
    maxLoad: new Int32Array(m).fill(maxLoad),
    pairStart, pairExpert, pairScore,
    expertOrganisation: new Int32Array(m).fill(-1),
    onePerOrganisation: false,
    excluded: { conflict: 0, sameOrganisation: 0, category: 0, belowMinScore: 0 },
  };
}

/** The instance as bench/peers/assign_highs.py reads it: meta.json and raw little-endian arrays. */
export function writeHighsInstance(dir: string, p: CompiledAssignment, timeLimit: number): void {
  const write = (name: string, a: Int32Array | Float64Array): void => writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  write('pairStart.i32', p.pairStart);
  write('pairExpert.i32', p.pairExpert);
  write('pairScore.f64', p.pairScore);
  write('minLoad.i32', p.minLoad);
  write('maxLoad.i32', p.maxLoad);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ entries: p.entryIds.length, experts: p.expertIds.length, perEntry: p.perEntry, timeLimit }));
}

/** The instance as `keping assign` reads it: entries.csv, experts.csv and affinity.csv. */
export function writeCsvInstance(dir: string, p: CompiledAssignment): void {
  writeFileSync(join(dir, 'entries.csv'), `id\n${p.entryIds.join('\n')}\n`);
  writeFileSync(join(dir, 'experts.csv'), `id\n${p.expertIds.join('\n')}\n`);
  let rows = 'entry_id,expert_id,score\n';
  for (let i = 0; i < p.entryIds.length; i++) {
    for (let q = p.pairStart[i] as number; q < (p.pairStart[i + 1] as number); q++) rows += `${p.entryIds[i]},${p.expertIds[p.pairExpert[q] as number]},${p.pairScore[q]}\n`;
  }
  writeFileSync(join(dir, 'affinity.csv'), rows);
}
