import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTransform, normaliseColumn, type NormalisationSpec } from './normalise.js';
import { moments } from './stats.js';

const column = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 })
  // a spread that is not lost in rounding (a subnormal range is refused as zero variance)
  .filter((xs) => Math.max(...xs) - Math.min(...xs) > 1e-6 * (1 + Math.max(...xs.map(Math.abs))));

function normalised(xs: number[], direction: 1 | -1, spec: NormalisationSpec): Float64Array {
  const x = Float64Array.from(xs);
  const r = normaliseColumn(x, direction, spec, 'i');
  if (!r.ok) throw new Error(r.error.code);
  return applyTransform(x, r.transform);
}

describe('normalisation', () => {
  it('min-max maps into the range, the best to hi and the worst to lo, whatever the direction', () => {
    fc.assert(fc.property(column, fc.constantFrom<1 | -1>(1, -1), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true }),
      (xs, dir, lo, width) => {
        const hi = lo + width;
        const y = normalised(xs, dir, { method: 'minmax', range: [lo, hi] });
        const tol = 1e-9 * (Math.abs(lo) + Math.abs(hi));
        for (const v of y) expect(v >= lo - tol && v <= hi + tol).toBe(true);
        const best = dir === 1 ? xs.indexOf(Math.max(...xs)) : xs.indexOf(Math.min(...xs));
        const worst = dir === 1 ? xs.indexOf(Math.min(...xs)) : xs.indexOf(Math.max(...xs));
        expect(y[best]).toBeCloseTo(hi, 6);
        expect(y[worst]).toBeCloseTo(lo, 6);
      }));
  });

  it('min-max is exactly lo + (hi − lo)·(x − min)/(max − min), (max − x) for direction −1', () => {
    expect(Array.from(normalised([2, 4, 10], 1, { method: 'minmax', range: [0, 100] }))).toEqual([0, 25, 100]);
    expect(Array.from(normalised([2, 4, 10], -1, { method: 'minmax', range: [1, 11] }))).toEqual([11, 8.5, 1]);
  });

  it('a z-scored indicator has mean 0 and sample standard deviation 1 (n − 1)', () => {
    fc.assert(fc.property(column, fc.constantFrom<1 | -1>(1, -1), (xs, dir) => {
      const m = moments(normalised(xs, dir, { method: 'zscore' }));
      expect(Math.abs(m.mean)).toBeLessThan(1e-9);
      expect(m.sd).toBeCloseTo(1, 9);
    }));
    // n − 1: [1, 2, 3] has sd 1, so z = x − 2
    expect(Array.from(normalised([1, 2, 3], 1, { method: 'zscore' }))).toEqual([-1, 0, 1]);
    expect(Array.from(normalised([1, 2, 3], -1, { method: 'zscore', scale: [100, 10] }))).toEqual([110, 100, 90]);
  });

  it('rank, percentile rank and Borda points average ties and follow the direction', () => {
    const xs = [10, 30, 20, 30];
    expect(Array.from(normalised(xs, 1, { method: 'rank' }))).toEqual([1, 3.5, 2, 3.5]);
    expect(Array.from(normalised(xs, -1, { method: 'rank' }))).toEqual([4, 1.5, 3, 1.5]);
    expect(Array.from(normalised(xs, 1, { method: 'percentile' }))).toEqual([0, 250 / 3, 100 / 3, 250 / 3]);
    expect(Array.from(normalised(xs, 1, { method: 'borda' }))).toEqual([0, 2.5, 1, 2.5]);
  });

  it('keeps missing values missing', () => {
    for (const spec of [{ method: 'minmax' }, { method: 'zscore' }, { method: 'rank' }, { method: 'borda' }] as NormalisationSpec[]) {
      const y = normalised([1, Number.NaN, 3], 1, spec);
      expect(Number.isNaN(y[1])).toBe(true);
      expect(Number.isNaN(y[0]) || Number.isNaN(y[2])).toBe(false);
    }
  });

  it('distance to a target caps at 1 unless told not to; distance to the frontier is the ratio to the leader', () => {
    expect(Array.from(normalised([0, 5, 20], 1, { method: 'target', target: 10 }))).toEqual([0, 0.5, 1]);
    expect(Array.from(normalised([0, 5, 20], 1, { method: 'target', target: 10, cap: false }))).toEqual([0, 0.5, 2]);
    expect(Array.from(normalised([10, 5, 20], -1, { method: 'target', target: 10 }))).toEqual([1, 1, 0]);
    expect(Array.from(normalised([2, 4, 8], 1, { method: 'frontier' }))).toEqual([0.25, 0.5, 1]);
    expect(Array.from(normalised([2, 4, 8], -1, { method: 'frontier' }))).toEqual([1, 0.5, 0.25]);
  });

  it('refuses an indicator with zero variance, naming it, under every method', () => {
    for (const method of ['minmax', 'zscore', 'rank', 'percentile', 'borda', 'frontier'] as const) {
      const r = normaliseColumn(Float64Array.from([3, 3, Number.NaN, 3]), 1, { method }, 'patents');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toEqual({ code: 'INDEX_ZERO_VARIANCE', field: 'data', params: { indicator: 'patents', count: 3 } });
    }
    const empty = normaliseColumn(Float64Array.from([Number.NaN]), 1, { method: 'minmax' }, 'x');
    expect(!empty.ok && empty.error.code).toBe('INDEX_NO_DATA');
  });
});
