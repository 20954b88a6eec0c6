/**
 * Outlier treatment (异常值处理), the JRC rule as COINr applies it: an indicator fails when
 * |skewness| > 2 and kurtosis > 3.5 (sample G1 and excess G2, see stats.ts). A failing indicator
 * is winsorised one point at a time — the most extreme value on the side of the skew set to the
 * next value inward — re-checking after each point, up to 5 points. If it still fails, the
 * winsorisation is undone and the original column is log-transformed instead (COINr's default
 * "log_CT": log(x − min + 0.01·(max − min)), mirrored for a negative skew).
 */
import { range, skewKurt } from './stats.js';

export interface OutlierRule {
  skew?: number;
  kurt?: number;
  winmax?: number;
}

export interface WinsorisedPoint {
  unit: number;
  from: number;
  to: number;
}

export interface OutlierReport {
  skew: number;
  kurt: number;
  /** Whether the indicator failed the rule before treatment. */
  flagged: boolean;
  treatment: 'none' | 'winsorised' | 'log';
  winsorised: WinsorisedPoint[];
  skewAfter: number;
  kurtAfter: number;
}

const fails = (s: { skew: number; kurt: number }, rule: Required<OutlierRule>) => Math.abs(s.skew) > rule.skew && s.kurt > rule.kurt;

export function treatOutliers(x: Float64Array, options: OutlierRule = {}): { values: Float64Array; report: OutlierReport } {
  const rule = { skew: options.skew ?? 2, kurt: options.kurt ?? 3.5, winmax: options.winmax ?? 5 };
  const before = skewKurt(x);
  const base = { skew: before.skew, kurt: before.kurt, winsorised: [] as WinsorisedPoint[] };
  if (!fails(before, rule)) return { values: x, report: { ...base, flagged: false, treatment: 'none', skewAfter: before.skew, kurtAfter: before.kurt } };
  const values = Float64Array.from(x);
  const points: WinsorisedPoint[] = [];
  let now = before;
  while (fails(now, rule) && points.length < rule.winmax) {
    const high = now.skew > 0;
    let extreme = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v !== v) continue;
      if (extreme < 0 || (high ? v > (values[extreme] as number) : v < (values[extreme] as number))) extreme = i;
    }
    let next = Number.NaN;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (i === extreme || v !== v) continue;
      if (next !== next || (high ? v > next : v < next)) next = v;
    }
    points.push({ unit: extreme, from: values[extreme] as number, to: next });
    values[extreme] = next;
    now = skewKurt(values);
  }
  if (!fails(now, rule)) {
    return { values, report: { ...base, flagged: true, treatment: 'winsorised', winsorised: points, skewAfter: now.skew, kurtAfter: now.kurt } };
  }
  const { min, max } = range(x);
  const shift = 0.01 * (max - min);
  const high = before.skew > 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    values[i] = high ? Math.log(v - min + shift) : -Math.log(max - v + shift);
  }
  const after = skewKurt(values);
  return { values, report: { ...base, flagged: true, treatment: 'log', skewAfter: after.skew, kurtAfter: after.kurt } };
}
