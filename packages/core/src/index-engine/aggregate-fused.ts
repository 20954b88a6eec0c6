/**
 * The fused aggregation: every node's score in one pass over the leaf columns, a block of units at
 * a time, when no weighted leaf has gaps and no node is Copeland or harmonic. Its plans are kept
 * in the work and only reweighed when a Monte Carlo run scores the same preparation with other weights.
 */
import type { AggregationMethod, PreparedLeaf, ScoreWork } from './aggregate.js';
import type { CompiledSystem } from './system.js';

/**
 * One node of the fused aggregation: its terms in the order the column-wise pass adds them
 * (leaves, then child nodes), each a column times a coefficient, and how the sum is finished.
 */
export interface NodePlan {
  columns: Float64Array[];
  coefs: number[];
  /** Per term: whether the column is a child's score that a geometric node takes the logarithm of. */
  logOf: boolean[];
  /** Per term: the leaf l, or the child node c as −1 − c. */
  terms: number[];
  /** Its own score column (the work's). */
  out: Float64Array;
  geometric: boolean;
  keepLog: boolean;
  inv: number;
  /** Added after scaling (the affine leaves' constants over the weight total; arithmetic only). */
  shift: number;
}

/**
 * The work's plan when made for these leaves and methods and the same weights are zero (they leave
 * their terms out), else a new one; either way with its coefficients set for these weights.
 */
export function fusedPlanFor(
  system: CompiledSystem, leaves: readonly PreparedLeaf[], methods: readonly AggregationMethod[],
  leafWeights: Float64Array, nodeWeights: Float64Array, keepLogs: boolean, work: ScoreWork,
): NodePlan[] | undefined {
  const held = work.plans.get(leaves);
  let nodes = held && held.methods === methods && held.keepLogs === keepLogs ? held.nodes : undefined;
  if (!nodes || !sameTerms(system, nodes, leafWeights, nodeWeights)) {
    nodes = fusedPlan(system, leaves, methods, leafWeights, nodeWeights, keepLogs, work);
    work.plans.set(leaves, { methods, keepLogs, nodes });
    if (!nodes) return undefined;
  }
  reweigh(system, nodes, leaves, leafWeights, nodeWeights);
  return nodes;
}

/** Whether each node's terms (its children of non-zero weight) are the plan's. */
function sameTerms(system: CompiledSystem, plans: NodePlan[], leafWeights: Float64Array, nodeWeights: Float64Array): boolean {
  for (let k = 0; k < plans.length; k++) {
    const node = system.nodes[k] as (typeof system.nodes)[number];
    const terms = (plans[k] as NodePlan).terms;
    let t = 0;
    for (const l of node.leaves) if ((leafWeights[l] as number) !== 0 && terms[t++] !== l) return false;
    for (const c of node.nodes) if ((nodeWeights[c] as number) !== 0 && terms[t++] !== -1 - c) return false;
    if (t !== terms.length) return false;
  }
  return true;
}

/** A plan's coefficients, weight totals and shifts for these weights (the same terms). */
function reweigh(system: CompiledSystem, plans: NodePlan[], leaves: readonly PreparedLeaf[], leafWeights: Float64Array, nodeWeights: Float64Array): void {
  for (let k = 0; k < plans.length; k++) {
    const node = system.nodes[k] as (typeof system.nodes)[number];
    const plan = plans[k] as NodePlan;
    const coefs = plan.coefs;
    let t = 0;
    let constant = 0;
    let total = 0;
    for (const l of node.leaves) {
      const w = leafWeights[l] as number;
      if (w === 0) continue;
      const p = leaves[l] as PreparedLeaf;
      total += w;
      if (p.log) coefs[t++] = w;
      else {
        coefs[t++] = w * p.a;
        constant += w * p.b;
      }
    }
    for (const c of node.nodes) {
      const w = nodeWeights[c] as number;
      if (w === 0) continue;
      total += w;
      coefs[t++] = w;
    }
    plan.inv = 1 / total;
    plan.shift = plan.geometric ? 0 : constant * plan.inv;
  }
}

