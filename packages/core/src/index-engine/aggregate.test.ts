import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreTree, scoreWork } from './aggregate.js';
import { resolveChoice } from './compute.js';
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
      fc.constantFrom('arithmetic', 'geometric') as fc.Arbitrary<'arithmetic' | 'geometric'>,
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
