/**
 * Aggregation (加权合成) of the normalised indicators up the tree, one pass per column.
 * Node score, with w the sibling weights divided by their sum over the children present:
 *   arithmetic  Σ w·y
 *   geometric   Π y^w = exp(Σ w·ln y), every y > 0 (checked where the columns are prepared)
 *   harmonic    Σ w / Σ (w/y), every y > 0 likewise (COINr's a_hmean, which refuses only zeros)
 *   copeland    wins − losses of weighted pairwise majority contests (copeland.ts)
 * A missing child (NaN) drops out and the weights are re-normalised over the rest: the
 * "no imputation" rule of the handbook. A unit with no child present has no node score.
 *
 * This module holds the types and the entry point; the passes live beside it: the fused pass
 * over every node at once (aggregate-fused.ts), taken when it applies, else the node-by-node pass
 * over whole columns (aggregate-columns.ts).
 */
import type { FieldError } from '../errors.js';
import { scoreColumns } from './aggregate-columns.js';
import { fusedPlanFor, type NodePlan, scoreFused } from './aggregate-fused.js';
import type { CompiledSystem } from './system.js';

export type AggregationMethod = 'arithmetic' | 'geometric' | 'harmonic' | 'copeland';

/** One leaf ready to aggregate: y = a·source + b, or ln y already in source under a geometric parent. */
export interface PreparedLeaf {
  source: Float64Array;
  a: number;
  b: number;
  /** The source holds ln y (the parent aggregates geometrically). */
  log: boolean;
  /** The source has missing values (NaN). */
  missing: boolean;
}

/** Buffers reused between calls (the replicates of a Monte Carlo run): one score column per node. */
export interface ScoreWork {
  scores: Float64Array[];
  /** Per unit, the weights of the children present; allocated the first time a child has a gap. */
  wsum: Float64Array | undefined;
  /** Per node: its column has a missing score. */
  missing: Uint8Array;
  /** Per node: its column holds ln(score) (a geometric node under a geometric parent, when asked). */
  logged: Uint8Array;
  /**
   * The fused pass's plans by the prepared leaves they were made for: a Monte Carlo run scores
   * the same few preparations again and again with other weights, and only the coefficients change.
   */
  plans: Map<readonly PreparedLeaf[], { methods: readonly AggregationMethod[]; keepLogs: boolean; nodes: NodePlan[] | undefined }>;
}

export function scoreWork(system: CompiledSystem, n: number): ScoreWork {
  const count = system.nodes.length;
  return {
    scores: columnsOf(count, n), wsum: undefined,
    missing: new Uint8Array(count), logged: new Uint8Array(count), plans: new Map(),
  };
}

/** `count` columns of n doubles in one block: one allocation where there would be one a node. */
function columnsOf(count: number, n: number): Float64Array[] {
  const block = new Float64Array(count * n);
  return Array.from({ length: count }, (_, k) => block.subarray(k * n, (k + 1) * n));
}

/**
 * Scores every node; returns the work's node score columns (the root's last) or the error of a
 * node score that a geometric parent cannot take (zero or negative). With `keepLogs` (only the
 * index is wanted, as in a Monte Carlo replicate) a geometric node under a geometric parent keeps
 * ln(score), sparing an exp and a log per unit.
 */
export function scoreTree(
  system: CompiledSystem, leaves: readonly PreparedLeaf[], methods: readonly AggregationMethod[],
  leafWeights: Float64Array, nodeWeights: Float64Array, work: ScoreWork, units: readonly string[], keepLogs = false,
): { ok: true; scores: Float64Array[] } | { ok: false; error: FieldError } {
  const plan = fusedPlanFor(system, leaves, methods, leafWeights, nodeWeights, keepLogs, work);
  if (plan && scoreFused(plan, units.length)) {
    for (let k = 0; k < plan.length; k++) {
      work.missing[k] = 0;
      work.logged[k] = (plan[k] as NodePlan).keepLog ? 1 : 0;
    }
    return { ok: true, scores: work.scores };
  }
  // a gap, a Copeland or harmonic node, or a score a geometric parent cannot take: node by node, whole columns
  return scoreColumns(system, leaves, methods, leafWeights, nodeWeights, work, units, keepLogs);
}
