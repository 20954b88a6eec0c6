/**
 * One min-cost-flow solve of an assignment with given pair costs: the optimal mode uses
 * −score, the random mode the draw position, the fair mode re-solves subsets of entries.
 *
 * Successive shortest paths first, with a work budget: on instances with spare expert
 * capacity and little contention it finishes in a few searched nodes per augmentation. If
 * the searches grow (popular experts, tight loads), its pseudoflow and potentials — optimal
 * for what has been routed — are handed to cost scaling, whose work does not degrade so.
 */
import type { FieldError } from '../errors.js';
import { flowFailure } from './assignment-checks.js';
import { buildAssignmentNetwork, extractChosen } from './assignment-network.js';
import type { CompiledAssignment } from './assignment-types.js';
import { reachableFrom, solveMinCostFlow } from './flow.js';
import { solveByCostScaling } from './flow-scaling.js';

export interface FlowScope {
  /** Entries to assign (default: all). */
  entries?: Int32Array;
  /** Loads to respect (default: the problem's). */
  minLoad?: Int32Array;
  maxLoad?: Int32Array;
  /** Settled nodes per network node for successive shortest paths (tests set 0 to force cost scaling). */
  sspBudget?: number;
}

/** Nodes settled per network node before successive shortest paths hands over. */
const SSP_BUDGET = 12;

export type FlowAssignment = { ok: true; augmentations: number } | { ok: false; error: FieldError };

/** Minimises Σ cost over the chosen pairs; writes k pair indices per entry into `chosen`. */
export function assignByFlow(
  p: CompiledAssignment,
  cost: Int32Array,
  chosen: Int32Array,
  scope: FlowScope = {},
): FlowAssignment {
  const entries = scope.entries ?? Int32Array.from({ length: p.entryIds.length }, (_, i) => i);
  const build = () => buildAssignmentNetwork(p, cost, entries, scope.minLoad ?? p.minLoad, scope.maxLoad ?? p.maxLoad);
  let view = build();
  const first = solveMinCostFlow(view.net, (scope.sspBudget ?? SSP_BUDGET) * view.net.nodeCount);
  if (first.feasible === false) {
    return { ok: false, error: flowFailure(p, view, first.node, view.net.supply[first.node]!, first.reached) };
  }
  if (first.feasible === true) {
    extractChosen(p, view, chosen);
    return { ok: true, augmentations: first.augmentations };
  }
  const scaling = solveByCostScaling(view.net, first.potential);
  if (scaling.status === 'optimal') {
    extractChosen(p, view, chosen);
    return { ok: true, augmentations: first.augmentations + scaling.relabels };
  }
  if (scaling.status === 'infeasible') {
    // The group stuck with the excess: what it reaches holds no deficit. Name its first entry.
    const reached = reachableFrom(view.net, scaling.node);
    let entryNode = -1;
    let missing = 0;
    for (const v of reached) {
      if (v < view.entries.length && (entryNode < 0 || v < entryNode)) entryNode = v;
      missing += Math.max(0, view.net.supply[v]!);
    }
    if (entryNode >= 0) return { ok: false, error: flowFailure(p, view, entryNode, missing, reached) };
  }
  // Prices beyond exact doubles (or no entry to name): unbudgeted successive shortest paths
  // settles it and names the entry or expert at fault.
  view = build();
  const outcome = solveMinCostFlow(view.net);
  if (outcome.feasible === false) {
    return { ok: false, error: flowFailure(p, view, outcome.node, view.net.supply[outcome.node]!, outcome.reached) };
  }
  extractChosen(p, view, chosen);
  return { ok: true, augmentations: outcome.augmentations };
}

/** Costs that make the flow maximise the total score. */
export function negatedScores(scaled: Int32Array): Int32Array {
  const out = new Int32Array(scaled.length);
  for (let q = 0; q < scaled.length; q++) out[q] = -scaled[q]!;
  return out;
}
