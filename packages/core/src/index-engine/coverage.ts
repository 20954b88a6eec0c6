/**
 * Data checks (数据完整性): the share of units with a value for each indicator, the share of the
 * system's indicators present for each unit, and the units below the minimum coverage, which are
 * reported and left out of the ranking (and of the statistics the normalisation uses).
 */
import type { IndicatorMatrix } from './matrix.js';
import { range } from './stats.js';
import type { CompiledSystem } from './system.js';

export interface CoverageReport {
  /** Per leaf of the system, in the system's leaf order, with its range (reused by min-max). */
  indicators: { id: string; present: number; coverage: number; min: number; max: number }[];
  /** Per unit, the share of the system's indicators present; null when every unit has them all. */
  units: Float64Array | null;
  minCoverage: number;
  /** Indices of the units kept (coverage ≥ minCoverage), in input order; null when all are. */
  kept: Int32Array | null;
  excluded: { unit: string; coverage: number }[];
}

export function checkCoverage(data: IndicatorMatrix, system: CompiledSystem, minCoverage = 0): CoverageReport {
  const n = data.units.length;
  const k = system.leaves.length;
  // Last leaf first: the aggregation then starts on the columns read most recently, still in cache.
  const indicators = new Array<CoverageReport['indicators'][number]>(k);
  for (let l = k - 1; l >= 0; l--) {
    const leaf = system.leaves[l] as CompiledSystem['leaves'][number];
    const { count, min, max } = range(data.values.subarray(leaf.column * n, (leaf.column + 1) * n));
    indicators[l] = { id: leaf.id, present: count, coverage: n === 0 ? 0 : count / n, min, max };
  }
  // complete data (the common case) allocates nothing per unit
  if (indicators.every((i) => i.present === n)) return { indicators, units: null, minCoverage, kept: null, excluded: [] };
  const units = new Float64Array(n);
  // only when something is missing: count each unit's present values
  const present = new Int32Array(n);
  for (const leaf of system.leaves) {
    const base = leaf.column * n;
    for (let u = 0; u < n; u++) {
      const v = data.values[base + u] as number;
      if (v === v) present[u] = (present[u] as number) + 1;
    }
  }
  const keep: number[] = [];
  const excluded: { unit: string; coverage: number }[] = [];
  for (let u = 0; u < n; u++) {
    const c = (present[u] as number) / k;
    units[u] = c;
    if (c >= minCoverage && c > 0) keep.push(u);
    else excluded.push({ unit: data.units[u] as string, coverage: c });
  }
  return { indicators, units, minCoverage, kept: keep.length === n ? null : Int32Array.from(keep), excluded };
}
