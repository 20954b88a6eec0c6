/**
 * Minimum-cost flow by successive shortest paths (SSP) with node potentials and Dijkstra,
 * on a compressed residual graph held in typed arrays.
 *
 * Why SSP: reviewer assignment networks are shallow (entry → [organisation group] → expert
 * → sink) and usually have spare expert capacity, so most augmenting paths are found after
 * settling a handful of nodes. Where contention for popular experts or tight loads make the
 * searches grow, the caller stops it at a work budget and hands its state to cost scaling
 * (flow-scaling.ts). Each augmentation runs Dijkstra from one excess node and stops
 * at the first deficit node it settles; only settled nodes get their potential moved
 * (π(v) += d(v) − d(target)), which keeps every residual reduced cost non-negative (Ahuja,
 * Magnanti & Orlin, Network Flows, §9.7). When no excess remains the flow is optimal; when
 * an excess node reaches no deficit node the problem is infeasible and the nodes it did
 * reach are returned so the caller can explain why.
 *
 * Costs are integers with |cost| < 2^31; potentials and distances are doubles, exact while
 * |path cost| < 2^53, which holds for nodeCount < 2^21 (checked).
 */

/** Arcs collected before the residual graph is laid out. */
export class ArcList {
  count = 0;
  tail: Int32Array;
  head: Int32Array;
  capacity: Int32Array;
  cost: Int32Array;

  constructor(expected = 1024) {
    const n = Math.max(16, expected);
    this.tail = new Int32Array(n);
    this.head = new Int32Array(n);
    this.capacity = new Int32Array(n);
    this.cost = new Int32Array(n);
  }

  /** Adds an arc and returns its index. */
  add(tail: number, head: number, capacity: number, cost: number): number {
    if (this.count === this.tail.length) this.grow();
    if (!(Math.abs(cost) < 2 ** 31) || !Number.isInteger(cost)) throw new RangeError(`arc cost ${cost} is not an int32`);
    if (tail === head) throw new RangeError('self-loop arc');
    const i = this.count++;
    this.tail[i] = tail;
    this.head[i] = head;
    this.capacity[i] = capacity;
    this.cost[i] = cost;
    return i;
  }

  private grow(): void {
    const n = this.tail.length * 2;
    const copy = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.tail = copy(this.tail);
    this.head = copy(this.head);
    this.capacity = copy(this.capacity);
    this.cost = copy(this.cost);
  }
}

/**
 * Residual graph: the arcs leaving node v are first[v] .. first[v+1]-1, and the first
 * active[v] of them have residual capacity > 0 (kept so as augmentations change them;
 * experts have hundreds of saturated reverse arcs that a search need not look at).
 */
export interface FlowNetwork {
  readonly nodeCount: number;
  readonly first: Int32Array;
  readonly active: Int32Array;
  readonly head: Int32Array;
  /** Remaining capacity of each residual arc; the solver changes it. */
  readonly residual: Int32Array;
  readonly cost: Int32Array;
  /** Index of the opposite residual arc. */
  readonly reverse: Int32Array;
  /** ArcList index of a forward residual arc, -1 for a reverse arc. */
  readonly origin: Int32Array;
  /** residual[a] + residual[reverse[a]]: constant, so a reverse residual is read locally. */
  readonly pairCap: Int32Array;
  /** Supply (> 0) or demand (< 0) still to route; the solver changes it. */
  readonly supply: Int32Array;
  /** Original capacity of each ArcList arc. */
  readonly capacity: Int32Array;
  readonly arcCount: number;
}

export function buildFlowNetwork(nodeCount: number, arcs: ArcList, supply: Int32Array): FlowNetwork {
  if (nodeCount >= 2 ** 21) throw new RangeError(`flow network too large: ${nodeCount} nodes`);
  const m = arcs.count;
  const first = new Int32Array(nodeCount + 1);
  const active = new Int32Array(nodeCount);
  for (let a = 0; a < m; a++) {
    first[arcs.tail[a]! + 1]!++;
    first[arcs.head[a]! + 1]!++;
    if (arcs.capacity[a]! > 0) active[arcs.tail[a]!]!++;
  }
  for (let v = 0; v < nodeCount; v++) first[v + 1]! += first[v]!;
  // Arcs with capacity go to the front of their tail's segment, the rest behind them.
  const front = first.slice(0, nodeCount);
  const back = new Int32Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) back[v] = first[v]! + active[v]!;
  const head = new Int32Array(2 * m);
  const residual = new Int32Array(2 * m);
  const cost = new Int32Array(2 * m);
  const reverse = new Int32Array(2 * m);
  const origin = new Int32Array(2 * m);
  const pairCap = new Int32Array(2 * m);
  for (let a = 0; a < m; a++) {
    const u = arcs.tail[a]!;
    const v = arcs.head[a]!;
    const f = arcs.capacity[a]! > 0 ? front[u]!++ : back[u]!++;
    const r = back[v]!++;
    head[f] = v;
    head[r] = u;
    residual[f] = arcs.capacity[a]!;
    cost[f] = arcs.cost[a]!;
    cost[r] = -arcs.cost[a]!;
    reverse[f] = r;
    reverse[r] = f;
    origin[f] = a;
    origin[r] = -1;
    pairCap[f] = arcs.capacity[a]!;
    pairCap[r] = arcs.capacity[a]!;
  }
  return {
    nodeCount, first, active, head, residual, cost, reverse, origin, pairCap,
    supply: supply.slice(),
    capacity: arcs.capacity.slice(0, m),
    arcCount: m,
  };
}

