/**
 * The node-by-node aggregation over whole columns, children before parents: the pass that takes
 * gaps (re-normalising each unit's weights over the children present), Copeland and harmonic nodes, and names
 * the node and unit whose score a geometric parent cannot take.
 */
import type { FieldError } from '../errors.js';
import type { AggregationMethod, PreparedLeaf, ScoreWork } from './aggregate.js';
import { copelandScores } from './copeland.js';
import type { CompiledSystem } from './system.js';

const BLOCK = 2048;

/** The node-by-node aggregation over whole columns: gaps, Copeland nodes, and the errors' wording. */
export function scoreColumns(
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
    if (method === 'harmonic') {
      const error = harmonicNode(system, k, leaves, leafWeights, nodeWeights, work, units);
      if (error) return { ok: false, error };
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
 * A harmonic node, Σw / Σ(w/y) per unit over the children it has (weights re-normalised as for the
 * others). Its leaves were checked positive where they were prepared; a child node's score is
 * checked here, and a non-positive one is named as under a geometric parent.
 */
function harmonicNode(
  system: CompiledSystem, k: number, leaves: readonly PreparedLeaf[], leafWeights: Float64Array, nodeWeights: Float64Array,
  work: ScoreWork, units: readonly string[],
): FieldError | undefined {
  const node = system.nodes[k] as (typeof system.nodes)[number];
  const n = units.length;
  const acc = work.scores[k] as Float64Array;
  work.wsum ??= new Float64Array(n);
  const wsum = work.wsum;
  acc.fill(0);
  wsum.fill(0);
  const add = (w: number, y: number, id: string, u: number): FieldError | undefined => {
    if (y !== y) return undefined;
    if (!(y > 0)) return nonPositive(id, units[u] ?? '', y);
    acc[u] = (acc[u] as number) + w / y;
    wsum[u] = (wsum[u] as number) + w;
    return undefined;
  };
  for (const l of node.leaves) {
    const w = leafWeights[l] as number;
    if (w === 0) continue;
    const { source, a, b } = leaves[l] as PreparedLeaf;
    const id = system.leaves[l]?.id ?? '';
    for (let u = 0; u < n; u++) {
      const error = add(w, a * (source[u] as number) + b, id, u);
      if (error) return error;
    }
  }
  for (const c of node.nodes) {
    const w = nodeWeights[c] as number;
    if (w === 0) continue;
    const child = work.scores[c] as Float64Array;
    const id = system.nodes[c]?.id ?? '';
    for (let u = 0; u < n; u++) {
      const error = add(w, child[u] as number, id, u);
      if (error) return error;
    }
  }
  let missing = 0;
  for (let u = 0; u < n; u++) {
    const s = wsum[u] as number;
    acc[u] = s > 0 ? s / (acc[u] as number) : Number.NaN;
    if (!(s > 0)) missing = 1;
  }
  work.missing[k] = missing;
  work.logged[k] = 0;
  return undefined;
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
