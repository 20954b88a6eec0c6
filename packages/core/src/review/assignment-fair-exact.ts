/**
 * Fair mode, stage one, exact part: is there an assignment in which every entry totals at
 * least τ? Depth-first search over each entry's k-subsets of candidates that reach τ, most
 * constrained entry first, pruning on maximum loads, on minimum loads that the remaining
 * entries could no longer fill, and on the organisation rule. The max-min problem is
 * NP-hard (Stelmakh, Shah & Singh, PeerReview4All, 2019), so the search has a node budget:
 * within it the answer is a proof, beyond it the caller keeps its heuristic answer.
 */
import type { CompiledAssignment } from './assignment-types.js';

export type ExactAnswer =
  | { kind: 'found'; chosen: Int32Array }
  | { kind: 'none' }
  | { kind: 'budget' };

export interface SearchBudget {
  nodes: number;
  limit: number;
}

/** All k-subsets of entry i's pairs whose scaled sum is ≥ tau, as flat k-tuples of pair indices. */
function subsetsReaching(p: CompiledAssignment, scaled: Int32Array, i: number, tau: number, budget: SearchBudget): number[] | null {
  const k = p.perEntry;
  const from = p.pairStart[i]!;
  const pairs = Array.from({ length: p.pairStart[i + 1]! - from }, (_, t) => from + t);
  pairs.sort((x, y) => scaled[y]! - scaled[x]! || x - y);
  const out: number[] = [];
  const pick: number[] = [];
  const org = p.expertOrganisation;
  const go = (start: number, sum: number): boolean => {
    if (++budget.nodes > budget.limit) return false;
    if (pick.length === k) {
      if (sum >= tau) out.push(...pick);
      return true;
    }
    const left = k - pick.length;
    for (let t = start; t <= pairs.length - left; t++) {
      // Pairs are sorted by score: if the best completion misses tau, later starts do too.
      let best = sum;
      for (let u = t; u < t + left; u++) best += scaled[pairs[u]!]!;
      if (best < tau) break;
      const q = pairs[t]!;
      const o = org[p.pairExpert[q]!]!;
      if (p.onePerOrganisation && o >= 0 && pick.some((x) => org[p.pairExpert[x]!] === o)) continue;
      pick.push(q);
      const ok = go(t + 1, sum + scaled[q]!);
      pick.pop();
      if (!ok) return false;
    }
    return true;
  };
  return go(0, 0) ? out : null;
}

export function searchFloor(p: CompiledAssignment, scaled: Int32Array, tau: number, budget: SearchBudget): ExactAnswer {
  const n = p.entryIds.length;
  const m = p.expertIds.length;
  const k = p.perEntry;
  const options: number[][] = [];
  for (let i = 0; i < n; i++) {
    const s = subsetsReaching(p, scaled, i, tau, budget);
    if (s === null) return { kind: 'budget' };
    if (s.length === 0) return { kind: 'none' };
    options.push(s);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => options[x]!.length - options[y]!.length || x - y);
  // Experts each remaining entry could still use, to prune unreachable minimum loads.
  const uses: number[][] = order.map((i) => [...new Set(options[i]!.map((q) => p.pairExpert[q]!))]);
  const remaining = new Int32Array(m);
  for (const list of uses) for (const j of list) remaining[j]!++;
  const load = new Int32Array(m);
  let deficit = 0;
  for (let j = 0; j < m; j++) deficit += p.minLoad[j]!;
  const picked = new Int32Array(n);

  const go = (d: number): boolean | null => {
    if (d === n) return deficit === 0;
    const i = order[d]!;
    const list = options[i]!;
    for (const j of uses[d]!) remaining[j]!--;
    let result: boolean | null = false;
    for (let o = 0; o < list.length; o += k) {
      if (++budget.nodes > budget.limit) {
        result = null;
        break;
      }
      let fits = true;
      for (let t = 0; t < k; t++) if (load[p.pairExpert[list[o + t]!]!]! >= p.maxLoad[p.pairExpert[list[o + t]!]!]!) fits = false;
      if (!fits) continue;
      for (let t = 0; t < k; t++) {
        const j = p.pairExpert[list[o + t]!]!;
        if (load[j]!++ < p.minLoad[j]!) deficit--;
      }
      let viable = deficit <= k * (n - d - 1);
      for (const j of uses[d]!) if (p.minLoad[j]! - load[j]! > remaining[j]!) viable = false;
      if (viable) {
        picked[i] = o;
        const r = go(d + 1);
        if (r !== false) {
          result = r;
          if (r === true) return true;
        }
      }
      for (let t = 0; t < k; t++) {
        const j = p.pairExpert[list[o + t]!]!;
        if (--load[j]! < p.minLoad[j]!) deficit++;
      }
      if (result === null) break;
    }
    for (const j of uses[d]!) remaining[j]!++;
    return result;
  };

  const r = go(0);
  if (r === null) return { kind: 'budget' };
  if (r === false) return { kind: 'none' };
  const chosen = new Int32Array(n * k);
  for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) chosen[i * k + t] = options[i]![picked[i]! + t]!;
  return { kind: 'found', chosen };
}

/**
 * The best k-subset total of each entry ignoring loads (greedy by score, skipping a second
 * expert of an organisation when the rule is on — optimal for that partition matroid).
 * The smallest of these bounds every assignment's minimum from above.
 */
export function bestPossibleTotals(p: CompiledAssignment, scaled: Int32Array): Float64Array {
  const n = p.entryIds.length;
  const k = p.perEntry;
  const org = p.expertOrganisation;
  const best = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const from = p.pairStart[i]!;
    const pairs = Array.from({ length: p.pairStart[i + 1]! - from }, (_, t) => from + t);
    pairs.sort((x, y) => scaled[y]! - scaled[x]! || x - y);
    const used = new Set<number>();
    let taken = 0;
    for (const q of pairs) {
      if (taken === k) break;
      const o = org[p.pairExpert[q]!]!;
      if (p.onePerOrganisation && o >= 0) {
        if (used.has(o)) continue;
        used.add(o);
      }
      best[i]! += scaled[q]!;
      taken++;
    }
  }
  return best;
}