export type FlowOutcome =
  | { feasible: true; augmentations: number; settled: number }
  /** Stopped at the work budget: the pseudoflow is optimal for what it routed; `potential` proves it. */
  | { feasible: 'budget'; augmentations: number; settled: number; potential: Float64Array }
  | {
      feasible: false;
      /** The excess node that could not be routed. */
      node: number;
      /** Nodes reachable from it in the residual graph. */
      reached: Int32Array;
    };

/**
 * Routes every supply to the demands at minimum total cost. Excess nodes are served in
 * index order, which makes the result deterministic. Requires that the zero flow has no
 * negative-cost cycle (true for the acyclic networks built here). Once more than `budget`
 * nodes have been settled in all, it stops before the next search and returns the
 * potentials under which its pseudoflow is optimal (status 'budget').
 */
export function solveMinCostFlow(net: FlowNetwork, budget = Infinity): FlowOutcome {
  const { nodeCount: n, first, active, head, cost, supply } = net;
  const pi = initialPotentials(net);
  const dist = new Float64Array(n);
  const pred = new Int32Array(n);
  const seen = new Int32Array(n);
  const done = new Int32Array(n);
  const heap = new Int32Array(n);
  const where = new Int32Array(n);
  const settled = new Int32Array(n);
  let size = 0;
  let round = 0;
  let count = 0;
  let augmentations = 0;
  let settledTotal = 0;

  const up = (v: number, at: number): void => {
    const d = dist[v]!;
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (dist[p]! <= d) break;
      heap[i] = p;
      where[p] = i;
      i = parent;
    }
    heap[i] = v;
    where[v] = i;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap[--size]!;
    if (size > 0) {
      const d = dist[last]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && dist[heap[c + 1]!]! < dist[heap[c]!]!) c++;
        const child = heap[c]!;
        if (dist[child]! >= d) break;
        heap[i] = child;
        where[child] = i;
        i = c;
      }
      heap[i] = last;
      where[last] = i;
    }
    return top;
  };
  const relax = (v: number, nd: number, a: number): void => {
    if (seen[v] !== round) {
      seen[v] = round;
      dist[v] = nd;
      pred[v] = a;
      up(v, size++);
    } else if (nd < dist[v]!) {
      dist[v] = nd;
      pred[v] = a;
      up(v, where[v]!);
    }
  };

  /** Dijkstra from s; returns the first deficit settled, -1 if none is reachable. */
  const forward = (s: number): number => {
    round++;
    size = 0;
    count = 0;
    seen[s] = round;
    dist[s] = 0;
    pred[s] = -1;
    up(s, size++);
    while (size > 0) {
      const u = pop();
      done[u] = round;
      settled[count++] = u;
      if (supply[u]! < 0) return u;
      const du = dist[u]! + pi[u]!;
      for (let a = first[u]!, end = a + active[u]!; a < end; a++) {
        const v = head[a]!;
        if (done[v] !== round) relax(v, du + cost[a]! - pi[v]!, a);
      }
    }
    return -1;
  };

  for (let s = 0; s < n; s++) {
    while (supply[s]! > 0) {
      if (settledTotal > budget) return { feasible: 'budget', augmentations, settled: settledTotal, potential: pi };
      const to = forward(s);
      if (to < 0) return { feasible: false, node: s, reached: settled.slice(0, count) };
      settledTotal += count;
      const dt = dist[to]!;
      for (let i = 0; i < count; i++) pi[settled[i]!]! += dist[settled[i]!]! - dt;
      augment(net, pred, s, to);
      augmentations++;
    }
  }
  return { feasible: true, augmentations, settled: settledTotal };
}

/**
 * Pushes the bottleneck from s to the deficit `to` along pred[] (the arc into each node).
 * The path is walked from the deficit back, so the swaps that keep active prefixes only
 * ever move arcs already pushed.
 */
