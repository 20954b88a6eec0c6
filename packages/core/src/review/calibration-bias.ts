/**
 * The least-squares reviewer-bias model of MacKay, Kenna, Low & Parker (2017), "Calibration with
 * confidence: a principled method for panel assessment": score = value(entry) + bias(expert) + ε,
 * ε with variance ∝ 1 / confidence. Minimises Σ w (s − v − b)² with w = confidence.
 *
 * The entry values are eliminated (v_r = weighted mean of s − b over r's reviews), leaving L·b = h
 * where L is the weighted "expert Laplacian" of shared entries. L is singular along a constant bias
 * of each connected group of experts (the gauge: adding c to every bias and subtracting it from
 * every value changes nothing); conjugate gradients from b = 0 stay orthogonal to that null space,
 * and a final projection enforces Σ b = 0 in every group exactly.
 */
import type { ScoredReview } from './calibration.js';

export interface BiasFit {
  bias: Map<string, number>;
  /** Experts who share no entry with another: their bias cannot be told apart, so it is 0. */
  isolated: Set<string>;
  entries: { entry: string; value: number; weight: number }[];
  solver: { iterations: number; residual: number; components: number };
}

const at = (a: ArrayLike<number>, i: number): number => a[i] as number;
const addAt = (a: Float64Array, i: number, v: number): void => {
  a[i] = at(a, i) + v;
};
const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += at(a, i) * at(b, i);
  return s;
};

export function fitBiases(reviews: readonly ScoredReview[], tolerance: number): BiasFit {
  const entryIndex = new Map<string, number>();
  const expertIndex = new Map<string, number>();
  const K = reviews.length;
  const er = new Int32Array(K);
  const ex = new Int32Array(K);
  const w = new Float64Array(K);
  const s = new Float64Array(K);
  const indexOf = (map: Map<string, number>, key: string): number => {
    const i = map.get(key);
    if (i !== undefined) return i;
    map.set(key, map.size);
    return map.size - 1;
  };
  reviews.forEach((r, k) => {
    er[k] = indexOf(entryIndex, r.entry);
    ex[k] = indexOf(expertIndex, r.expert);
    w[k] = r.confidence ?? 1;
    s[k] = r.score;
  });
  const R = entryIndex.size;
  const X = expertIndex.size;

  // Per entry: total weight W_r and weighted mean score ȳ_r.
  const W = new Float64Array(R);
  const ybar = new Float64Array(R);
  for (let k = 0; k < K; k++) {
    addAt(W, at(er, k), at(w, k));
    addAt(ybar, at(er, k), at(w, k) * at(s, k));
  }
  for (let r = 0; r < R; r++) ybar[r] = at(ybar, r) / at(W, r);

  // Right-hand side h_e = Σ w (s − ȳ_r) and the diagonal of L for a Jacobi preconditioner.
  const h = new Float64Array(X);
  const diag = new Float64Array(X);
  for (let k = 0; k < K; k++) {
    const [e, r, wk] = [at(ex, k), at(er, k), at(w, k)];
    addAt(h, e, wk * (at(s, k) - at(ybar, r)));
    addAt(diag, e, wk * (1 - wk / at(W, r)));
  }
  // (L b)_e = Σ_{k of e} w_k (b_e − b̄_r), b̄_r the weighted mean bias of entry r's experts.
  const bbar = new Float64Array(R);
  const applyL = (b: Float64Array, out: Float64Array): void => {
    bbar.fill(0);
    for (let k = 0; k < K; k++) addAt(bbar, at(er, k), at(w, k) * at(b, at(ex, k)));
    for (let r = 0; r < R; r++) bbar[r] = at(bbar, r) / at(W, r);
    out.fill(0);
    for (let k = 0; k < K; k++) addAt(out, at(ex, k), at(w, k) * (at(b, at(ex, k)) - at(bbar, at(er, k))));
  };

  const inv = diag.map((d) => (d > 1e-12 ? 1 / d : 0));
  const b = new Float64Array(X);
  const res = Float64Array.from(h);
  const z = res.map((v, i) => v * at(inv, i));
  const p = Float64Array.from(z);
  const Ap = new Float64Array(X);
  const hNorm = Math.sqrt(dot(h, h));
  let rz = dot(res, z);
  let iterations = 0;
  let residual = hNorm === 0 ? 0 : 1;
  const maxIterations = 10 * X + 100;
  while (hNorm > 0 && residual > tolerance && iterations < maxIterations) {
    applyL(p, Ap);
    const pAp = dot(p, Ap);
    if (!(pAp > 0)) break;
    const alpha = rz / pAp;
    for (let i = 0; i < X; i++) {
      addAt(b, i, alpha * at(p, i));
      addAt(res, i, -alpha * at(Ap, i));
      z[i] = at(res, i) * at(inv, i);
    }
    const rzNext = dot(res, z);
    const beta = rzNext / rz;
    for (let i = 0; i < X; i++) p[i] = at(z, i) + beta * at(p, i);
    rz = rzNext;
    iterations++;
    residual = Math.sqrt(dot(res, res)) / hNorm;
  }

  // Gauge: Σ b = 0 within each connected group of experts (union–find over shared entries).
  const parent = Int32Array.from({ length: X }, (_, i) => i);
  const find = (i: number): number => {
    let x = i;
    while (at(parent, x) !== x) {
      parent[x] = at(parent, at(parent, x));
      x = at(parent, x);
    }
    return x;
  };
  const firstExpert = new Int32Array(R).fill(-1);
  for (let k = 0; k < K; k++) {
    const r = at(er, k);
    if (at(firstExpert, r) === -1) firstExpert[r] = at(ex, k);
    else parent[find(at(ex, k))] = find(at(firstExpert, r));
  }
  const sum = new Float64Array(X);
  const count = new Float64Array(X);
  for (let i = 0; i < X; i++) {
    addAt(sum, find(i), at(b, i));
    addAt(count, find(i), 1);
  }
  const names = [...expertIndex.keys()];
  const bias = new Map<string, number>();
  const biasAt = new Float64Array(X);
  const isolated = new Set<string>();
  let components = 0;
  names.forEach((name, i) => {
    const root = find(i);
    if (root === i) components++;
    biasAt[i] = at(b, i) - at(sum, root) / at(count, root);
    bias.set(name, at(biasAt, i));
    if (at(count, root) === 1) isolated.add(name);
  });
  const value = new Float64Array(R);
  for (let k = 0; k < K; k++) addAt(value, at(er, k), at(w, k) * (at(s, k) - at(biasAt, at(ex, k))));
  const entries = [...entryIndex.keys()].map((entry, r) => ({ entry, value: at(value, r) / at(W, r), weight: at(W, r) }));
  return { bias, isolated, entries, solver: { iterations, residual, components } };
}
