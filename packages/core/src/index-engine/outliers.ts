/**
 * Outlier treatment (异常值处理), the JRC rule exactly as COINr 1.1's default `Treat()` applies it:
 * an indicator fails when |skewness| ≥ 2 and kurtosis ≥ 3.5 (sample G1 and excess G2, see stats.ts;
 * COINr's check_SkewKurt passes when |skew| < 2 or kurt < 3.5). A failing indicator is winsorised
 * step by step: on the side of the current skew (≥ 0: high) ALL points tied at the extreme are set
 * to the next value inward at once (COINr: `x[imax] <- max(x[-imax])`), re-checking after each step,
 * while fewer than `winmax` points are winsorised (COINr counts the tied group of the last step on
 * each side, which on one side is every point changed so far). If it still fails, the original
 * column is log-transformed instead (COINr's "log_CT": log(x − min + 0.01·(max − min))). For a
 * negative skew Keping mirrors it by default (−log(max − x + 0.01·(max − min)), which pulls in the
 * low tail the skew points to); `negativeLog: 'coinr'` applies COINr's formula unchanged.
 */
import { range, skewKurt } from './stats.js';

export interface OutlierRule {
  skew?: number;
  kurt?: number;
  winmax?: number;
  /** How a negatively skewed indicator is logged: mirrored (Keping's default) or as COINr does. */
  negativeLog?: 'mirror' | 'coinr';
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
  /** Every unit whose value winsorisation changed, from its original value to its final one (empty after a log). */
  winsorised: WinsorisedPoint[];
  /** Winsorising steps taken (each sets one group of tied extremes inward). */
  steps: number;
  skewAfter: number;
  kurtAfter: number;
}

type Rule = Required<Omit<OutlierRule, 'negativeLog'>>;

const fails = (s: { skew: number; kurt: number }, rule: Rule) => Math.abs(s.skew) >= rule.skew && s.kurt >= rule.kurt;

/** The units tied at the present extreme on one side, and the next present value inward (NaN when none). */
function extremeGroup(values: Float64Array, high: boolean): { units: number[]; next: number } {
  let extreme = Number.NaN;
  for (const v of values) {
    if (v === v && (extreme !== extreme || (high ? v > extreme : v < extreme))) extreme = v;
  }
  const units: number[] = [];
  let next = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) continue;
    if (v === extreme) units.push(i);
    else if (next !== next || (high ? v > next : v < next)) next = v;
  }
  return { units, next };
}

function winsorise(x: Float64Array, rule: Rule): { values: Float64Array; steps: number; now: { skew: number; kurt: number } } {
  const values = Float64Array.from(x);
  let high: number[] = [];
  let low: number[] = [];
  let steps = 0;
  let now = skewKurt(values);
  while (fails(now, rule) && high.length + low.length < rule.winmax) {
    const side = now.skew >= 0;
    const { units, next } = extremeGroup(values, side);
    if (next !== next) break; // every present value tied: nothing lies inward
    for (const i of units) values[i] = next;
    if (side) high = units;
    else low = units;
    steps++;
    now = skewKurt(values);
  }
  return { values, steps, now };
}

function logTransform(x: Float64Array, negative: boolean, mode: 'mirror' | 'coinr'): Float64Array {
  const { min, max } = range(x);
  const shift = 0.01 * (max - min);
  const mirror = negative && mode === 'mirror';
  return x.map((v) => (mirror ? -Math.log(max - v + shift) : Math.log(v - min + shift)));
}

export function treatOutliers(x: Float64Array, options: OutlierRule = {}): { values: Float64Array; report: OutlierReport } {
  const rule: Rule = { skew: options.skew ?? 2, kurt: options.kurt ?? 3.5, winmax: options.winmax ?? 5 };
  const before = skewKurt(x);
  const base = { skew: before.skew, kurt: before.kurt };
  if (!fails(before, rule)) {
    return { values: x, report: { ...base, flagged: false, treatment: 'none', winsorised: [], steps: 0, skewAfter: before.skew, kurtAfter: before.kurt } };
  }
  const w = winsorise(x, rule);
  if (!fails(w.now, rule)) {
    const winsorised: WinsorisedPoint[] = [];
    x.forEach((from, unit) => {
      const to = w.values[unit] as number;
      if (from === from && to !== from) winsorised.push({ unit, from, to });
    });
    return { values: w.values, report: { ...base, flagged: true, treatment: 'winsorised', winsorised, steps: w.steps, skewAfter: w.now.skew, kurtAfter: w.now.kurt } };
  }
  const values = logTransform(x, before.skew < 0, options.negativeLog ?? 'mirror');
  const after = skewKurt(values);
  return { values, report: { ...base, flagged: true, treatment: 'log', winsorised: [], steps: w.steps, skewAfter: after.skew, kurtAfter: after.kurt } };
}
