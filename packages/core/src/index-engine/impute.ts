/**
 * Imputation (缺失值插补) of missing indicator values. "none" keeps them missing and lets the
 * aggregation re-normalise the weights over each unit's present indicators; "mean" and
 * "median" fill from the indicator's present values, overall or within the unit's group
 * (falling back to the overall value in a group with no value); the last available year is a
 * separate step before the engine, from a per-year history of the same indicators.
 */
import type { IndicatorMatrix } from './matrix.js';
import { median, moments } from './stats.js';

export type ImputationSpec = { method: 'none' } | { method: 'mean' | 'median'; by?: 'all' | 'group' };
export type ImputationMethod = ImputationSpec['method'];

export interface ColumnImputation {
  /** The column to use: `x` itself when nothing was missing or nothing imputed. */
  values: Float64Array;
  imputed: number;
  /** The fill value overall and, when by group, per group (NaN for a group that had none). */
  fill: number;
  groupFill?: Float64Array;
}

/** Units' group codes 0..groupCount−1 (for imputation by group). */
export interface UnitGroups {
  codes: Int32Array;
  count: number;
}

function centre(x: Float64Array, method: 'mean' | 'median'): number {
  return method === 'mean' ? moments(x).mean : median(x);
}

/** `present`, when the caller already counted it, spares a pass over a complete column. */
export function imputeColumn(x: Float64Array, spec: ImputationSpec, groups?: UnitGroups, present?: number): ColumnImputation {
  if (present === x.length || spec.method === 'none') return { values: x, imputed: 0, fill: Number.NaN };
  let missing = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) missing++;
  if (missing === 0 || missing === x.length) return { values: x, imputed: 0, fill: Number.NaN };
  const fill = centre(x, spec.method);
  const values = Float64Array.from(x);
  if (spec.by !== 'group' || !groups) {
    for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) values[i] = fill;
    return { values, imputed: missing, fill };
  }
  const groupFill = new Float64Array(groups.count);
  for (let g = 0; g < groups.count; g++) {
    const members = new Float64Array(x.length).fill(Number.NaN);
    for (let i = 0; i < x.length; i++) if (groups.codes[i] === g) members[i] = x[i] as number;
    groupFill[g] = centre(members, spec.method);
  }
  for (let i = 0; i < x.length; i++) {
    if (x[i] === x[i]) continue;
    const g = groupFill[groups.codes[i] as number] as number;
    values[i] = g === g ? g : fill;
  }
  return { values, imputed: missing, fill, groupFill };
}

export interface HistoryYear {
  year: number;
  data: IndicatorMatrix;
}

/**
 * Fills each missing value of `current` with the same unit's value for the same indicator in
 * the latest year of `history` that has one (history matched by unit and indicator ids).
 * Returns the filled matrix and, per indicator, how many values came from which year.
 */
export function imputeLastAvailable(current: IndicatorMatrix, history: readonly HistoryYear[]): {
  data: IndicatorMatrix; filled: { indicator: string; year: number; count: number }[];
} {
  const n = current.units.length;
  const values = Float64Array.from(current.values);
  const byYear = [...history].sort((a, b) => b.year - a.year);
  const filled: { indicator: string; year: number; count: number }[] = [];
  for (const [j, indicator] of current.indicators.entries()) {
    const counts = new Map<number, number>();
    for (const { year, data } of byYear) {
      const hj = data.indicators.indexOf(indicator);
      if (hj < 0) continue;
      const hn = data.units.length;
      const row = new Map(data.units.map((u, i) => [u, i]));
      for (let u = 0; u < n; u++) {
        if (values[j * n + u] === values[j * n + u]) continue;
        const hu = row.get(current.units[u] as string);
        if (hu === undefined) continue;
        const v = data.values[hj * hn + hu] as number;
        if (v !== v) continue;
        values[j * n + u] = v;
        counts.set(year, (counts.get(year) ?? 0) + 1);
      }
    }
    for (const [year, count] of counts) filled.push({ indicator, year, count });
  }
  return { data: { ...current, values }, filled };
}
