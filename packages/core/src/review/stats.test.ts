import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { kendallTau, mean, normal, quantileSorted, sd } from './stats.js';

describe('stats', () => {
  it('Kendall tau: 1 for the same order, -1 reversed, tau-b with ties', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // Pairs: (1,2) tie in a; (1,3),(2,3) concordant: tau-b = 2 / sqrt(2 · 3).
    expect(kendallTau([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / Math.sqrt(6), 12);
  });

  it('Kendall tau is symmetric, bounded, and unchanged by increasing maps', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { minLength: 2, maxLength: 30 }), (pairs) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        const t = kendallTau(a, b);
        expect(t).toBeGreaterThanOrEqual(-1);
        expect(t).toBeLessThanOrEqual(1);
        expect(kendallTau(b, a)).toBeCloseTo(t, 12);
        expect(kendallTau(a.map((x) => 3 * x + 7), b)).toBeCloseTo(t, 12);
      }),
    );
  });

  it('nearest-rank quantiles and population moments', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(xs, 0.05)).toBe(1);
    expect(quantileSorted(xs, 0.5)).toBe(5);
    expect(quantileSorted(xs, 0.95)).toBe(10);
    expect(mean([2, 4, 6])).toBe(4);
    expect(sd([2, 4, 6])).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });

  it('normal draws have mean 0 and sd 1 and repeat with their seed', () => {
    const draw = (seed: string) => {
      const rng = createRng(seed);
      return Array.from({ length: 20_000 }, () => normal(rng));
    };
    const xs = draw('normal');
    expect(Math.abs(mean(xs))).toBeLessThan(0.03);
    expect(Math.abs(sd(xs) - 1)).toBeLessThan(0.03);
    expect(draw('normal').slice(0, 5)).toEqual(xs.slice(0, 5));
  });
});
