/** Rank bands from the engine's Monte Carlo: median and 5th–95th percentile rank per unit. */
import { type IndexConfig, type IndicatorMatrix, KepingError, runUncertainty } from '@keping/core';
import type { IndexRoundSpec } from '@keping/core';

export interface RankBand {
  median: number;
  p05: number;
  p95: number;
}

/** Per unit in the matrix's order; undefined when the spec asks for no replicates. */
export function rankBands(
  matrix: IndicatorMatrix, config: IndexConfig, uncertainty: IndexRoundSpec['uncertainty'], seed: string,
): (RankBand | undefined)[] | undefined {
  if (uncertainty.replicates === 0) return undefined;
  const run = runUncertainty(matrix, config, {
    replicates: uncertainty.replicates, seed, weightPerturbation: uncertainty.weightPerturbation,
    ...(uncertainty.normalisations ? { normalisations: uncertainty.normalisations } : {}),
    ...(uncertainty.aggregations ? { aggregations: uncertainty.aggregations } : {}),
  });
  if (!run.ok) throw KepingError.fromFieldErrors(run.errors);
  const { median, p05, p95 } = run.result;
  return Array.from(median, (m, u) => (Number.isFinite(m) ? { median: m, p05: p05[u] as number, p95: p95[u] as number } : undefined));
}
