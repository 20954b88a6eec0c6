/**
 * Aggregation (加权合成) of the normalised indicators up the tree, one pass per column.
 * Node score, with w the sibling weights divided by their sum over the children present:
 *   arithmetic  Σ w·y
 *   geometric   Π y^w = exp(Σ w·ln y), every y > 0 (checked where the columns are prepared)
 *   copeland    wins − losses of weighted pairwise majority contests (copeland.ts)
 * A missing child (NaN) drops out and the weights are re-normalised over the rest: the
 * "no imputation" rule of the handbook. A unit with no child present has no node score.
 */
import type { FieldError } from '../errors.js';
import { copelandScores } from './copeland.js';
import type { CompiledSystem } from './system.js';

export type AggregationMethod = 'arithmetic' | 'geometric' | 'copeland';

const BLOCK = 2048;

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
  // a gap, a Copeland node or a score a geometric parent cannot take: node by node, whole columns
  return scoreColumns(system, leaves, methods, leafWeights, nodeWeights, work, units, keepLogs);
}

/** The node-by-node aggregation over whole columns: gaps, Copeland nodes, and the errors' wording. */
function scoreColumns(
  system: CompiledSystem, leaves: readonly PreparedLeaf[], methods: readonly AggregationMethod[],
  leafWeights: Float64Array, nodeWeights: Float64Array, work: ScoreWork, units: readonly string[], keepLogs: boolean,
): { ok: true; scores: Float64Array[] } | { ok: false; error: FieldError } {
  const n = units.length;
  for (let k = 0; k < system.nodes.length; k++) {
    const node = system.nodes[k] as (typeof system.nodes)[number];
    const method = methods[k] as AggregationMethod;
    const acc = work.scores[k] as Float64Array;
    work.logged[k] = 0;
    if (method === 'copeland') {
      const columns = node.leaves.map((l) => {
        const p = leaves[l] as PreparedLeaf;
        return p.a === 1 && p.b === 0 ? p.source : Float64Array.from(p.source, (v) => p.a * v + p.b);
      });
      for (const c of node.nodes) columns.push(work.scores[c] as Float64Array);
      const weights = [...node.leaves.map((l) => leafWeights[l] as number), ...node.nodes.map((c) => nodeWeights[c] as number)];
      copelandScores(columns, weights, acc);
      work.missing[k] = 0;
      continue;
    }
    const geometric = method === 'geometric';
    acc.fill(0);
    let constant = 0;
    let total = 0;
    let anyMissing = false;
    const sources: Float64Array[] = [];
    const coefs: number[] = [];
    for (const l of node.leaves) {
      const w = leafWeights[l] as number;
      const p = leaves[l] as PreparedLeaf;
      if (w === 0) continue;
      if (p.missing) {
        anyMissing = true;
        continue;
      }
      total += w;
      sources.push(p.source);
      if (p.log) coefs.push(w);
      else {
        coefs.push(w * p.a);
        constant += w * p.b;
      }
    }
    accumulate(acc, sources, coefs, n);
    for (const c of node.nodes) {
      const w = nodeWeights[c] as number;
      if (w === 0) continue;
      if (work.missing[c]) {
        anyMissing = true;
        continue;
      }
      total += w;
      const child = work.scores[c] as Float64Array;
      if (work.logged[c]) {
        for (let u = 0; u < n; u++) acc[u] = (acc[u] as number) + w * (child[u] as number);
      } else if (geometric) {
        for (let u = 0; u < n; u++) {
          const v = child[u] as number;
          if (!(v > 0)) return { ok: false, error: nonPositive(system.nodes[c]?.id ?? '', units[u] ?? '', v) };
          acc[u] = (acc[u] as number) + w * Math.log(v);
        }
      } else {
        for (let u = 0; u < n; u++) acc[u] = (acc[u] as number) + w * (child[u] as number);
      }
    }
    const keepLog = geometric && keepLogs && node.parent >= 0 && methods[node.parent] === 'geometric';
    if (anyMissing) {
      work.wsum ??= new Float64Array(n);
      const wsum = work.wsum;
      wsum.fill(total);
      for (const l of node.leaves) {
        const w = leafWeights[l] as number;
        const p = leaves[l] as PreparedLeaf;
        if (w === 0 || !p.missing) continue;
        const src = p.source;
        for (let u = 0; u < n; u++) {
          const v = src[u] as number;
          if (v !== v) continue;
          acc[u] = (acc[u] as number) + (p.log ? w * v : w * (p.a * v + p.b));
          wsum[u] = (wsum[u] as number) + w;
        }
      }
      for (const c of node.nodes) {
        const w = nodeWeights[c] as number;
        if (w === 0 || !work.missing[c]) continue;
        const child = work.scores[c] as Float64Array;
        for (let u = 0; u < n; u++) {
          const v = child[u] as number;
          if (v !== v) continue;
          if (geometric && !work.logged[c] && !(v > 0)) return { ok: false, error: nonPositive(system.nodes[c]?.id ?? '', units[u] ?? '', v) };
          acc[u] = (acc[u] as number) + w * (geometric && !work.logged[c] ? Math.log(v) : v);
          wsum[u] = (wsum[u] as number) + w;
        }
      }
      let missing = 0;
      for (let u = 0; u < n; u++) {
        const s = wsum[u] as number;
        // the constants of the complete affine leaves belong to every unit (0 under geometric)
        const mean = s > 0 ? ((acc[u] as number) + constant) / s : Number.NaN;
        if (mean !== mean) missing = 1;
        acc[u] = geometric && !keepLog ? Math.exp(mean) : mean;
      }
      work.missing[k] = missing;
    } else if (geometric) {
      const inv = 1 / total;
      if (keepLog) for (let u = 0; u < n; u++) acc[u] = (acc[u] as number) * inv;
      else for (let u = 0; u < n; u++) acc[u] = Math.exp((acc[u] as number) * inv);
      work.missing[k] = 0;
    } else {
      const inv = 1 / total;
      const c = constant * inv;
      for (let u = 0; u < n; u++) acc[u] = (acc[u] as number) * inv + c;
      work.missing[k] = 0;
    }
    work.logged[k] = keepLog ? 1 : 0;
  }
  return { ok: true, scores: work.scores };
}

