import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { IndexConfig } from './compute.js';
import { matrixFromRows } from './matrix.js';
import { rankSensitivity, sobolIndices } from './sobol.js';

// Tolerances are more than 3 standard errors of the estimators at these sample sizes, measured
// over 40 seeds (first order ≤ 0.015, total ≤ 0.01): a failure is a wrong estimator, not bad luck.
describe('Sobol indices', () => {
  it('match the analytic values of an additive function within the sampling error', () => {
    // f = Σ a_i·x_i with x_i ~ U(0, 1): V_i = a_i²/12, so S_i = T_i = a_i² / Σ a²
    const a = [1, 2, 3, 0];
    const r = sobolIndices(a.length, 8192, 'additive', 1, (x, out) => {
      out[0] = a.reduce((s, ai, i) => s + ai * (x[i] as number), 0);
    });
    const total = a.reduce((s, v) => s + v * v, 0);
    a.forEach((ai, i) => {
      expect(Math.abs((r.first[i] as number) - (ai * ai) / total)).toBeLessThan(0.05);
      expect(Math.abs((r.total[i] as number) - (ai * ai) / total)).toBeLessThan(0.035);
    });
    expect(r.total[3]).toBe(0);
    expect(r.runs).toBe(8192 * 6);
  });

  it('separate first-order from total effects when inputs interact', () => {
    // f = x1·x2 on U(0,1)²: V = 7/144, V1 = V2 = 1/48, so S = 3/7 and T = 4/7
    const r = sobolIndices(2, 16384, 'product', 1, (x, out) => { out[0] = (x[0] as number) * (x[1] as number); });
    for (let i = 0; i < 2; i++) {
      expect(Math.abs((r.first[i] as number) - 3 / 7)).toBeLessThan(0.035);
      expect(Math.abs((r.total[i] as number) - 4 / 7)).toBeLessThan(0.03);
    }
  });
});

describe('sensitivity of the ranks', () => {
  const rng = createRng('sa');
  const rows = Array.from({ length: 30 }, () => [rng.next(), rng.next() ** 4, rng.next(), rng.next()].map((v) => 1 + 100 * v));
  const data = matrixFromRows(rows.map((_, i) => `u${i}`), ['a', 'b', 'c', 'd'], rows);
  const config: IndexConfig = {
    system: { id: 'index', children: [{ id: 'p', children: [{ id: 'a' }, { id: 'b' }] }, { id: 'q', children: [{ id: 'c' }, { id: 'd' }] }] },
    normalisation: { method: 'minmax', range: [1, 100] }, aggregation: 'arithmetic',
  };

  it('a single uncertain choice explains all the variance of the ranks', () => {
    const r = rankSensitivity(data, config, { samples: 256, seed: 1, normalisations: [{ method: 'rank' }] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.result.inputs.map((i) => i.input)).toEqual(['normalisation']);
    expect(r.result.inputs[0]?.first).toBeGreaterThan(0.85);
    expect(r.result.inputs[0]?.total).toBeGreaterThan(0.85);
  });

  it('names each uncertain choice, with indices between 0 and about 1, and needs at least one', () => {
    const r = rankSensitivity(data, config, { samples: 128, seed: 2, normalisations: [{ method: 'rank' }], aggregations: ['geometric'], weightPerturbation: 0.5 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.result.inputs.map((i) => i.input)).toEqual(['normalisation', 'aggregation', 'weights']);
    for (const i of r.result.inputs) {
      expect(i.total).toBeGreaterThanOrEqual(0);
      expect(i.total).toBeLessThan(1.2);
      expect(i.first).toBeLessThan(i.total + 0.15);
    }
    const none = rankSensitivity(data, config, { samples: 16, seed: 1 });
    expect(!none.ok && none.errors[0]?.code).toBe('INDEX_SOBOL_NO_INPUTS');
  });
});
