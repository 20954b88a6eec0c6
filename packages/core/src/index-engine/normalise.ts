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
  | { method: 'rank' }
  | { method: 'percentile' }
  | { method: 'borda' }
  | { method: 'target'; target: number; cap?: boolean }
  | { method: 'frontier' };

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
    case 'frontier': {
      const { count, min, max } = range(x);
      if (!(max > min)) return { ok: false, error: zeroVariance(indicator, count) };
      if (!(min > 0)) return { ok: false, error: { code: 'INDEX_FRONTIER_NONPOSITIVE', field: 'data', params: { indicator, value: min } } };
      if (direction === 1) return { ok: true, transform: { kind: 'affine', a: 1 / max, b: 0, params: { frontier: max } } };
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
      const { ranks } = averageAscendingRanks(source);
      if (spec.method === 'rank') return { ok: true, transform: { kind: 'dense', values: ranks, params: { count } } };
      const scale = spec.method === 'percentile' ? 100 : 1;
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
