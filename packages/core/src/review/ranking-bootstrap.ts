/**
 * How sure is a rank? Each entry's reviews are resampled with replacement (a seeded bootstrap),
 * its score recomputed with the same aggregate, and all entries re-ranked, B times. The spread of
 * an entry's ranks gives its expected rank and a 90 % interval; an interval that reaches both
 * sides of the cutoff is flagged, as the Swiss National Science Foundation flags proposals whose
 * rank interval crosses the funding line (Heyard et al. 2022).
 */
import type { FieldError, Params } from '../errors.js';
import type { Message } from './message.js';
import { createRng } from '../random.js';
import type { AggregateMethod } from './scoring.js';
import { quantileSorted } from './stats.js';

export interface BootstrapOptions {
  /** One score per review (weighted, and calibrated if the round calibrates). */
  reviews: readonly { entry: string; score: number }[];
  method: AggregateMethod;
  /** Entry → category; entries are ranked within their category. Absent: one ranking. */
  categories?: Readonly<Record<string, string>>;
  /** Cutoff rank per category (its quota); `cutoff` when there are no categories. */
  quotas?: Readonly<Record<string, number>>;
  cutoff?: number;
  /** Number of replicates B (e.g. 1000). */
  replicates: number;
  seed: string | number;
  /** Coverage of the interval (default 0.9). */
  level?: number;
  /** Decimals kept when comparing scores (default 6), as in rankEntries. */
  precision?: number;
}

export interface RankInterval {
  entry: string;
  category: string | null;
  reviews: number;
  score: number;
  /** Competition rank of the observed score within its category. */
  rank: number;
  expectedRank: number;
  /** Bounds of the central `level` interval of bootstrap ranks (nearest-rank quantiles). */
  low: number;
  high: number;
  cutoff: number | null;
  /** low ≤ cutoff < high: the entry could fall on either side of the line. */
  straddlesCutoff: boolean;
  message: Message;
}

export interface BootstrapResult {
  entries: RankInterval[];
  replicates: number;
  seed: string | number;
  level: number;
  errors: FieldError[];
}

/** aggregate() of scoring.ts on plain numbers (sorted in place): same rules, no allocation per call. */
export function aggregateValues(values: Float64Array, method: AggregateMethod): number {
  const k = values.length;
  if (method === 'mean' || (method === 'trimmed_mean' && k < 3)) {
    let s = 0;
    for (let i = 0; i < k; i++) s += values[i] as number;
    return s / k;
  }
  values.sort();
  if (method === 'median') {
    const mid = k >> 1;
    return k % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
  }
  let s = 0;
  for (let i = 1; i < k - 1; i++) s += values[i] as number;
  return s / (k - 2);
}

/** Competition ranks (1 + number strictly better) of `scores` at positions `members`. */
function rankWithin(members: Int32Array, scores: Float64Array, round: (x: number) => number, out: Int32Array): void {
  const order = Array.from(members).sort((a, b) => round(scores[b] as number) - round(scores[a] as number));
  let rank = 1;
  order.forEach((m, i) => {
    if (i > 0 && round(scores[m] as number) !== round(scores[order[i - 1] as number] as number)) rank = i + 1;
    out[m] = rank;
  });
}

export function bootstrapRanks(o: BootstrapOptions): BootstrapResult {
  const level = o.level ?? 0.9;
  const errors: FieldError[] = [];
  if (!Number.isInteger(o.replicates) || o.replicates < 1) errors.push({ code: 'BOOTSTRAP_REPLICATES', field: 'replicates', params: { value: o.replicates } });
  if (!(level > 0 && level < 1)) errors.push({ code: 'BOOTSTRAP_LEVEL', field: 'level', params: { value: level } });
  o.reviews.forEach((r, i) => {
    if (!Number.isFinite(r.score)) errors.push({ code: 'SCORE_NOT_A_NUMBER', field: `reviews[${i}].score`, params: { value: String(r.score) } });
  });
  if (errors.length > 0) return { entries: [], replicates: o.replicates, seed: o.seed, level, errors };

  const f = 10 ** (o.precision ?? 6);
  const round = (x: number) => Math.round(x * f);
  const byEntry = new Map<string, number[]>();
  for (const r of o.reviews) {
    const list = byEntry.get(r.entry);
    if (list) list.push(r.score);
    else byEntry.set(r.entry, [r.score]);
  }
  const ids = [...byEntry.keys()];
  const samples = ids.map((id) => Float64Array.from(byEntry.get(id) as number[]));
  const n = ids.length;
  const categoryOf = ids.map((id) => o.categories?.[id] ?? null);
  const groups = new Map<string | null, number[]>();
  categoryOf.forEach((c, i) => {
    const list = groups.get(c);
    if (list) list.push(i);
    else groups.set(c, [i]);
  });
  const members = [...groups.values()].map((g) => Int32Array.from(g));

  const observed = Float64Array.from(samples, (s) => aggregateValues(s.slice(), o.method));
  const observedRank = new Int32Array(n);
  for (const m of members) rankWithin(m, observed, round, observedRank);

  const B = o.replicates;
  const ranks = new Int32Array(n * B);
  const scores = new Float64Array(n);
  const rank = new Int32Array(n);
  const rng = createRng(o.seed);
  const buffers = samples.map((s) => new Float64Array(s.length));
  for (let b = 0; b < B; b++) {
    for (let e = 0; e < n; e++) {
      const s = samples[e] as Float64Array;
      const buf = buffers[e] as Float64Array;
      for (let j = 0; j < s.length; j++) buf[j] = s[rng.int(s.length)] as number;
      scores[e] = aggregateValues(buf, o.method);
    }
    for (const m of members) rankWithin(m, scores, round, rank);
    for (let e = 0; e < n; e++) ranks[e * B + b] = rank[e] as number;
  }

  const tail = (1 - level) / 2;
  const entries = ids.map((entry, e): RankInterval => {
    const mine = ranks.subarray(e * B, (e + 1) * B).sort();
    let sum = 0;
    for (const r of mine) sum += r;
    const low = quantileSorted(mine, tail);
    const high = quantileSorted(mine, 1 - tail);
    const category = categoryOf[e] ?? null;
    const quota = category === null ? o.cutoff : o.quotas?.[category];
    const cutoff = quota ?? null;
    const straddlesCutoff = cutoff !== null && low <= cutoff && high > cutoff;
    const expectedRank = sum / B;
    const params: Params = { entry, rank: observedRank[e] as number, expected: Number(expectedRank.toFixed(2)), low, high, level: Math.round(level * 100) };
    if (cutoff !== null) params.cutoff = cutoff;
    return {
      entry, category, reviews: (samples[e] as Float64Array).length, score: observed[e] as number, rank: observedRank[e] as number,
      expectedRank, low, high, cutoff, straddlesCutoff,
      message: { key: straddlesCutoff ? 'review.bootstrap.straddles' : 'review.bootstrap.interval', params },
    };
  });
  return { entries, replicates: B, seed: o.seed, level, errors };
}
