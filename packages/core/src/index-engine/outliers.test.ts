import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { treatOutliers } from './outliers.js';
import { skewKurt } from './stats.js';

describe('JRC outlier rule', () => {
  it('measures skewness and excess kurtosis with the sample estimators G1 and G2 (COINr, Excel)', () => {
    const { skew, kurt } = skewKurt(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]));
    expect(skew).toBeCloseTo(3.0632410342394985, 12);
    expect(kurt).toBeCloseTo(9.74139083456914, 12);
  });

  it('leaves an indicator alone unless |skewness| ≥ 2 and kurtosis ≥ 3.5', () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => i);
    const r = treatOutliers(x);
    expect(r.values).toBe(x);
    expect(r.report.flagged).toBe(false);
    expect(r.report.treatment).toBe('none');
  });

  it('winsorises one extreme at a time, re-checking, until the rule passes', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 200]);
    const r = treatOutliers(x);
    expect(r.report.treatment).toBe('winsorised');
    expect(r.report.winsorised).toEqual([{ unit: 20, from: 200, to: 20 }]);
    expect(r.values[20]).toBe(20);
    expect(x[20]).toBe(200); // the input is not modified
    expect(Math.abs(r.report.skewAfter) > 2 && r.report.kurtAfter > 3.5).toBe(false);
  });

  it('falls back to the log transform of the original data after 5 points', () => {
    // a heavy right tail: 8 extreme points cannot be winsorised away in 5
    const x = Float64Array.from([...Array.from({ length: 60 }, (_, i) => 1 + (i % 5)), 50, 60, 80, 100, 150, 200, 400, 1000]);
    const r = treatOutliers(x);
    expect(r.report.flagged).toBe(true);
    expect(r.report.treatment).toBe('log');
    expect(r.report.winsorised).toEqual([]);
    const min = 1;
    const shift = 0.01 * (1000 - 1);
    expect(r.values[67]).toBeCloseTo(Math.log(1000 - min + shift), 12);
    expect(r.values[0]).toBeCloseTo(Math.log(shift), 12);
  });

  it('treats a negative skew on the low side', () => {
    const x = Float64Array.from([-200, ...Array.from({ length: 20 }, (_, i) => i)]);
    const r = treatOutliers(x);
    expect(r.report.winsorised[0]).toEqual({ unit: 0, from: -200, to: 0 });
  });

  it('winsorises tied extremes together, counting each as a point (COINr: x[imax] <- max(x[-imax]))', () => {
    // Two tied outliers and a third close below: one step sets both 500s to 90 (2 points), the next
    // sets the three 90s to 20 (3 points), and the column passes. Before the fix the second 500 was
    // "moved" to its twin, a no-op, until winmax was spent and the column was logged.
    const x = Float64Array.from([...Array.from({ length: 40 }, (_, i) => 1 + (i % 20)), 90, 500, 500]);
    const r = treatOutliers(x);
    expect(r.report.treatment).toBe('winsorised');
    expect(r.report.steps).toBe(2);
    expect(r.report.winsorised).toEqual([{ unit: 40, from: 90, to: 20 }, { unit: 41, from: 500, to: 20 }, { unit: 42, from: 500, to: 20 }]);
    expect(Math.abs(r.report.skewAfter) >= 2 && r.report.kurtAfter >= 3.5).toBe(false);
  });

  it('applies COINr\'s log_CT unchanged to a negative skew when asked, and mirrors it by default', () => {
    const x = Float64Array.from([-1000, -400, -200, -150, -100, -80, -60, -50, ...Array.from({ length: 60 }, (_, i) => 1 + (i % 5))]);
    const shift = 0.01 * (5 - -1000);
    const coinr = treatOutliers(x, { negativeLog: 'coinr' });
    expect(coinr.report.treatment).toBe('log');
    expect(coinr.values[0]).toBeCloseTo(Math.log(shift), 12);
    expect(coinr.values[8]).toBeCloseTo(Math.log(1 + 1000 + shift), 12);
    const mirrored = treatOutliers(x);
    expect(mirrored.values[0]).toBeCloseTo(-Math.log(5 + 1000 + shift), 12);
  });

  it('never takes a step that changes nothing, and a treated column passes or was logged (property)', () => {
    // Integer data from a small range (many ties) with a few large outliers, some of them tied.
    const column = fc.tuple(
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 8, maxLength: 60 }),
      fc.array(fc.constantFrom(50, 50, 80, 200, 200, 1000), { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 6 }),
    );
    fc.assert(fc.property(column, ([body, tail, negative, winmax]) => {
      const x = Float64Array.from([...body, ...tail].map((v) => (negative ? -v : v)));
      const r = treatOutliers(x, { winmax });
      // Every step moves its tied group inward, so it changes at least one value no step changed before.
      if (r.report.treatment === 'winsorised') expect(r.report.winsorised.length).toBeGreaterThanOrEqual(r.report.steps);
      if (r.report.treatment === 'winsorised') expect(Math.abs(r.report.skewAfter) >= 2 && r.report.kurtAfter >= 3.5).toBe(false);
      if (r.report.treatment === 'log') expect(r.report.winsorised).toEqual([]);
      if (r.report.flagged) expect(r.report.treatment).not.toBe('none');
    }), { numRuns: 500, seed: 20261207 });
  });
});
