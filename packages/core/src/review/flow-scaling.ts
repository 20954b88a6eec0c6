/**
 * Minimum-cost flow by cost scaling (Goldberg & Tarjan 1990; the heuristics of Goldberg's
 * CS2, 1997, and of LEMON's CostScaling): push-relabel on ε-optimal pseudoflows, ε divided
 * by ALPHA each phase, with
 *   - partial augmentation: from an active node, walk admissible arcs (current-arc
 *     pointers) up to MAX_PATH arcs or to a deficit, relabelling dead ends, then push;
 *   - global price updates: a bucket-based backward search from the deficits in units of
 *     ε that gives every node with excess an admissible path (run at each phase start and
 *     after every UPDATE_FACTOR·nodeCount relabels); it also proves infeasibility when a
 *     node with excess reaches no deficit.
 * Costs are multiplied by (nodes + 1) so that the final phase, ε = 1, is (1/(n+1))-optimal
 * in the original integer costs, hence optimal. Unlike successive shortest paths, the work
 * does not grow with contention for popular experts or with tight loads.
 *
 * Prices are doubles; they stay exact while |price| < 2^53, which the caller ensures by
 * keeping |cost|·(nodes+1) ≤ 2^42 (scoreScale in assignment-network.ts); a price beyond
 * 2^52 is reported as 'overflow' and the caller falls back to successive shortest paths.
 */
import { push, type FlowNetwork } from './flow.js';

const ALPHA = 16;
const MAX_PATH = 8;
/** A global update after every UPDATE_FACTOR·n relabels. */
const UPDATE_FACTOR = 4;
const PRICE_LIMIT = 2 ** 52;
const STEP_CAP = 8;

export type ScalingOutcome =
  | { status: 'optimal'; relabels: number }
  /** `node` has excess and no residual path to any deficit: no feasible flow exists. */
  | { status: 'infeasible'; node: number }
  | { status: 'overflow' };

const UPDATED = -1;
const OVERFLOW = -2;

/**
 * `start`, if given, are potentials under which every residual arc has non-negative reduced
 * cost (successive shortest paths leaves such a pseudoflow): prices start from them, so the
 * flow already routed is kept unless a better one needs its arcs.
 */
export function solveByCostScaling(net: FlowNetwork, start?: Float64Array): ScalingOutcome {
  const { nodeCount: n, first, active, head, residual, cost } = net;
  const excess = net.supply;
  const mult = n + 1;
  const price = new Float64Array(n);
  if (start) for (let v = 0; v < n; v++) price[v] = start[v]! * (n + 1);
  const cur = Int32Array.from(first.subarray(0, n));
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n);
  let qHead = 0;
  let qSize = 0;
  const pathNode = new Int32Array(MAX_PATH + 1);
  const pathArc = new Int32Array(MAX_PATH);
  const update = new GlobalUpdate(n);
  let relabels = 0;

  let maxCost = 0;
  for (let a = 0; a < cost.length; a++) maxCost = Math.max(maxCost, Math.abs(cost[a]!) * mult);
  let epsilon = Math.max(1, maxCost);

  const enqueue = (v: number): void => {
    if (queued[v]) return;
    queued[v] = 1;
    queue[(qHead + qSize++) % n] = v;
  };

  /** Lowers price[u] to make its best residual arc admissible (u has one). */
  const relabel = (u: number): void => {
    let best = -Infinity;
    for (let a = first[u]!, end = a + active[u]!; a < end; a++) {
      const v = price[head[a]!]! - cost[a]! * mult;
      if (v > best) best = v;
    }
    // Called only when no arc of u is admissible, so this lowers the price by ≥ ε; the
    // current arc restarts so that every newly admissible arc is seen.
    price[u] = best - epsilon;
    cur[u] = first[u]!;
    relabels++;
  };

  for (;;) {
    epsilon = epsilon <= 1 ? 1 : Math.max(1, Math.floor(epsilon / ALPHA));
    // Saturate every residual arc of negative reduced cost: the phase starts 0-optimal,
    // so the admissible graph is acyclic and stays so.
    for (let u = 0; u < n; u++) {
      const pu = price[u]!;
      for (let a = first[u]!; a < first[u]! + active[u]!; ) {
        const v = head[a]!;
        if (cost[a]! * mult + pu - price[v]! < 0) {
          const r = residual[a]!;
          excess[u]! -= r;
          excess[v]! += r;
          push(net, a, r); // a now holds another unchecked arc
        } else {
          a++;
        }
      }
    }
    for (let u = 0; u < n; u++) {
      cur[u] = first[u]!;
      if (excess[u]! > 0) enqueue(u);
    }
    let check = update.run(net, price, excess, epsilon, mult);
    if (check === OVERFLOW) return { status: 'overflow' };
    if (check >= 0) return { status: 'infeasible', node: check };
    let nextUpdate = relabels + UPDATE_FACTOR * n;

    while (qSize > 0) {
      const start = queue[qHead]!;
      qHead = (qHead + 1) % n;
      qSize--;
      queued[start] = 0;
      if (excess[start]! <= 0) continue;
      let len = 0;
      pathNode[0] = start;
      // Walk admissible arcs from start, relabelling and backtracking at dead ends.
      for (;;) {
        const u = pathNode[len]!;
        const pu = price[u]!;
        let found = -1;
        for (let a = cur[u]!, end = first[u]! + active[u]!; a < end; a++) {
          if (cost[a]! * mult + pu - price[head[a]!]! < 0) {
            found = a;
            break;
          }
        }
        if (found >= 0) {
          cur[u] = found;
          const v = head[found]!;
          pathArc[len] = found;
          pathNode[++len] = v;
          if (excess[v]! < 0 || len === MAX_PATH) break;
          continue;
        }
        if (active[u] === 0) {
          // No residual arc leaves u: with excess that is infeasible; as a dead end on the
          // path, lowering its price until the arc into it is not admissible is enough
          // (a lower price only raises the reduced costs of arcs into u).
          if (len === 0) return { status: 'infeasible', node: u };
          price[u] = price[pathNode[len - 1]!]! + cost[pathArc[len - 1]!]! * mult;
          len--;
          continue;
        }
        relabel(u);
        if (price[u]! < -PRICE_LIMIT) return { status: 'overflow' };
        if (relabels >= nextUpdate) {
          // Leave the walk so the global update runs (and catches an infeasible problem).
          len = 0;
          enqueue(start);
          break;
        }
        if (len > 0) len--;
      }
      for (let t = 0; t < len; t++) {
        const u = pathNode[t]!;
        const a = pathArc[t]!;
        const v = pathNode[t + 1]!;
        const delta = Math.min(excess[u]!, residual[a]!);
        if (delta <= 0) break;
        excess[u]! -= delta;
        excess[v]! += delta;
        push(net, a, delta);
      }
      for (let t = 0; t <= len; t++) if (excess[pathNode[t]!]! > 0) enqueue(pathNode[t]!);
      if (relabels >= nextUpdate) {
        check = update.run(net, price, excess, epsilon, mult);
        if (check === OVERFLOW) return { status: 'overflow' };
        if (check >= 0) return { status: 'infeasible', node: check };
        for (let u = 0; u < n; u++) cur[u] = first[u]!;
        nextUpdate = relabels + UPDATE_FACTOR * n;
      }
    }
    if (epsilon === 1) return { status: 'optimal', relabels };
  }
}

