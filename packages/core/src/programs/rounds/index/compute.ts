/**
 * The index round's computation (测算) as a pure function: a spec and each entry's indicator values
 * in, scores and ranks out. The server's compute job and the bundle's recompute call this one
 * function, so a recompute from the same values gives the same scores and ranks.
 */
import type { FieldError } from '../../../errors.js';
import { computeIndex, type IndexConfig, type IndexResult } from '../../../index-engine/compute.js';
import { type IndicatorMatrix, matrixFromRows } from '../../../index-engine/matrix.js';
import { engineSystem } from '../../../index-engine/spec.js';
import { type IndexRoundSpec, indicatorsOf } from './spec.js';

/** One entry of the computation: a key (the USCC) and its indicator values. */
export interface IndexUnitInput {
  key: string;
  values: Readonly<Record<string, number | null>> | null;
}

export interface IndexRoundComputation {
  /** The units in the order the engine saw them (by key): the result's arrays follow it. */
  keys: string[];
  matrix: IndicatorMatrix;
  config: IndexConfig;
  result: IndexResult;
}

/** The engine's configuration for a spec. */
export function indexEngineConfig(spec: IndexRoundSpec): IndexConfig {
  return {
    system: engineSystem(spec.system), normalisation: spec.normalisation, aggregation: spec.aggregation,
    imputation: { method: spec.imputation }, minCoverage: spec.minCoverage,
    outliers: spec.outliers === true ? {} : spec.outliers,
  };
}

/** Computes the composite index over `units` (excluded entries left out by the caller). */
export function computeIndexRound(spec: IndexRoundSpec, units: readonly IndexUnitInput[]):
  { ok: true; computation: IndexRoundComputation } | { ok: false; errors: FieldError[] } {
  const indicators = indicatorsOf(spec).map((i) => i.id);
  // The input order must not depend on the last ranking: by key, as the engine's tie order.
  const sorted = [...units].sort((a, b) => a.key.localeCompare(b.key));
  const keys = sorted.map((u) => u.key);
  const matrix = matrixFromRows(keys, indicators, sorted.map((u) => indicators.map((id) => u.values?.[id] ?? null)));
  const config = indexEngineConfig(spec);
  const computed = computeIndex(matrix, config);
  if (!computed.ok) return computed;
  return { ok: true, computation: { keys, matrix, config, result: computed.result } };
}

/** Each unit's score and rank (null when not ranked), by key. */
export function scoresByKey(c: IndexRoundComputation): Map<string, { score: number | null; rank: number | null }> {
  const out = new Map<string, { score: number | null; rank: number | null }>();
  c.keys.forEach((key, u) => {
    const rank = c.result.ranks[u] ?? 0;
    out.set(key, rank === 0 ? { score: null, rank: null } : { score: c.result.scores[u] ?? null, rank });
  });
  return out;
}
