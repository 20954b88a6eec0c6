/**
 * Fair mode: lexicographically, first the smallest per-entry total affinity as large as
 * possible (max-min, as PeerReview4All and FairFlow aim for), then the total.
 *
 * Stage one (the minimum T):
 *   1. the optimal-mode assignment A0 (maximum total) is the start, so T ≥ A0's minimum;
 *   2. local moves raise the floor (assignment-fair-local.ts);
 *   3. if T is below the capacity-free bound U = min over entries of their best k scores,
 *      an exact search (assignment-fair-exact.ts) tries T+1, T+2… by jumps; within its
 *      node budget it proves T optimal.
 * Stage two (the total given T), "freeze and re-solve": entries that would fall below T in
 * A0 keep their stage-one experts; the others are re-assigned for maximum total by the flow
 * with the loads that are left; any that now fall below T are frozen too, until none does.
 * The result keeps every entry ≥ T, and its total is at least stage one's (stage one's
 * assignment of the unfrozen entries is one of the candidates of each re-solve) and is the
 * maximum among assignments that keep the frozen entries' experts.
 */
import type { FieldError } from '../errors.js';
import { entryTotal } from './assignment-explain.js';
import { bestPossibleTotals, searchFloor, type SearchBudget } from './assignment-fair-exact.js';
import { FloorState } from './assignment-fair-local.js';
import { assignByFlow, negatedScores } from './assignment-flow.js';
import type { CompiledAssignment, FairnessReport } from './assignment-types.js';

export type FairOutcome = { ok: true; augmentations: number; fairness: FairnessReport } | { ok: false; error: FieldError };

export const DEFAULT_FAIR_SEARCH_BUDGET = 200_000;
/** The exact search recurses once per entry; beyond this many entries it is not tried. */
const EXACT_MAX_ENTRIES = 2_000;

function scaledTotals(p: CompiledAssignment, scaled: Int32Array, chosen: Int32Array): Float64Array {
  const k = p.perEntry;
  const totals = new Float64Array(p.entryIds.length);
  for (let s = 0; s < chosen.length; s++) totals[Math.floor(s / k)]! += scaled[chosen[s]!]!;
  return totals;
}

function minimumOf(values: Float64Array): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) min = Math.min(min, values[i]!);
  return values.length === 0 ? 0 : min;
}

export function solveFair(
  p: CompiledAssignment,
  scaled: Int32Array,
  scale: number,
  chosen: Int32Array,
  searchBudget = DEFAULT_FAIR_SEARCH_BUDGET,
): FairOutcome {
  const n = p.entryIds.length;
  const k = p.perEntry;
  const cost = negatedScores(scaled);
  const optimal = new Int32Array(n * k);
  const first = assignByFlow(p, cost, optimal);
  if (!first.ok) return first;
  let augmentations = first.augmentations;
  const optimalTotals = scaledTotals(p, scaled, optimal);

  // Stage one.
  const stageOne = optimal.slice();
  const state = new FloorState(p, scaled, stageOne);
  state.raiseFloor(50 * n + 1000);
  let floor = state.minimum();
  let best: Int32Array = stageOne;
  const bounds = bestPossibleTotals(p, scaled);
  let boundEntry = 0;
  for (let i = 1; i < n; i++) if (bounds[i]! < bounds[boundEntry]!) boundEntry = i;
  const upper = n === 0 ? 0 : bounds[boundEntry]!;
  let proven = floor >= upper;
  const budget: SearchBudget = { nodes: 0, limit: searchBudget };
  if (!proven && n <= EXACT_MAX_ENTRIES) {
    for (;;) {
      const answer = searchFloor(p, scaled, floor + 1, budget);
      if (answer.kind === 'budget') break;
      if (answer.kind === 'none') {
        proven = true;
        break;
      }
      best = answer.chosen;
      floor = minimumOf(scaledTotals(p, scaled, best));
      if (floor >= upper) {
        proven = true;
        break;
      }
    }
  }

  // Stage two: freeze and re-solve. With nothing below T in A0, A0 is already the answer.
  const frozen = new Uint8Array(n);
  let anyFrozen = false;
  for (let i = 0; i < n; i++) {
    if (optimalTotals[i]! < floor) {
      frozen[i] = 1;
      anyFrozen = true;
    }
  }
  let rounds = 0;
  const result = anyFrozen ? new Int32Array(n * k) : optimal;
  while (anyFrozen) {
    const minLoad = p.minLoad.slice();
    const maxLoad = p.maxLoad.slice();
    const free: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!frozen[i]) {
        free.push(i);
        continue;
      }
      for (let s = i * k; s < i * k + k; s++) {
        const j = p.pairExpert[best[s]!]!;
        result[s] = best[s]!;
        maxLoad[j]!--;
        if (minLoad[j]! > 0) minLoad[j]!--;
      }
    }
    rounds++;
    const solved = assignByFlow(p, cost, result, { entries: Int32Array.from(free), minLoad, maxLoad });
    // Stage one's assignment of the free entries fits these loads, so the flow cannot fail.
    if (!solved.ok) throw new Error(`fair stage two: ${solved.error.code}`);
    augmentations += solved.augmentations;
    let fell = false;
    for (const i of free) {
      let t = 0;
      for (let s = i * k; s < i * k + k; s++) t += scaled[result[s]!]!;
      if (t < floor) {
        frozen[i] = 1;
        fell = true;
      }
    }
    if (!fell) break;
  }
  chosen.set(result);

  const floatMinimum = (c: Int32Array): number => {
    let min = Infinity;
    for (let i = 0; i < n; i++) min = Math.min(min, entryTotal(p, c, i));
    return n === 0 ? 0 : min;
  };
  const minimum = floatMinimum(chosen);
  let optimalTotal = 0;
  for (let i = 0; i < n; i++) optimalTotal += entryTotal(p, optimal, i);
  return {
    ok: true,
    augmentations,
    fairness: {
      minimum,
      upperBound: proven ? minimum : Math.max(minimum, upper / scale),
      proven,
      optimalModeMinimum: floatMinimum(optimal),
      optimalModeTotal: optimalTotal,
      searchNodes: budget.nodes,
      stageTwoRounds: rounds,
    },
  };
}
