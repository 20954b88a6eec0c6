/**
 * Analytic Hierarchy Process weights (层次分析法, Saaty 1980; handbook §6.4). From a reciprocal
 * matrix of pairwise comparisons a_ij ("i is a_ij times as important as j") the weights are the
 * principal eigenvector, found by power iteration. λmax gives the consistency index
 * CI = (λmax − n)/(n − 1); CR = CI/RI with Saaty's random index RI(n). CR > 0.1 is refused, the
 * explanation naming the comparison furthest from the ratio the weights imply.
 */
import type { FieldError } from '../errors.js';

/** Saaty's random consistency index by matrix size n (index n; 1 and 2 are always consistent). */
export const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59] as const;

export interface AhpResult {
  weights: Float64Array;
  lambdaMax: number;
  ci: number;
  ri: number;
  cr: number;
}

export function ahpWeights(
  ids: readonly string[], matrix: readonly (readonly number[])[], maxCr = 0.1,
): { ok: true; result: AhpResult } | { ok: false; errors: FieldError[] } {
  const n = ids.length;
  const errors: FieldError[] = [];
  if (matrix.length !== n || matrix.some((row) => row.length !== n)) {
    return { ok: false, errors: [{ code: 'INDEX_AHP_SHAPE', field: 'matrix', params: { size: n } }] };
  }
  const a = (i: number, j: number) => (matrix[i] as readonly number[])[j] as number;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a(i, j);
      const field = `matrix[${i}][${j}]`;
      if (!(Number.isFinite(v) && v > 0)) errors.push({ code: 'INDEX_AHP_VALUE', field, params: { row: ids[i] as string, column: ids[j] as string, value: String(v) } });
      else if (i === j && v !== 1) errors.push({ code: 'INDEX_AHP_DIAGONAL', field, params: { row: ids[i] as string, value: v } });
      else if (j > i && Math.abs(v * a(j, i) - 1) > 1e-6) errors.push({ code: 'INDEX_AHP_RECIPROCAL', field, params: { row: ids[i] as string, column: ids[j] as string, value: v, other: a(j, i) } });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  let w = new Float64Array(n).fill(1 / n);
  let lambdaMax = n;
  for (let iter = 0; iter < 10_000; iter++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a(i, j) * (w[j] as number);
      next[i] = s;
    }
    const total = next.reduce((s, v) => s + v, 0);
    lambdaMax = total; // Σ(Aw)_i with Σw = 1 is λ once w is the eigenvector
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = (next[i] as number) / total;
      change = Math.max(change, Math.abs((next[i] as number) - (w[i] as number)));
    }
    w = next;
    if (change < 1e-15) break;
  }
  const ci = n > 2 ? Math.max(0, (lambdaMax - n) / (n - 1)) : 0;
  const ri = RANDOM_INDEX[Math.min(n, RANDOM_INDEX.length - 1)] as number;
  const cr = ri > 0 ? ci / ri : 0;
  if (cr > maxCr) {
    let worst = { i: 0, j: 1, ratio: -1 };
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ratio = Math.abs(Math.log(a(i, j) / ((w[i] as number) / (w[j] as number))));
        if (ratio > worst.ratio) worst = { i, j, ratio };
      }
    }
    return {
      ok: false,
      errors: [{
        code: 'INDEX_AHP_INCONSISTENT', field: `matrix[${worst.i}][${worst.j}]`,
        params: {
          cr: round(cr), max: maxCr, row: ids[worst.i] as string, column: ids[worst.j] as string,
          given: round(a(worst.i, worst.j)), implied: round((w[worst.i] as number) / (w[worst.j] as number)),
        },
      }],
    };
  }
  return { ok: true, result: { weights: w, lambdaMax, ci, ri, cr } };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
