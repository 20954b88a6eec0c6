import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreTree, scoreWork } from './aggregate.js';
import { computeIndex, resolveChoice } from './compute.js';
import { matrixFromRows } from './matrix.js';
import { prepareLeaves } from './prepare.js';
import { compileSystem, type IndicatorNode } from './system.js';

const system: IndicatorNode = {
  id: 'index',
  children: [
    { id: 'g1', children: [{ id: 'x' }, { id: 'y', direction: -1 }, { id: 'z' }] },
    { id: 'g2', children: [{ id: 'v' }, { id: 'w' }] },
  ],
};

describe('scoreTree', () => {
  it('a work scored again with other weights (some zero) gives what a fresh work gives, to the bit', () => {
    const value = fc.double({ min: 1, max: 1000, noNaN: true });
    const weight = fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 5, noNaN: true }));
    fc.assert(fc.property(
      fc.array(fc.tuple(value, value, value, value, value), { minLength: 3, maxLength: 20 }),
      fc.constantFrom('arithmetic', 'geometric', 'harmonic') as fc.Arbitrary<'arithmetic' | 'geometric' | 'harmonic'>,
      fc.array(fc.tuple(fc.array(weight, { minLength: 5, maxLength: 5 }), fc.array(weight, { minLength: 3, maxLength: 3 })), { minLength: 2, maxLength: 8 }),
      (rows, aggregation, weightings) => {
        const data = matrixFromRows(rows.map((_, i) => `u${i}`), ['x', 'y', 'z', 'v', 'w'], rows);
        const compiled = compileSystem(system, data.indicators);
        if (!compiled.ok) throw new Error('compile');
        const prepared = prepareLeaves(data, compiled.system, resolveChoice({ normalisation: { method: 'minmax', range: [1, 100] }, aggregation }));
        if (!prepared.ok) return; // a column without spread
        const { leaves, methods } = prepared.prepared;
        const held = scoreWork(compiled.system, rows.length);
        for (const [leafWeights, nodeWeights] of weightings) {
          const lw = Float64Array.from(leafWeights);
          const nw = Float64Array.from(nodeWeights);
          // a node with every child at weight 0 has no score: not a case the engine is given
          if (lw.slice(0, 3).every((w) => w === 0) || lw.slice(3).every((w) => w === 0) || nw.slice(0, 2).every((w) => w === 0)) continue;
          const again = scoreTree(compiled.system, leaves, methods, lw, nw, held, data.units, true);
          const fresh = scoreTree(compiled.system, leaves, methods, lw, nw, scoreWork(compiled.system, rows.length), data.units, true);
          expect(again.ok && fresh.ok).toBe(true);
          if (!again.ok || !fresh.ok) return;
          again.scores.forEach((column, k) => expect(Array.from(column)).toEqual(Array.from(fresh.scores[k] ?? [])));
        }
      },
    ), { numRuns: 300 });
  });
});

describe('harmonic aggregation', () => {
  const rows = [[1, 2, 4], [2, 2, 2], [4, null, 1]];
  const data = matrixFromRows(['a', 'b', 'c'], ['x', 'y', 'z'], rows);
  const flat: IndicatorNode = { id: 'index', children: [{ id: 'x', weight: 2 }, { id: 'y' }, { id: 'z' }] };

  it('is Σw / Σ(w/y), a gap dropping out with its weight', () => {
    const r = computeIndex(data, { system: flat, normalisation: { method: 'none' }, aggregation: 'harmonic' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // a: 4 / (2/1 + 1/2 + 1/4); b: all 2; c (y missing): 3 / (2/4 + 1/1)
    expect(Array.from(r.result.scores)).toEqual([4 / (2 / 1 + 1 / 2 + 1 / 4), 2, 3 / (2 / 4 + 1 / 1)]);
    expect(Array.from(r.result.ranks)).toEqual([3, 1, 1]); // b and c tie at 2
  });

  it('takes child nodes, under and over the other methods', () => {
    const nested: IndicatorNode = {
      id: 'index', aggregation: 'harmonic',
      children: [{ id: 'p', aggregation: 'geometric', children: [{ id: 'x' }, { id: 'z' }] }, { id: 'y', weight: 3 }],
    };
    const r = computeIndex(matrixFromRows(['a', 'b'], ['x', 'y', 'z'], [[1, 2, 4], [9, 3, 1]]), { system: nested, normalisation: { method: 'none' }, aggregation: 'arithmetic' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // p = √(x·z) = 2 and 3; index = 4 / (1/p + 3/y)
    expect(r.result.scores[0]).toBeCloseTo(4 / (1 / 2 + 3 / 2), 14);
    expect(r.result.scores[1]).toBeCloseTo(4 / (1 / 3 + 3 / 3), 14);
  });

  it('refuses a zero or negative value, naming the indicator and unit, and a node scoring 0', () => {
    const zero = matrixFromRows(['a', 'b'], ['x', 'y', 'z'], [[1, 2, 4], [0, 2, 2]]);
    const r = computeIndex(zero, { system: flat, normalisation: { method: 'none' }, aggregation: 'harmonic' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ code: 'INDEX_GEOMETRIC_NONPOSITIVE', field: 'aggregation', params: { indicator: 'x', unit: 'b', value: 0, normalised: 0 } }]);
    const nested: IndicatorNode = { id: 'index', aggregation: 'harmonic', children: [{ id: 'p', aggregation: 'arithmetic', children: [{ id: 'x' }, { id: 'z' }] }, { id: 'y' }] };
    const neg = matrixFromRows(['a', 'b'], ['x', 'y', 'z'], [[1, 2, 4], [-3, 2, 3]]);
    const n = computeIndex(neg, { system: nested, normalisation: { method: 'none' }, aggregation: 'arithmetic' });
    expect(n.ok).toBe(false);
    if (n.ok) return;
    expect(n.errors[0]).toEqual({ code: 'INDEX_GEOMETRIC_NONPOSITIVE_NODE', field: 'aggregation', params: { node: 'p', unit: 'b', value: 0 } });
  });
});
