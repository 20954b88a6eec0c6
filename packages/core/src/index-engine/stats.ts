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
 * Count, min and max of the present values: the single pass min-max normalisation needs. Eight
 * values a step with one branch, taken only where one of them is a new extreme (rarely, after
 * the first few) or the step holds a NaN (its sum fails its self-test; so does +∞ beside −∞),
 * and then the eight are looked at one by one. Comparisons keep the first extreme met, so which
 * of −0 and +0 comes out does not depend on the path.
 */
export function range(x: Float64Array): { count: number; min: number; max: number } {
  const n = x.length;
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    const c = x[i + 2] as number;
    const d = x[i + 3] as number;
    const e = x[i + 4] as number;
    const f = x[i + 5] as number;
    const g = x[i + 6] as number;
    const h = x[i + 7] as number;
    const s = a + b + (c + d) + (e + f + (g + h));
    // unary + and | keep the seventeen tests free of branches
    if (+(a < min) | +(a > max) | +(b < min) | +(b > max) | +(c < min) | +(c > max) | +(d < min) | +(d > max)
      | +(e < min) | +(e > max) | +(f < min) | +(f > max) | +(g < min) | +(g > max) | +(h < min) | +(h > max) | +(s !== s)) {
      for (let j = i; j < i + 8; j++) {
        const v = x[j] as number;
        if (v !== v) missing++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  for (; i < n; i++) {
    const v = x[i] as number;
    if (v !== v) missing++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const count = n - missing;
  return count === 0 ? { count, min: Number.NaN, max: Number.NaN } : { count, min, max };
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