/**
 * Global price update: d(v) = length of a shortest residual path from v to a node with
 * deficit, arc length ⌊reduced cost / ε⌋ + 1, by a bucket queue; prices drop by ε·d(v).
 * Arc lengths are capped at STEP_CAP: shorter lengths still give prices that keep
 * ε-optimality (d(u) − d(w) ≤ capped length ≤ true length), and every node that can reach
 * a deficit gets a level below STEP_CAP·n. It stops once every node with excess is reached; the rest get the level reached then,
 * which keeps ε-optimality (see Goldberg 1997, §5). A node with excess that no deficit can
 * be reached from proves the problem infeasible: a feasible flow would differ from the
 * current pseudoflow by residual paths from every excess to some deficit.
 */
class GlobalUpdate {
  private readonly dist: Int32Array;
  private readonly done: Uint8Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly bucket: Int32Array;

  /** Every reachable node gets a level below STEP_CAP·n. */
  private readonly levels: number;

  constructor(n: number) {
    this.levels = STEP_CAP * n + 1;
    this.dist = new Int32Array(n);
    this.done = new Uint8Array(n);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    this.bucket = new Int32Array(this.levels + 1);
  }

  /** Updates the prices; returns UPDATED, OVERFLOW, or a node with excess no deficit reaches. */
  run(net: FlowNetwork, price: Float64Array, excess: Int32Array, epsilon: number, mult: number): number {
    const { nodeCount: n, first, head, residual, cost, pairCap } = net;
    const { dist, done, next, prev, bucket, levels } = this;
    const unreached = levels;
    bucket.fill(-1);
    let activeLeft = 0;
    for (let v = 0; v < n; v++) {
      done[v] = 0;
      dist[v] = unreached;
      if (excess[v]! > 0) activeLeft++;
    }
    const insert = (v: number, d: number): void => {
      dist[v] = d;
      next[v] = bucket[d]!;
      prev[v] = -1;
      if (bucket[d]! >= 0) prev[bucket[d]!] = v;
      bucket[d] = v;
    };
    const remove = (v: number): void => {
      const d = dist[v]!;
      if (prev[v]! >= 0) next[prev[v]!] = next[v]!;
      else bucket[d] = next[v]!;
      if (next[v]! >= 0) prev[next[v]!] = prev[v]!;
    };
    for (let v = 0; v < n; v++) if (excess[v]! < 0) insert(v, 0);
    let level = 0;
    for (; level < levels && activeLeft > 0; level++) {
      while (bucket[level]! >= 0) {
        const w = bucket[level]!;
        remove(w);
        done[w] = 1;
        if (excess[w]! > 0 && --activeLeft === 0) break;
        const pw = price[w]!;
        // Residual arcs u → w are the reverses of w's own arcs; their residual capacity is
        // pairCap − residual, read here without touching the other segment.
        for (let a = first[w]!, end = first[w + 1]!; a < end; a++) {
          if (pairCap[a]! - residual[a]! <= 0) continue;
          const u = head[a]!;
          if (done[u]) continue;
          const reduced = price[u]! - cost[a]! * mult - pw;
          const steps = Math.floor(reduced / epsilon) + 1;
          const d = level + (steps < 0 ? 0 : steps > STEP_CAP ? STEP_CAP : steps);
          if (d < dist[u]! && d < levels) {
            if (dist[u]! < unreached) remove(u);
            insert(u, d);
          }
        }
      }
      if (activeLeft === 0) break;
    }
    if (activeLeft > 0) {
      for (let v = 0; v < n; v++) if (excess[v]! > 0 && !done[v]) return v;
    }
    let lowest = 0;
    for (let v = 0; v < n; v++) {
      const d = done[v] ? dist[v]! : level;
      if (d > 0) price[v]! -= epsilon * d;
      lowest = Math.min(lowest, price[v]!);
    }
    return lowest < -PRICE_LIMIT ? OVERFLOW : UPDATED;
  }
}
