import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { IndexConfig } from './compute.js';
import { computeIndex } from './compute.js';
import { type IndicatorMatrix, matrixFromRows } from './matrix.js';
import { BINS, EXACT_UNITS, RankAccumulator } from './rank-stream.js';
import { runUncertainty } from './uncertainty.js';

function syntheticData(units: number, seed: string): IndicatorMatrix {
  const rng = createRng(seed);
  const rows = Array.from({ length: units }, () => {
    const level = rng.next();
    return Array.from({ length: 6 }, () => 1 + 100 * (0.7 * level + 0.3 * rng.next()));
  });
  return matrixFromRows(rows.map((_, i) => `u${i}`), ['a', 'b', 'c', 'd', 'e', 'f'], rows);
}

const config: IndexConfig = {
  system: { id: 'index', children: [{ id: 'p', children: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }, { id: 'q', weight: 2, children: [{ id: 'd' }, { id: 'e' }, { id: 'f', direction: -1 }] }] },
  normalisation: { method: 'minmax', range: [1, 100] }, aggregation: 'arithmetic',
};

/** Nearest-rank quantile of a list, the reference the streamed counts must reproduce. */
function nearestRank(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(p * s.length)) - 1] as number;
}

describe('rank accumulator', () => {
  it('counts exactly up to EXACT_UNITS units: quantiles equal those of the stored ranks', () => {
    const rng = createRng('acc');
    const n = 40;
    const acc = new RankAccumulator(n, 101);
    const stored: number[][] = Array.from({ length: n }, () => []);
    for (let r = 0; r < 101; r++) {
      const ranks = Int32Array.from({ length: n }, () => 1 + rng.int(n));
      ranks.forEach((v, u) => stored[u]?.push(v));
      acc.add(ranks);
    }
    const s = acc.summary();
    expect(s.exact).toBe(true);
    stored.forEach((xs, u) => {
      expect(s.median[u]).toBe(nearestRank(xs, 0.5));
      expect(s.p05[u]).toBe(nearestRank(xs, 0.05));
      expect(s.p95[u]).toBe(nearestRank(xs, 0.95));
    });
  });

  it('above EXACT_UNITS, binned quantiles are within one bin of the exact ones, in O(units × BINS) memory', () => {
    const rng = createRng('binned');
    const n = EXACT_UNITS + 1000;
    const replicates = 300;
    const acc = new RankAccumulator(n, replicates);
    const stored: number[][] = Array.from({ length: n }, () => []);
    for (let r = 0; r < replicates; r++) {
      const ranks = Int32Array.from({ length: n }, (_, u) => Math.min(n, Math.max(1, u + 1 + Math.round((rng.next() - 0.5) * 0.2 * (u + 1)))));
      ranks.forEach((v, u) => stored[u]?.push(v));
      acc.add(ranks);
    }
    const s = acc.summary();
    expect(s.exact).toBe(false);
    // counters, the 32-replicate pilot, a 16-replicate block and six per-unit words
    expect(s.bytes).toBeLessThanOrEqual(n * (BINS * 2 + 32 * 4 + 16 * 4 + 24));
    stored.forEach((xs, u) => {
      for (const [p, got] of [[0.05, s.p05[u]], [0.5, s.median[u]], [0.95, s.p95[u]]] as const) {
        expect(Math.abs((got as number) - nearestRank(xs, p))).toBeLessThanOrEqual(s.resolution);
      }
    });
    expect(s.outsideWindow).toBe(0);
  });
});

describe('Monte Carlo uncertainty', () => {
  const data = syntheticData(60, 'mc');

  it('with nothing uncertain, every replicate gives the nominal ranks (geometric kept in logs too)', () => {
    for (const aggregation of ['arithmetic', 'geometric'] as const) {
      const c = { ...config, aggregation };
      const r = runUncertainty(data, c, { replicates: 20, seed: 1 });
      const nominal = computeIndex(data, c);
      if (!r.ok || !nominal.ok) throw new Error('run');
      expect(Array.from(r.result.median)).toEqual(Array.from(nominal.result.ranks));
      expect(Array.from(r.result.p05)).toEqual(Array.from(nominal.result.ranks));
      expect(Array.from(r.result.p95)).toEqual(Array.from(nominal.result.ranks));
    }
  });

  it('is reproducible from its seed and draws every declared alternative', () => {
    const spec = { replicates: 200, seed: 'cycle-2024', normalisations: [{ method: 'rank' as const }], aggregations: ['geometric' as const], weightPerturbation: 0.25 };
    const a = runUncertainty(data, config, spec);
    const b = runUncertainty(data, config, spec);
    const c = runUncertainty(data, config, { ...spec, seed: 'other' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('run');
    expect(Array.from(a.result.p95)).toEqual(Array.from(b.result.p95));
    expect(Array.from(a.result.median)).toEqual(Array.from(b.result.median));
    expect(Array.from(a.result.p05).join() + Array.from(a.result.p95).join()).not.toBe(Array.from(c.result.p05).join() + Array.from(c.result.p95).join());
    expect(a.result.drawn.normalisations.every((k) => k > 60)).toBe(true);
    expect(a.result.drawn.aggregations.every((k) => k > 60)).toBe(true);
    for (let u = 0; u < 60; u++) {
      expect(a.result.p05[u]).toBeLessThanOrEqual(a.result.median[u] as number);
      expect(a.result.median[u]).toBeLessThanOrEqual(a.result.p95[u] as number);
    }
    expect(a.result.p95.some((v, u) => v > (a.result.p05[u] as number))).toBe(true);
  });

  it('refuses an alternative that cannot be computed before running any replicate', () => {
    const r = runUncertainty(data, config, { replicates: 10, seed: 1, normalisations: [{ method: 'zscore' }], aggregations: ['geometric'] });
    expect(!r.ok && r.errors[0]?.code).toBe('INDEX_GEOMETRIC_NONPOSITIVE');
    // a harmonic alternative needs positive values too
    const h = runUncertainty(data, config, { replicates: 10, seed: 1, normalisations: [{ method: 'zscore' }], aggregations: ['harmonic'] });
    expect(!h.ok && h.errors[0]?.code).toBe('INDEX_GEOMETRIC_NONPOSITIVE');
    const bad = runUncertainty(data, config, { replicates: 0, seed: 1, weightPerturbation: 2 });
    expect(!bad.ok && bad.errors.map((e) => e.code)).toEqual(['INDEX_REPLICATES', 'INDEX_PERTURBATION']);
  });
});
