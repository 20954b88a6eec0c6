/**
 * Moments and order statistics of one indicator column. Missing values are NaN and skipped.
 * Skewness and kurtosis are the bias-adjusted sample estimators G1 and G2 (excess kurtosis),
 * as COINr's skew() and kurt() and Excel's SKEW and KURT: the JRC outlier rule is stated on them.
 */

export interface ColumnMoments {
  /** Number of present (non-NaN) values. */
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (divides by n − 1). */
  sd: number;
}

/** Count, min, max, mean and sample sd in one pass, shifted by the first value against cancellation. */
export function moments(x: Float64Array): ColumnMoments {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let shift = Number.NaN;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v !== v) continue;
    if (count === 0) shift = v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    const d = v - shift;
    s1 += d;
    s2 += d * d;
  }
  if (count === 0) return { count, min: Number.NaN, max: Number.NaN, mean: Number.NaN, sd: Number.NaN };
  const mean = shift + s1 / count;
  const variance = count > 1 ? Math.max(0, (s2 - (s1 * s1) / count) / (count - 1)) : 0;
  return { count, min, max, mean, sd: Math.sqrt(variance) };
}

/**
 * Min and max only: the single pass min-max normalisation needs. Four lanes of Math.min and
 * Math.max, which compile to branch-free min/max instructions and carry a NaN through: a column
 * with a gap (or a zero extreme, whose sign the lanes may pick differently) is measured again
 * by the exact scan below, so the result never depends on the path taken.
 */
export function range(x: Float64Array): { count: number; min: number; max: number } {
  const n = x.length;
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  let min2 = Infinity;
  let max2 = -Infinity;
  let min3 = Infinity;
  let max3 = -Infinity;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    const c = x[i + 2] as number;
    const d = x[i + 3] as number;
    min0 = Math.min(min0, a);
    max0 = Math.max(max0, a);
    min1 = Math.min(min1, b);
    max1 = Math.max(max1, b);
    min2 = Math.min(min2, c);
    max2 = Math.max(max2, c);
    min3 = Math.min(min3, d);
    max3 = Math.max(max3, d);
  }
  for (; i < n; i++) {
    const a = x[i] as number;
    min0 = Math.min(min0, a);
    max0 = Math.max(max0, a);
  }
  const min = Math.min(min0, min1, min2, min3);
  const max = Math.max(max0, max1, max2, max3);
  // NaN: a value is missing; 0: −0 and +0 compare equal and the scan keeps the first it meets
  if (min !== min || min === 0 || max === 0 || n === 0) return rangeScan(x);
  return { count: n, min, max };
}

/** Min and max by comparison, skipping missing values: the first extreme met is kept. */
function rangeScan(x: Float64Array): { count: number; min: number; max: number } {
  // Two elements a step with two running pairs: half the loop overhead and independent compare
  // chains; NaNs take the slow branch only where they are.
  const n = x.length;
  let missing = 0;
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    if (a !== a || b !== b) {
      if (a !== a) missing++;
      else {
        if (a < min0) min0 = a;
        if (a > max0) max0 = a;
      }
      if (b !== b) missing++;
      else {
        if (b < min1) min1 = b;
        if (b > max1) max1 = b;
      }
      continue;
    }
    if (a < min0) min0 = a;
    if (a > max0) max0 = a;
    if (b < min1) min1 = b;
    if (b > max1) max1 = b;
  }
  if (i < n) {
    const a = x[i] as number;
    if (a !== a) missing++;
    else {
      if (a < min0) min0 = a;
      if (a > max0) max0 = a;
    }
  }
  const count = n - missing;
  return count === 0 ? { count, min: Number.NaN, max: Number.NaN } : { count, min: Math.min(min0, min1), max: Math.max(max0, max1) };
}

/**
 * Sample skewness G1 = g1·√(n(n−1))/(n−2) and excess kurtosis G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)),
 * with g1 = m3/m2^1.5 and g2 = m4/m2² − 3 the moment estimators (e1071 type 2). NaN when
 * n < 3 (skewness), n < 4 (kurtosis) or the column is constant.
 */
export function skewKurt(x: Float64Array): { skew: number; kurt: number; n: number } {
  const { count: n, mean } = moments(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v !== v) continue;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return { skew: Number.NaN, kurt: Number.NaN, n };
  const g1 = m3 / Math.pow(m2, 1.5);
  const g2 = m4 / (m2 * m2) - 3;
  const skew = n >= 3 ? (g1 * Math.sqrt(n * (n - 1))) / (n - 2) : Number.NaN;
  const kurt = n >= 4 ? (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3)) : Number.NaN;
  return { skew, kurt, n };
}

/** Median of the present values (the mean of the two middle ones for an even count). */
export function median(x: Float64Array): number {
  const present = presentSorted(x);
  const n = present.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 ? (present[mid] as number) : ((present[mid - 1] as number) + (present[mid] as number)) / 2;
}

export function presentSorted(x: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v === v) out[j++] = v;
  }
  return out.sort();
}

/** Pearson correlation over the pairs where both are present; NaN when either is constant. */
export function pearson(a: Float64Array, b: Float64Array): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== x || y !== y) continue;
    n++;
    sa += x;
    sb += y;
  }
  if (n < 2) return Number.NaN;
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== x || y !== y) continue;
    sab += (x - ma) * (y - mb);
    saa += (x - ma) * (x - ma);
    sbb += (y - mb) * (y - mb);
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN;
}
