import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageAscendingRanks, orderDescending, rankScores } from './rank.js';

describe('ranks', () => {
  it('orders exactly as a comparator sort: descending, ties in input order, NaN last', () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1, 1 + 2 ** -40, 1 - 2 ** -40, 100, -3.5, Number.NaN),
    );
    fc.assert(fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
      const scores = Float64Array.from(xs);
      const order = Array.from(orderDescending(scores));
      const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
      const expected = xs.map((_, i) => i).sort((a, b) => {
        const na = Number.isNaN(xs[a] as number);
        const nb = Number.isNaN(xs[b] as number);
        if (na !== nb) return na ? 1 : -1;
        return key(xs[b] as number) - key(xs[a] as number) || a - b;
      });
      expect(order).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('gives 1 to the best and lets scores within 1e-9 of the largest magnitude share the smallest rank', () => {
    const { ranks, ranked } = rankScores(Float64Array.from([50, 100, 100 - 5e-8, 100 - 2e-7, Number.NaN, 10]));
    expect(Array.from(ranks)).toEqual([4, 1, 1, 3, 0, 5]);
    expect(ranked).toBe(5);
  });

  it('ranks are a permutation of 1..n when scores are distinct, and every rank counts the units strictly better plus one', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }), (xs) => {
      const { ranks } = rankScores(Float64Array.from(xs));
      xs.forEach((x, u) => expect(ranks[u]).toBe(xs.filter((y) => y > x).length + 1));
    }));
  });

  it('average ascending ranks for the rank normalisations', () => {
    const { ranks, count } = averageAscendingRanks(Float64Array.from([5, Number.NaN, 1, 5, 3]));
    expect(count).toBe(4);
    expect(Array.from(ranks)).toEqual([3.5, Number.NaN, 1, 3.5, 2]);
  });
});
