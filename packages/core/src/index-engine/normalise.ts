/**
 * Normalisation (标准化) of one indicator column onto a common scale, direction applied so that
 * higher is always better afterwards. Affine methods (none, min-max, z-score) are returned as
 * y = a·x + b so that the aggregation can fuse them into its one pass; the others as a column.
 */
import type { FieldError } from '../errors.js';
import { averageAscendingRanks } from './rank.js';
import { moments, range as columnRange } from './stats.js';

export type NormalisationSpec =
  | { method: 'none' }
  | { method: 'minmax'; range?: readonly [number, number] }
  | { method: 'zscore'; scale?: readonly [number, number] }
  | { method: 'rank'; ties?: Ties }
  | { method: 'percentile'; ties?: Ties; scale?: number }
  | { method: 'borda'; ties?: Ties }
  | { method: 'target'; target: number; cap?: boolean }
  | { method: 'frontier' }
  | { method: 'dist2max' }
  | { method: 'goalposts'; low: number; high: number; scale?: number; truncate?: boolean };

/** How tied values share ranks: their mean (Keping's default) or the lowest (COINr's default, R's "min"). */
export type Ties = 'average' | 'min';

export type NormalisationMethod = NormalisationSpec['method'];

/** How a column was mapped: the parameters shown in the explanation. */
export type ColumnTransform =
  | { kind: 'affine'; a: number; b: number; params: Record<string, number> }
  | { kind: 'dense'; values: Float64Array; params: Record<string, number> };

function zeroVariance(indicator: string, count: number): FieldError {
  return count === 0
    ? { code: 'INDEX_NO_DATA', field: 'data', params: { indicator } }
    : { code: 'INDEX_ZERO_VARIANCE', field: 'data', params: { indicator, count } };
}

/** The transform of column `x` (NaN = missing) for one indicator, or the error naming it. */
export function normaliseColumn(
  x: Float64Array, direction: 1 | -1, spec: NormalisationSpec, indicator: string,
  known?: { count: number; min: number; max: number },
): { ok: true; transform: ColumnTransform } | { ok: false; error: FieldError } {
  const range = (col: Float64Array) => known ?? columnRange(col);
  switch (spec.method) {
    case 'none':
      return { ok: true, transform: { kind: 'affine', a: direction, b: 0, params: {} } };
    case 'minmax': {
      const [lo, hi] = spec.range ?? [0, 1];
      const { count, min, max } = range(x);
      if (!(max > min)) return { ok: false, error: zeroVariance(indicator, count) };
      const a = (direction * (hi - lo)) / (max - min);
      const b = direction === 1 ? lo - a * min : lo - a * max;
      if (!Number.isFinite(a) || !Number.isFinite(b)) return { ok: false, error: zeroVariance(indicator, count) };
      return { ok: true, transform: { kind: 'affine', a, b, params: { min, max, lo, hi } } };
    }
    case 'zscore': {
      const [m, s] = spec.scale ?? [0, 1];
      const st = moments(x);
      if (!(st.sd > 0)) return { ok: false, error: zeroVariance(indicator, st.count) };
      const a = (direction * s) / st.sd;
      if (!Number.isFinite(a)) return { ok: false, error: zeroVariance(indicator, st.count) };
      return { ok: true, transform: { kind: 'affine', a, b: m - a * st.mean, params: { mean: st.mean, sd: st.sd } } };
    }
    case 'target': {
      const { count, min, max } = range(x);
      if (!(max > min)) return { ok: false, error: zeroVariance(indicator, count) };
      const worst = direction === 1 ? min : max;
      const span = direction * (spec.target - worst);
      if (!(span > 0 && Number.isFinite(1 / span))) return { ok: false, error: { code: 'INDEX_TARGET_INVALID', field: 'normalisation.target', params: { indicator, target: spec.target, worst } } };
      const cap = spec.cap ?? true;
      const values = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        const y = (direction === 1 ? (x[i] as number) - worst : worst - (x[i] as number)) / span;
        values[i] = cap && y > 1 ? 1 : y;
      }
      return { ok: true, transform: { kind: 'dense', values, params: { target: spec.target, worst } } };
    }
    case 'dist2max': {
      // COINr's n_dist2max, 1 − (max − x)/(max − min) on the direction-signed values: min-max onto [0, 1].
      return normaliseColumn(x, direction, { method: 'minmax', range: [0, 1] }, indicator, known);
    }
    case 'goalposts': {
      // COINr's n_goalposts: (x − low)/(high − low), reversed for a negative direction, truncated to [0, 1], times the scale.
      const span = spec.high - spec.low;
      if (!(span > 0) || !Number.isFinite(1 / span)) {
        return { ok: false, error: { code: 'INDEX_GOALPOSTS_INVALID', field: 'normalisation.high', params: { indicator, low: spec.low, high: spec.high } } };
      }
      const truncate = spec.truncate ?? true;
      const scale = spec.scale ?? 1;
      const values = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        const v = x[i] as number;
        let y = direction === 1 ? (v - spec.low) / span : (spec.high - v) / span;
        if (truncate) y = y > 1 ? 1 : y < 0 ? 0 : y;
        values[i] = y * scale;
      }
      return { ok: true, transform: { kind: 'dense', values, params: { low: spec.low, high: spec.high, scale } } };
    }
    case 'frontier': {
      const { count, min, max } = range(x);
      if (!(max > min)) return { ok: false, error: zeroVariance(indicator, count) };
      // x / max is defined at 0 (COINr's n_fracmax); only min / x for a lower-is-better indicator needs x > 0.
      if (direction === 1 && max > 0) return { ok: true, transform: { kind: 'affine', a: 1 / max, b: 0, params: { frontier: max } } };
      if (!(min > 0)) return { ok: false, error: { code: 'INDEX_FRONTIER_NONPOSITIVE', field: 'data', params: { indicator, value: min } } };
      const values = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) values[i] = min / (x[i] as number);
      return { ok: true, transform: { kind: 'dense', values, params: { frontier: min } } };
    }
    case 'rank':
    case 'percentile':
    case 'borda': {
      const { count, min, max } = range(x);
      if (!(max > min)) return { ok: false, error: zeroVariance(indicator, count) };
      let source = x;
      if (direction === -1) {
        source = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++) source[i] = -(x[i] as number);
      }
      const { ranks } = averageAscendingRanks(source, spec.ties ?? 'average');
      if (spec.method === 'rank') return { ok: true, transform: { kind: 'dense', values: ranks, params: { count } } };
      const scale = spec.method === 'percentile' ? spec.scale ?? 100 : 1;
      const denominator = spec.method === 'percentile' ? count - 1 : 1;
      for (let i = 0; i < ranks.length; i++) ranks[i] = (((ranks[i] as number) - 1) * scale) / denominator;
      return { ok: true, transform: { kind: 'dense', values: ranks, params: { count } } };
    }
  }
}

/** The normalised column itself (for reports, coherence and tests): a copy for affine transforms. */
export function applyTransform(x: Float64Array, t: ColumnTransform): Float64Array {
  if (t.kind === 'dense') return t.values;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = t.a * (x[i] as number) + t.b;
  return out;
}
