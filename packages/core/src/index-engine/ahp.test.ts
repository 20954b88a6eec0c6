import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ahpWeights } from './ahp.js';
import { budgetWeights, equalWeights, explicitWeights } from './weights.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

describe('AHP', () => {
  it('recovers the generating weights of a consistent matrix, with CR 0', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 2, maxLength: 12 }), (w) => {
      const matrix = w.map((wi) => w.map((wj) => wi / wj));
      const r = ahpWeights(ids(w.length), matrix);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const total = w.reduce((s, v) => s + v, 0);
      r.result.weights.forEach((v, i) => expect(v).toBeCloseTo((w[i] as number) / total, 9));
      expect(r.result.cr).toBeLessThan(1e-9);
      expect(r.result.lambdaMax).toBeCloseTo(w.length, 9);
    }));
  });

  it('accepts a slightly inconsistent matrix and reports λmax, CI, RI and CR', () => {
    const r = ahpWeights(ids(3), [[1, 2, 4], [1 / 2, 1, 3], [1 / 4, 1 / 3, 1]]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.ri).toBe(0.58);
    expect(r.result.cr).toBeGreaterThan(0);
    expect(r.result.cr).toBeLessThan(0.1);
    expect(r.result.ci).toBeCloseTo((r.result.lambdaMax - 3) / 2, 12);
    expect(Array.from(r.result.weights, (w) => Math.round(w * 1000) / 1000)).toEqual([0.558, 0.32, 0.122]);
  });

  it('refuses CR > 0.1, naming the judgement most at odds with the others', () => {
    const r = ahpWeights(['rd', 'patents', 'talent', 'revenue'], [
      [1, 3, 5, 1 / 7], [1 / 3, 1, 3, 5], [1 / 5, 1 / 3, 1, 3], [7, 1 / 5, 1 / 3, 1],
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.code).toBe('INDEX_AHP_INCONSISTENT');
    expect(r.errors[0]?.params?.cr).toBeGreaterThan(0.1);
    expect([r.errors[0]?.params?.row, r.errors[0]?.params?.column]).toEqual(['rd', 'revenue']);
  });

  it('rejects matrices that are not positive reciprocal', () => {
    const r = ahpWeights(ids(3), [[1, 2, 0], [0.5, 2, 2], [1, 1, 1]]);
    expect(!r.ok && r.errors.map((e) => [e.code, e.field])).toEqual([
      ['INDEX_AHP_VALUE', 'matrix[0][2]'], ['INDEX_AHP_DIAGONAL', 'matrix[1][1]'], ['INDEX_AHP_RECIPROCAL', 'matrix[1][2]'],
    ]);
  });
});

describe('other weights', () => {
  it('equal and explicit weights sum to 1; explicit weights summing to 0 are refused', () => {
    expect(Array.from(equalWeights(4))).toEqual([0.25, 0.25, 0.25, 0.25]);
    const e = explicitWeights(['a', 'b'], [1, 3]);
    expect(e.ok && Array.from(e.weights)).toEqual([0.25, 0.75]);
    const z = explicitWeights(['a', 'b'], [0, 0]);
    expect(!z.ok && z.errors[0]?.code).toBe('INDEX_WEIGHTS_ZERO');
  });

  it('budget allocation averages the experts\' shares and checks each allocation sums to the budget', () => {
    const r = budgetWeights(['rd', 'pat', 'tal'], [
      { expert: 'e1', points: { rd: 50, pat: 30, tal: 20 } },
      { expert: 'e2', points: { rd: 30, pat: 30, tal: 40 } },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    [0.4, 0.3, 0.3].forEach((w, i) => expect(r.result.weights[i]).toBeCloseTo(w, 15));
    expect(r.result.spread[0]?.min).toBe(0.3);
    expect(r.result.spread[0]?.max).toBe(0.5);
    expect(r.result.spread[0]?.sd).toBeCloseTo(Math.sqrt(0.02), 15);
    const bad = budgetWeights(['rd'], [{ expert: 'e3', points: { rd: 90, x: 10 } }]);
    expect(!bad.ok && bad.errors.map((e) => [e.code, e.params?.expert])).toEqual([['INDEX_BUDGET_UNKNOWN', 'e3'], ['INDEX_BUDGET_SUM', 'e3']]);
  });
});