/**
 * The terms of the fused pass, node by node (their coefficients are set by reweigh), or undefined
 * when it does not apply: a Copeland or harmonic node (both taken column by column), or a leaf
 * with gaps among those weighted (whose units re-normalise their weights one by one).
 */
function fusedPlan(
  system: CompiledSystem, leaves: readonly PreparedLeaf[], methods: readonly AggregationMethod[],
  leafWeights: Float64Array, nodeWeights: Float64Array, keepLogs: boolean, work: ScoreWork,
): NodePlan[] | undefined {
  const plans: NodePlan[] = [];
  for (let k = 0; k < system.nodes.length; k++) {
    const node = system.nodes[k] as (typeof system.nodes)[number];
    const method = methods[k] as AggregationMethod;
    if (method === 'copeland' || method === 'harmonic') return undefined;
    const geometric = method === 'geometric';
    const columns: Float64Array[] = [];
    const logOf: boolean[] = [];
    const terms: number[] = [];
    for (const l of node.leaves) {
      const p = leaves[l] as PreparedLeaf;
      if ((leafWeights[l] as number) === 0) continue;
      if (p.missing) return undefined;
      columns.push(p.source);
      logOf.push(false);
      terms.push(l);
    }
    for (const c of node.nodes) {
      if ((nodeWeights[c] as number) === 0) continue;
      const child = plans[c] as NodePlan;
      columns.push(child.out);
      logOf.push(geometric && !child.keepLog);
      terms.push(-1 - c);
    }
    const keepLog = geometric && keepLogs && node.parent >= 0 && methods[node.parent] === 'geometric';
    plans.push({
      columns, coefs: terms.map(() => 0), logOf, terms, out: work.scores[k] as Float64Array, geometric, keepLog, inv: 0, shift: 0,
    });
  }
  return plans;
}

/**
 * Units per block of the fused pass: every node's slice of a block (64 KB each) stays in L2 while
 * the leaf columns stream through, in runs long enough (16 pages) for the hardware prefetchers.
 */
const FUSED_BLOCK = 8192;

/**
 * Every node's score in one pass over the leaf columns, a block of units at a time, children
 * before parents: each node's slice is still in cache when its parent reads it. Per unit, the
 * terms are added in the order and with the operations of the column-wise pass (0 + c₁x₁ + c₂x₂ …,
 * then scaled), so the scores are the same to the bit. False when a child's score cannot be
 * logged (not positive): the caller then runs the column-wise pass, which names it.
 */
export function scoreFused(plans: NodePlan[], n: number): boolean {
  for (let start = 0; start < n; start += FUSED_BLOCK) {
    const end = Math.min(n, start + FUSED_BLOCK);
    for (let k = 0; k < plans.length; k++) {
      const plan = plans[k] as NodePlan;
      const acc = plan.out;
      acc.fill(0, start, end);
      const { columns, coefs, logOf } = plan;
      const m = columns.length;
      let i = 0;
      while (i < m) {
        if (logOf[i]) {
          if (!addLog(acc, columns[i] as Float64Array, coefs[i] as number, start, end)) return false;
          i++;
          continue;
        }
        // a run of plain terms, in as few sweeps over the block as six terms a sweep allow, evenly
        let run = i;
        while (run < m && !logOf[run]) run++;
        const sweeps = Math.ceil((run - i) / 6);
        const width = Math.ceil((run - i) / sweeps);
        const j = i + width;
        if (width === 6) {
          add6(acc, columns[i] as Float64Array, columns[i + 1] as Float64Array, columns[i + 2] as Float64Array, columns[i + 3] as Float64Array,
            columns[i + 4] as Float64Array, columns[i + 5] as Float64Array, coefs[i] as number, coefs[i + 1] as number, coefs[i + 2] as number,
            coefs[i + 3] as number, coefs[i + 4] as number, coefs[i + 5] as number, start, end);
        } else if (width === 5) {
          add5(acc, columns[i] as Float64Array, columns[i + 1] as Float64Array, columns[i + 2] as Float64Array, columns[i + 3] as Float64Array,
            columns[i + 4] as Float64Array, coefs[i] as number, coefs[i + 1] as number, coefs[i + 2] as number, coefs[i + 3] as number,
            coefs[i + 4] as number, start, end);
        } else if (width === 4) {
          add4(acc, columns[i] as Float64Array, columns[i + 1] as Float64Array, columns[i + 2] as Float64Array, columns[i + 3] as Float64Array,
            coefs[i] as number, coefs[i + 1] as number, coefs[i + 2] as number, coefs[i + 3] as number, start, end);
        } else if (width === 3) {
          add3(acc, columns[i] as Float64Array, columns[i + 1] as Float64Array, columns[i + 2] as Float64Array,
            coefs[i] as number, coefs[i + 1] as number, coefs[i + 2] as number, start, end);
        } else if (width === 2) {
          add2(acc, columns[i] as Float64Array, columns[i + 1] as Float64Array, coefs[i] as number, coefs[i + 1] as number, start, end);
        } else add1(acc, columns[i] as Float64Array, coefs[i] as number, start, end);
        i = j;
      }
      if (!plan.geometric) scaleShift(acc, plan.inv, plan.shift, start, end);
      else if (plan.keepLog) scale(acc, plan.inv, start, end);
      else scaleExp(acc, plan.inv, start, end);
    }
  }
  return true;
}

