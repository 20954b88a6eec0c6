import { describe, expect, it } from 'vitest';
import { treatOutliers } from './outliers.js';
import { skewKurt } from './stats.js';

describe('JRC outlier rule', () => {
  it('measures skewness and excess kurtosis with the sample estimators G1 and G2 (COINr, Excel)', () => {
    const { skew, kurt } = skewKurt(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]));
    expect(skew).toBeCloseTo(3.0632410342394985, 12);
    expect(kurt).toBeCloseTo(9.74139083456914, 12);
  });

  it('leaves an indicator alone unless |skewness| > 2 and kurtosis > 3.5', () => {
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
});
