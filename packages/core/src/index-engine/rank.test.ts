import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageAscendingRanks, orderDescending, rankScores } from './rank.js';

/** The order a comparator sort gives: descending, ties in input order, NaN last. */
function comparatorOrder(xs: readonly number[]): number[] {
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  return xs.map((_, i) => i).sort((a, b) => {
    const na = Number.isNaN(xs[a] as number);
    const nb = Number.isNaN(xs[b] as number);
    if (na !== nb) return na ? 1 : -1;
    return key(xs[b] as number) - key(xs[a] as number) || a - b;
  });
}

describe('ranks', () => {
  it('orders exactly as a comparator sort: descending, ties in input order, NaN last', () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1, 1 + 2 ** -40, 1 - 2 ** -40, 100, -3.5, Number.NaN),
    );
    fc.assert(fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
      const scores = Float64Array.from(xs);
      const order = Array.from(orderDescending(scores));
      const expected = comparatorOrder(xs);
      expect(order).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('orders large inputs exactly as a comparator sort, whatever the spread: the grid, crowded cells and the fallbacks', () => {
    // Above 8,192 units the order takes other paths (grid cells with two passes, crowded cells, unspannable ranges).
    const shapes = ['uniform', 'clustered', 'ties', 'infinite', 'one-value', 'nan', 'huge'] as const;
    fc.assert(fc.property(fc.integer({ min: 8_000, max: 30_000 }), fc.constantFrom(...shapes), fc.integer(), (n, shape, seed) => {
      let state = seed >>> 0 || 1;
      const next = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
      const xs = Array.from({ length: n }, (_, i) => {
        const u = next();
        switch (shape) {
          case 'uniform': return u * 100;
          case 'clustered': return i % 97 === 0 ? u * 1e6 : 50 + u * 1e-9; // nearly everything in one cell
          case 'ties': return Math.floor(u * 7);
          case 'infinite': return u < 0.01 ? Infinity : u < 0.02 ? -Infinity : u;
          case 'one-value': return u < 0.5 ? 0 : -0;
          case 'nan': return u < 0.2 ? Number.NaN : u - 0.5;
          default: return (u - 0.5) * 1e300;
        }
      });
      const scores = Float64Array.from(xs);
      const order = Array.from(orderDescending(scores));
      const expected = comparatorOrder(xs);
      expect(order).toEqual(expected);
      // (the sort's spare arrays carry over from the run before, of another size)
      const { ranks } = rankScores(scores);
      const best = expected[0] as number;
      if (!Number.isNaN(xs[best] as number)) expect(ranks[best]).toBe(1);
      // down the order, each unit shares the rank before it or takes its place; the missing get 0
      let broken = -1;
      for (let p = 1; p < n && broken < 0; p++) {
        const u = expected[p] as number;
        const r = ranks[u] as number;
        const ok = Number.isNaN(xs[u] as number) ? r === 0 : r === ranks[expected[p - 1] as number] || r === p + 1;
        if (!ok) broken = p;
      }
      expect(broken).toBe(-1);
    }), { numRuns: 40 });
  });

  it('orders more than 2^19 units, which take three passes, exactly as a comparator sort', () => {
    for (const [n, gaps] of [[600_000, false], [530_000, true]] as const) {
      let state = n;
      const next = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
      // a bell of scores with ties and, in the second, gaps
      const xs = Array.from({ length: n }, () => (gaps && next() < 0.05 ? Number.NaN : Math.round((next() + next() + next()) * 1e5) / 1e3));
      const order = orderDescending(Float64Array.from(xs));
      const expected = comparatorOrder(xs);
      let first = -1;
      for (let p = 0; p < n && first < 0; p++) if (order[p] !== expected[p]) first = p;
      expect(first).toBe(-1);
    }
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