/**
 * One node of the fused aggregation: its terms in the order the column-wise pass adds them
 * (leaves, then child nodes), each a column times a coefficient, and how the sum is finished.
 */
interface NodePlan {
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
function fusedPlanFor(
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
 * when it does not apply: a Copeland node, or a leaf with gaps among those weighted (whose units
 * re-normalise their weights one by one).
 */
function fusedPlan(
  system: CompiledSystem, leaves: readonly PreparedLeaf[], methods: readonly AggregationMethod[],
  leafWeights: Float64Array, nodeWeights: Float64Array, keepLogs: boolean, work: ScoreWork,
): NodePlan[] | undefined {
  const plans: NodePlan[] = [];
  for (let k = 0; k < system.nodes.length; k++) {
    const node = system.nodes[k] as (typeof system.nodes)[number];
    const method = methods[k] as AggregationMethod;
    if (method === 'copeland') return undefined;
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
function scoreFused(plans: NodePlan[], n: number): boolean {
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

/**
 * acc += Σ coef_i · source_i, blocked so that a slice of the accumulator stays in L1 while the
 * columns stream through, four columns per sweep so that it is loaded and stored a quarter as often.
 */
function accumulate(acc: Float64Array, sources: readonly Float64Array[], coefs: readonly number[], n: number): void {
  const m = sources.length;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const a = sources[i] as Float64Array;
      const b = sources[i + 1] as Float64Array;
      const c = sources[i + 2] as Float64Array;
      const d = sources[i + 3] as Float64Array;
      const ca = coefs[i] as number;
      const cb = coefs[i + 1] as number;
      const cc = coefs[i + 2] as number;
      const cd = coefs[i + 3] as number;
      for (let u = start; u < end; u++) {
        acc[u] = (acc[u] as number) + ca * (a[u] as number) + cb * (b[u] as number) + cc * (c[u] as number) + cd * (d[u] as number);
      }
    }
    for (; i < m; i++) {
      const a = sources[i] as Float64Array;
      const ca = coefs[i] as number;
      for (let u = start; u < end; u++) acc[u] = (acc[u] as number) + ca * (a[u] as number);
    }
  }
}

function nonPositive(node: string, unit: string, value: number): FieldError {
  return { code: 'INDEX_GEOMETRIC_NONPOSITIVE_NODE', field: 'aggregation', params: { node, unit, value } };
}
