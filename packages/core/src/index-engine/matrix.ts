/**
 * Indicator data (指标数据): units × indicators, stored column-major in one Float64Array so that
 * one indicator is one contiguous run (value of unit u on indicator j at j·n + u). NaN = missing.
 */

export interface IndicatorMatrix {
  /** Unit ids (enterprises), one per row. */
  units: readonly string[];
  /** Indicator ids, one per column. */
  indicators: readonly string[];
  /** Column-major values, length units × indicators; NaN where a value is missing. */
  values: Float64Array;
}

export function columnOf(m: IndicatorMatrix, j: number): Float64Array {
  const n = m.units.length;
  return m.values.subarray(j * n, (j + 1) * n);
}

/** Builds a matrix from rows of numbers (null or NaN = missing): the shape tests and small callers use. */
export function matrixFromRows(units: readonly string[], indicators: readonly string[], rows: readonly (readonly (number | null)[])[]): IndicatorMatrix {
  const n = units.length;
  const values = new Float64Array(n * indicators.length);
  for (let u = 0; u < n; u++) {
    const row = rows[u] ?? [];
    for (let j = 0; j < indicators.length; j++) {
      const v = row[j];
      values[j * n + u] = v === null || v === undefined ? Number.NaN : v;
    }
  }
  return { units, indicators, values };
}

/** Only the units whose index is listed, in that order (units screened out by coverage). */
export function selectUnits(m: IndicatorMatrix, keep: Int32Array): IndicatorMatrix {
  const n = m.units.length;
  const k = m.indicators.length;
  const out = new Float64Array(keep.length * k);
  for (let j = 0; j < k; j++) {
    const base = j * n;
    const o = j * keep.length;
    for (let i = 0; i < keep.length; i++) out[o + i] = m.values[base + (keep[i] as number)] as number;
  }
  return { units: Array.from(keep, (u) => m.units[u] as string), indicators: m.indicators, values: out };
}
