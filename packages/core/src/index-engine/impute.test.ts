import { describe, expect, it } from 'vitest';
import { imputeColumn, imputeLastAvailable } from './impute.js';
import { matrixFromRows } from './matrix.js';
import { median, moments } from './stats.js';

const NaN_ = Number.NaN;

describe('imputation', () => {
  it('fills with the mean or the median of the present values', () => {
    const x = Float64Array.from([1, NaN_, 2, 9]);
    expect(Array.from(imputeColumn(x, { method: 'mean' }).values)).toEqual([1, 4, 2, 9]);
    expect(Array.from(imputeColumn(x, { method: 'median' }).values)).toEqual([1, 2, 2, 9]);
    expect(imputeColumn(x, { method: 'none' }).values).toBe(x);
  });

  it('fills within the unit\'s group, falling back to the overall value for a group with none', () => {
    const x = Float64Array.from([1, 3, NaN_, 10, 20, NaN_, NaN_]);
    const groups = { codes: Int32Array.from([0, 0, 0, 1, 1, 1, 2]), count: 3 };
    const r = imputeColumn(x, { method: 'mean', by: 'group' }, groups);
    expect(Array.from(r.values)).toEqual([1, 3, 2, 10, 20, 15, 8.5]);
    expect(r.imputed).toBe(3);
  });

  it('takes the latest earlier year that has the value', () => {
    const now = matrixFromRows(['a', 'b', 'c'], ['rd', 'pat'], [[1, null], [null, 5], [null, null]]);
    // c has neither in 2022; 2021 gives its rd 3 and its pat 0 (a real zero, not a missing value)
    const y2022 = matrixFromRows(['b', 'a', 'c'], ['pat', 'rd'], [[4, 7], [2, 9], [null, null]]);
    const y2021 = matrixFromRows(['c', 'b'], ['rd', 'pat'], [[3, 0], [6, 1]]);
    const r = imputeLastAvailable(now, [{ year: 2021, data: y2021 }, { year: 2022, data: y2022 }]);
    expect(Array.from(r.data.values)).toEqual([1, 7, 3, 2, 5, 0]);
    expect(r.filled).toEqual([
      { indicator: 'rd', year: 2022, count: 1 }, { indicator: 'rd', year: 2021, count: 1 }, { indicator: 'pat', year: 2022, count: 1 }, { indicator: 'pat', year: 2021, count: 1 },
    ]);
  });

  it('moments and median skip missing values', () => {
    const m = moments(Float64Array.from([1, NaN_, 2, 3]));
    expect(m).toEqual({ count: 3, min: 1, max: 3, mean: 2, sd: 1 });
    expect(median(Float64Array.from([4, NaN_, 1, 3, 2]))).toBe(2.5);
  });
});
