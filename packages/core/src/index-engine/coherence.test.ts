import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { cronbachAlpha, statisticalCoherence } from './coherence.js';
import type { IndexConfig } from './compute.js';
import { matrixFromRows } from './matrix.js';

describe('statistical coherence', () => {
  it('Cronbach\'s alpha: 1 for identical items, k/(k−1)·(1 − Σvar/var(sum)) in general', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(cronbachAlpha([x, x, x])).toBeCloseTo(1, 12);
    // items [1,2,3] and [3,1,2]: variances 1 and 1, sum [4,3,5] variance 1 → α = 2·(1 − 2) = −2
    expect(cronbachAlpha([Float64Array.from([1, 2, 3]), Float64Array.from([3, 1, 2])])).toBeCloseTo(-2, 12);
    expect(Number.isNaN(cronbachAlpha([x]))).toBe(true);
  });

  it('flags an indicator that runs against its pillar and one that is unrelated to it', () => {
    const rng = createRng('coherence');
    const rows = Array.from({ length: 200 }, () => {
      const level = rng.next();
      const signal = Array.from({ length: 6 }, () => level + 0.1 * rng.next());
      return [...signal, 1 - level + 0.1 * rng.next(), rng.next(), level + 0.1 * rng.next()];
    });
    // min-max gives every indicator the same range, so the noise is 1 of 8 equal parts of its pillar
    const ids = ['a', 'b', 'd', 'e', 'f', 'g', 'anti', 'noise', 'c'];
    const data = matrixFromRows(rows.map((_, i) => `u${i}`), ids, rows);
    const config: IndexConfig = {
      system: { id: 'index', children: [{ id: 'p', children: ids.slice(0, 8).map((id) => ({ id })) }, { id: 'q', children: [{ id: 'c' }] }] },
      normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic',
    };
    const r = statisticalCoherence(data, config);
    if (!r.ok) throw new Error('coherence');
    const flags = Object.fromEntries(r.report.indicators.map((i) => [i.id, i.flag]));
    expect(flags).toEqual({ a: null, b: null, d: null, e: null, f: null, g: null, anti: 'negative', noise: 'weak', c: null });
    const q = r.report.indicators.find((i) => i.id === 'c');
    expect(q?.withParent).toBeCloseTo(1, 12);
    const p = r.report.nodes.find((n) => n.id === 'p');
    expect(p?.items).toBe(8);
    expect(p?.alpha).toBeGreaterThan(0);
    expect(p?.alpha).toBeLessThan(0.9);
    expect(r.report.nodes.find((n) => n.id === 'index')?.parent).toBeNull();
  });
});
