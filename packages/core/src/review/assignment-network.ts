/**
 * The flow network of a reviewer assignment (a bipartite b-matching):
 *
 *   entry (supply k) ─1─▶ [entry × organisation, cap 1] ─1─▶ expert ─(max−min)─▶ sink
 *
 * Pair arcs have capacity 1 and cost −score (scaled to integers). Minimum loads use the
 * standard lower-bound transformation: the expert→sink arc keeps capacity max−min and the
 * expert itself demands `min` units, the sink the rest (k·entries − Σ min). The
 * entry × organisation node exists only where an entry has two or more candidates of one
 * organisation and the one-per-organisation rule is on; it caps them at one together.
 * Every node capacity is integral, so the LP optimum is attained by an integral flow.
 */
import { ArcList, arcFlows, buildFlowNetwork, type FlowNetwork } from './flow.js';
import type { CompiledAssignment } from './assignment-types.js';

export interface AssignmentNetwork {
  readonly net: FlowNetwork;
  /** Entry index of each entry node (entry nodes are 0 .. entries.length-1). */
  readonly entries: Int32Array;
  /** ArcList arc of each pair, -1 for pairs of entries not in the network. */
  readonly pairArc: Int32Array;
  readonly expertBase: number;
  readonly sink: number;
}

/** Largest |scaled score|: keeps costs within int32. */
export const COST_LIMIT = 2 ** 30;
/**
 * Cost scaling multiplies costs by (nodes + 1) and its prices must stay exact doubles
 * (< 2^53): |cost|·(nodes+1) is kept below 2^42, leaving 2^11 of room for price movement.
 */
const SCALED_COST_LIMIT = 2 ** 42;

/** Upper bound on the nodes of the assignment network (organisation groups included). */
export function nodeBound(p: CompiledAssignment): number {
  const groups = p.onePerOrganisation ? Math.floor(p.pairExpert.length / 2) : 0;
  return p.entryIds.length + groups + p.expertIds.length + 1;
}

/**
 * Power-of-two factor mapping scores onto integers: |value| ≤ 2^30 and ≤ 2^42/(nodes+1).
 * For 60,000 nodes that is 2^26 steps for the largest |score| (a step of 1.5e-8 of it).
 */
export function scoreScale(scores: Float64Array, nodes = 1): number {
  let maxAbs = 0;
  for (let p = 0; p < scores.length; p++) maxAbs = Math.max(maxAbs, Math.abs(scores[p]!));
  if (maxAbs === 0) return 1;
  const limit = Math.min(COST_LIMIT, SCALED_COST_LIMIT / (nodes + 1));
  return 2 ** Math.floor(Math.log2(limit / maxAbs));
}

export function scaledScores(scores: Float64Array, scale: number): Int32Array {
  const out = new Int32Array(scores.length);
  for (let p = 0; p < scores.length; p++) out[p] = Math.round(scores[p]! * scale);
  return out;
}

/**
 * Builds the network over the given entries with pair costs `cost` (minimised) and the
 * given loads (callers pass reduced loads when some entries are already fixed).
 */
export function buildAssignmentNetwork(
  p: CompiledAssignment,
  cost: Int32Array,
  entries: Int32Array,
  minLoad: Int32Array,
  maxLoad: Int32Array,
): AssignmentNetwork {
  const k = p.perEntry;
  const m = p.expertIds.length;
  const org = p.expertOrganisation;
  let orgCount = 0;
  for (let j = 0; j < m; j++) orgCount = Math.max(orgCount, org[j]! + 1);
  const seen = new Int32Array(orgCount).fill(-1);
  const groupOf = new Int32Array(orgCount);

  // First pass: how many entry × organisation groups are needed.
  let groups = 0;
  if (p.onePerOrganisation) {
    const multi = new Int32Array(orgCount).fill(-1);
    for (let e = 0; e < entries.length; e++) {
      const i = entries[e]!;
      for (let q = p.pairStart[i]!; q < p.pairStart[i + 1]!; q++) {
        const o = org[p.pairExpert[q]!]!;
        if (o < 0) continue;
        if (seen[o] !== e) seen[o] = e;
        else if (multi[o] !== e) {
          multi[o] = e;
          groups++;
        }
      }
    }
    seen.fill(-1);
  }

  const expertBase = entries.length + groups;
  const sink = expertBase + m;
  const nodeCount = sink + 1;
  let pairCount = 0;
  for (let e = 0; e < entries.length; e++) pairCount += p.pairStart[entries[e]! + 1]! - p.pairStart[entries[e]!]!;
  const arcs = new ArcList(pairCount + 2 * groups + m);
  const pairArc = new Int32Array(p.pairExpert.length).fill(-1);
  const count = new Int32Array(orgCount);
  const made = new Int32Array(orgCount).fill(-1);
  let nextGroup = entries.length;

  for (let e = 0; e < entries.length; e++) {
    const i = entries[e]!;
    const from = p.pairStart[i]!;
    const to = p.pairStart[i + 1]!;
    if (p.onePerOrganisation) {
      for (let q = from; q < to; q++) {
        const o = org[p.pairExpert[q]!]!;
        if (o < 0) continue;
        if (seen[o] !== e) {
          seen[o] = e;
          count[o] = 0;
        }
        count[o]!++;
      }
    }
    for (let q = from; q < to; q++) {
      const j = p.pairExpert[q]!;
      const o = org[j]!;
      let tail = e;
      if (p.onePerOrganisation && o >= 0 && count[o]! > 1) {
        if (made[o] !== e) {
          made[o] = e;
          groupOf[o] = nextGroup;
          arcs.add(e, nextGroup++, 1, 0);
        }
        tail = groupOf[o]!;
      }
      pairArc[q] = arcs.add(tail, expertBase + j, 1, cost[q]!);
    }
  }
  const supply = new Int32Array(nodeCount);
  let demand = entries.length * k;
  for (let e = 0; e < entries.length; e++) supply[e] = k;
  for (let j = 0; j < m; j++) {
    supply[expertBase + j] = -minLoad[j]!;
    demand -= minLoad[j]!;
    arcs.add(expertBase + j, sink, Math.max(0, maxLoad[j]! - minLoad[j]!), 0);
  }
  supply[sink] = -demand;
  return { net: buildFlowNetwork(nodeCount, arcs, supply), entries, pairArc, expertBase, sink };
}

/** The pairs carrying flow, k per entry, written into `chosen` at entry·k. */
export function extractChosen(p: CompiledAssignment, view: AssignmentNetwork, chosen: Int32Array): void {
  const k = p.perEntry;
  const flow = arcFlows(view.net);
  for (let e = 0; e < view.entries.length; e++) {
    const i = view.entries[e]!;
    let slot = i * k;
    for (let q = p.pairStart[i]!; q < p.pairStart[i + 1]!; q++) {
      if (flow[view.pairArc[q]!] === 1) chosen[slot++] = q;
    }
    if (slot !== i * k + k) throw new Error(`flow gave entry ${i} ${slot - i * k} experts instead of ${k}`);
  }
}