/** acc·inv + c: the weighted mean of an arithmetic node. */
function scaleShift(acc: Float64Array, inv: number, c: number, start: number, end: number): void {
  for (let u = start; u < end; u++) acc[u] = (acc[u] as number) * inv + c;
}

/** acc·inv: ln of a geometric node's score, kept for its geometric parent. */
function scale(acc: Float64Array, inv: number, start: number, end: number): void {
  for (let u = start; u < end; u++) acc[u] = (acc[u] as number) * inv;
}

/** exp(acc·inv): a geometric node's score. */
function scaleExp(acc: Float64Array, inv: number, start: number, end: number): void {
  for (let u = start; u < end; u++) acc[u] = Math.exp((acc[u] as number) * inv);
}

function add6(
  acc: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array, e: Float64Array, f: Float64Array,
  ca: number, cb: number, cc: number, cd: number, ce: number, cf: number, start: number, end: number,
): void {
  for (let u = start; u < end; u++) {
    acc[u] = (acc[u] as number) + ca * (a[u] as number) + cb * (b[u] as number) + cc * (c[u] as number) + cd * (d[u] as number)
      + ce * (e[u] as number) + cf * (f[u] as number);
  }
}

function add5(
  acc: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array, e: Float64Array,
  ca: number, cb: number, cc: number, cd: number, ce: number, start: number, end: number,
): void {
  for (let u = start; u < end; u++) {
    acc[u] = (acc[u] as number) + ca * (a[u] as number) + cb * (b[u] as number) + cc * (c[u] as number) + cd * (d[u] as number) + ce * (e[u] as number);
  }
}

function add4(
  acc: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array,
  ca: number, cb: number, cc: number, cd: number, start: number, end: number,
): void {
  for (let u = start; u < end; u++) {
    acc[u] = (acc[u] as number) + ca * (a[u] as number) + cb * (b[u] as number) + cc * (c[u] as number) + cd * (d[u] as number);
  }
}

function add3(acc: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, ca: number, cb: number, cc: number, start: number, end: number): void {
  for (let u = start; u < end; u++) acc[u] = (acc[u] as number) + ca * (a[u] as number) + cb * (b[u] as number) + cc * (c[u] as number);
}

function add2(acc: Float64Array, a: Float64Array, b: Float64Array, ca: number, cb: number, start: number, end: number): void {
  for (let u = start; u < end; u++) acc[u] = (acc[u] as number) + ca * (a[u] as number) + cb * (b[u] as number);
}

function add1(acc: Float64Array, a: Float64Array, ca: number, start: number, end: number): void {
  for (let u = start; u < end; u++) acc[u] = (acc[u] as number) + ca * (a[u] as number);
}

function addLog(acc: Float64Array, child: Float64Array, w: number, start: number, end: number): boolean {
  for (let u = start; u < end; u++) {
    const v = child[u] as number;
    if (!(v > 0)) return false;
    acc[u] = (acc[u] as number) + w * Math.log(v);
  }
  return true;
}