function augment(net: FlowNetwork, pred: Int32Array, s: number, to: number): void {
  const { head, residual, reverse, supply } = net;
  let delta = Math.min(supply[s]!, -supply[to]!);
  for (let v = to; v !== s; ) {
    const a = pred[v]!;
    delta = Math.min(delta, residual[a]!);
    v = head[reverse[a]!]!;
  }
  for (let v = to; v !== s; ) {
    const a = pred[v]!;
    const u = head[reverse[a]!]!;
    push(net, a, delta);
    v = u;
  }
  supply[s]! -= delta;
  supply[to]! += delta;
}

/**
 * Moves `delta` units along residual arc a, keeping active prefixes: a leaves its tail's
 * prefix if saturated (swapped with the prefix's last arc, so the arc now at a's position
 * is one not yet scanned), and its reverse joins the head's prefix at the end.
 */
export function push(net: FlowNetwork, a: number, delta: number): void {
  const { residual, reverse, pairCap } = net;
  const r = reverse[a]!;
  const wasOpen = pairCap[a]! - residual[a]! > 0;
  residual[a]! -= delta;
  residual[r]! += delta;
  // Swaps in a's segment leave r where it is (r lives in the head's segment).
  if (residual[a] === 0) deactivate(net, a);
  if (!wasOpen) activate(net, r);
}

function tailOf(net: FlowNetwork, a: number): number {
  return net.head[net.reverse[a]!]!;
}

function deactivate(net: FlowNetwork, a: number): void {
  const u = tailOf(net, a);
  const last = net.first[u]! + net.active[u]! - 1;
  swapArcs(net, a, last);
  net.active[u]!--;
}

function activate(net: FlowNetwork, a: number): void {
  const u = tailOf(net, a);
  const slot = net.first[u]! + net.active[u]!;
  swapArcs(net, a, slot);
  net.active[u]!++;
}

function swapArcs(net: FlowNetwork, x: number, y: number): void {
  if (x === y) return;
  const { head, residual, cost, reverse, origin, pairCap } = net;
  const rx = reverse[x]!;
  const ry = reverse[y]!;
  let t = head[x]!; head[x] = head[y]!; head[y] = t;
  t = residual[x]!; residual[x] = residual[y]!; residual[y] = t;
  t = cost[x]!; cost[x] = cost[y]!; cost[y] = t;
  t = origin[x]!; origin[x] = origin[y]!; origin[y] = t;
  t = pairCap[x]!; pairCap[x] = pairCap[y]!; pairCap[y] = t;
  reverse[x] = ry;
  reverse[y] = rx;
  reverse[ry] = x;
  reverse[rx] = y;
}

/**
 * Potentials making every arc of the zero flow non-negative in reduced cost: shortest
 * distances from a virtual root joined to every node at cost 0. One pass in index order
 * settles layered networks whose arcs point to higher indices; other graphs take more passes.
 */
function initialPotentials(net: FlowNetwork): Float64Array {
  const { nodeCount: n, first, active, head, cost } = net;
  const pi = new Float64Array(n);
  for (let pass = 0; pass <= n; pass++) {
    let changed = false;
    for (let u = 0; u < n; u++) {
      const pu = pi[u]!;
      for (let a = first[u]!, end = a + active[u]!; a < end; a++) {
        const v = head[a]!;
        const cand = pu + cost[a]!;
        if (cand < pi[v]!) {
          pi[v] = cand;
          changed = true;
        }
      }
    }
    if (!changed) return pi;
  }
  throw new Error('flow network has a negative-cost cycle');
}

/** Nodes reachable from `node` along arcs with residual capacity (breadth first). */
export function reachableFrom(net: FlowNetwork, node: number): Int32Array {
  const seen = new Uint8Array(net.nodeCount);
  const queue = new Int32Array(net.nodeCount);
  let size = 0;
  queue[size++] = node;
  seen[node] = 1;
  for (let t = 0; t < size; t++) {
    const u = queue[t]!;
    for (let a = net.first[u]!, end = a + net.active[u]!; a < end; a++) {
      const v = net.head[a]!;
      if (!seen[v]) {
        seen[v] = 1;
        queue[size++] = v;
      }
    }
  }
  return queue.slice(0, size);
}

/** Flow on every ArcList arc after solving. */
export function arcFlows(net: FlowNetwork): Int32Array {
  const flow = new Int32Array(net.arcCount);
  for (let a = 0; a < net.origin.length; a++) {
    const o = net.origin[a]!;
    if (o >= 0) flow[o] = net.capacity[o]! - net.residual[a]!;
  }
  return flow;
}
