import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IndexConfig, computeIndex } from './compute.js';
import { matrixFromRows } from './matrix.js';
import { compileSystem, effectiveWeights, type IndicatorNode } from './system.js';

const units = ['a', 'b', 'c', 'd'];
const data = matrixFromRows(units, ['x', 'y', 'z'], [[1, 10, 5], [2, 20, null], [3, 5, 7], [4, 1, 9]]);
const system: IndicatorNode = {
  id: 'index',
  children: [
    { id: 'g1', weight: 2, children: [{ id: 'x' }, { id: 'y', direction: -1, weight: 3 }] },
    { id: 'g2', children: [{ id: 'z' }] },
  ],
};
const minmax: IndexConfig = { system, normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic' };

function run(config: IndexConfig, d = data) {
  const r = computeIndex(d, config);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}

describe('indicator system', () => {
  it('reports every problem with the node it concerns', () => {
    const bad: IndicatorNode = {
      id: 'index',
      children: [
        { id: 'g1', children: [{ id: 'x' }, { id: 'x' }, { id: 'nope' }, { id: 'y', direction: 2 as unknown as 1 }] },
        { id: 'g2', weight: -1, children: [] },
        { id: 'g3', children: [{ id: 'z', weight: 0 }] },
      ],
    };
    const r = compileSystem(bad, ['x', 'y', 'z']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { code: 'INDEX_DUPLICATE_ID', field: 'children[0].children[1].id', params: { id: 'x' } },
      { code: 'INDEX_UNKNOWN_INDICATOR', field: 'children[0].children[2].id', params: { indicator: 'nope' } },
      { code: 'INDEX_DIRECTION_INVALID', field: 'children[0].children[3].direction', params: { indicator: 'y', value: '2' } },
      { code: 'INDEX_WEIGHT_INVALID', field: 'children[1].weight', params: { node: 'g2', value: '-1' } },
      { code: 'INDEX_NODE_EMPTY', field: 'children[1].children', params: { node: 'g2' } },
      { code: 'INDEX_WEIGHTS_ZERO', field: 'children[2].children', params: { node: 'g3' } },
    ]);
  });

  it('effective weights are products of normalised weights down the tree and sum to 1', () => {
    const r = compileSystem(system, ['x', 'y', 'z']);
    if (!r.ok) throw new Error('compile');
    expect(Array.from(effectiveWeights(r.system))).toEqual([(2 / 3) * (1 / 4), (2 / 3) * (3 / 4), 1 / 3]);
  });
});

describe('computeIndex', () => {
  it('aggregates min-max scores by the weighted arithmetic mean, re-normalising over present indicators', () => {
    const r = run(minmax);
    const x = [0, 100 / 3, 200 / 3, 100];
    const y = [(20 - 10) / 19 * 100, 0, (15 / 19) * 100, 100];
    const g1 = x.map((v, u) => (v + 3 * (y[u] as number)) / 4);
    const g2 = [0, Number.NaN, 50, 100];
    const index = g1.map((v, u) => (Number.isNaN(g2[u]) ? v : (2 * v + (g2[u] as number)) / 3));
    r.nodes[0]?.scores.forEach((v, u) => expect(v).toBeCloseTo(g1[u] as number, 12));
    expect(Number.isNaN(r.nodes[1]?.scores[1])).toBe(true);
    r.scores.forEach((v, u) => expect(v).toBeCloseTo(index[u] as number, 12));
    expect(Array.from(r.ranks)).toEqual([3, 4, 2, 1]);
    expect(Array.from(r.order)).toEqual([3, 2, 0, 1]);
    expect(r.indicators.map((i) => i.normalisation)).toEqual([
      { min: 1, max: 4, lo: 0, hi: 100 }, { min: 1, max: 20, lo: 0, hi: 100 }, { min: 5, max: 9, lo: 0, hi: 100 },
    ]);
    expect(r.coverage.indicators.map((i) => i.coverage)).toEqual([1, 1, 0.75]);
  });

  it('leaves units below the minimum coverage unranked and out of the statistics', () => {
    const r = run({ ...minmax, minCoverage: 0.9 });
    expect(r.coverage.excluded).toEqual([{ unit: 'b', coverage: 2 / 3 }]);
    expect(r.ranks[1]).toBe(0);
    expect(Number.isNaN(r.scores[1])).toBe(true);
    expect(r.indicators[1]?.normalisation).toEqual({ min: 1, max: 10, lo: 0, hi: 100 });
  });

  it('imputes by the mean before normalising when asked', () => {
    const r = run({ ...minmax, imputation: { method: 'mean' } });
    expect(r.indicators[2]?.imputed).toBe(1);
    expect(r.indicators[2]?.imputedWith).toBe(7);
    expect(r.nodes[1]?.scores[1]).toBe(50);
  });

  it('the weighted geometric mean never exceeds the weighted arithmetic mean (positive data)', () => {
    const row = fc.array(fc.double({ min: 0.5, max: 1000, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(fc.property(fc.array(row, { minLength: 3, maxLength: 25 }), (rows) => {
      const ids = rows.map((_, i) => `u${i}`);
      const d = matrixFromRows(ids, ['x', 'y', 'z'], rows);
      const base: IndexConfig = { system, normalisation: { method: 'minmax', range: [1, 100] }, aggregation: 'arithmetic' };
      const a = computeIndex(d, base);
      const g = computeIndex(d, { ...base, aggregation: 'geometric' });
      if (!a.ok || !g.ok) return; // a column without spread
      g.result.scores.forEach((v, u) => expect(v).toBeLessThanOrEqual((a.result.scores[u] as number) * (1 + 1e-12)));
    }));
  });

  it('refuses zero or negative values under geometric aggregation, naming indicator and unit', () => {
    const r = computeIndex(data, { ...minmax, aggregation: 'geometric' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toEqual({ code: 'INDEX_GEOMETRIC_NONPOSITIVE', field: 'aggregation', params: { indicator: 'x', unit: 'a', value: 1, normalised: 0 } });
    const neg = matrixFromRows(units, ['x', 'y', 'z'], [[1, 10, 5], [2, 20, 1], [-3, 5, 7], [4, 1, 9]]);
    const n = computeIndex(neg, { system: { id: 'i', children: [{ id: 'x' }, { id: 'z' }] }, normalisation: { method: 'none' }, aggregation: 'geometric' });
    expect(!n.ok && n.errors[0]?.params).toEqual({ indicator: 'x', unit: 'c', value: -3, normalised: -3 });
  });

  it('Copeland: a unit beating every other on a weighted majority of indicators is first', () => {
    const d = matrixFromRows(['p', 'q', 'r'], ['x', 'y', 'z'], [[3, 3, 1], [2, 2, 3], [1, 1, 2]]);
    const r = run({ system: { id: 'i', children: [{ id: 'x' }, { id: 'y' }, { id: 'z' }] }, normalisation: { method: 'none' }, aggregation: 'copeland' }, d);
    expect(Array.from(r.scores)).toEqual([2, 0, -2]);
    // a heavy third indicator turns the contests
    const w = run({ system: { id: 'i', children: [{ id: 'x' }, { id: 'y' }, { id: 'z', weight: 3 }] }, normalisation: { method: 'none' }, aggregation: 'copeland' }, d);
    expect(Array.from(w.ranks)).toEqual([3, 1, 2]);
  });
});
