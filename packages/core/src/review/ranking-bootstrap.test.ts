import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateValues, bootstrapRanks } from './ranking-bootstrap.js';
import { AGGREGATE_METHODS, RUBRIC_2019, aggregate, scoreEntries } from './scoring.js';
import { syntheticPanel } from './synthetic-panel.js';

describe('bootstrap rank intervals', () => {
  it('aggregates plain numbers exactly as scoring does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 9 }), fc.constantFrom(...AGGREGATE_METHODS), (xs, method) => {
        const expected = aggregate(xs.map((score, i) => ({ expert: `x${i}`, score })), method).score;
        expect(aggregateValues(Float64Array.from(xs), method)).toBeCloseTo(expected as number, 9);
      }),
    );
  });

  it('gives a certain entry a point interval and flags only entries that can cross the line', () => {
    const reviews = [
      ...[95, 95, 95].map((score) => ({ entry: 'top', score })),
      ...[60, 70, 80].map((score) => ({ entry: 'mid1', score })),
      ...[62, 72, 78].map((score) => ({ entry: 'mid2', score })),
      ...[10, 10, 10].map((score) => ({ entry: 'low', score })),
    ];
    const result = bootstrapRanks({ reviews, method: 'mean', replicates: 2000, seed: 'b1', cutoff: 2 });
    const at = (e: string) => result.entries.find((x) => x.entry === e);
    expect(at('top')).toMatchObject({ rank: 1, expectedRank: 1, low: 1, high: 1, straddlesCutoff: false });
    expect(at('low')).toMatchObject({ rank: 4, low: 4, high: 4, straddlesCutoff: false });
    expect(at('mid1')).toMatchObject({ low: 2, high: 3, straddlesCutoff: true, message: { key: 'review.bootstrap.straddles' } });
    expect(at('mid2')).toMatchObject({ low: 2, high: 3, straddlesCutoff: true });
    expect(at('mid1')?.expectedRank).toBeGreaterThan(2);
    expect(at('mid1')?.expectedRank).toBeLessThan(3);
  });

  it('is reproducible from its seed and ranks within categories', () => {
    const panel = syntheticPanel({ entries: 60, experts: 20, reviewsPerEntry: 5, seed: 'boot' });
    const scored = scoreEntries(RUBRIC_2019, { reviews: panel.reviews, method: 'trimmed_mean' });
    const options = {
      reviews: scored.reviews, method: 'trimmed_mean' as const, replicates: 300, seed: 7,
      categories: Object.fromEntries(panel.category), quotas: { ai: 5, biomedicine: 5, ic: 5 },
    };
    const a = bootstrapRanks(options);
    expect(bootstrapRanks(options)).toEqual(a);
    expect(bootstrapRanks({ ...options, seed: 8 }).entries.map((e) => e.expectedRank)).not.toEqual(a.entries.map((e) => e.expectedRank));
    for (const e of a.entries) {
      expect(e.score).toBeCloseTo(scored.entries.find((s) => s.entry === e.entry)?.score as number, 9);
      expect(e.low).toBeLessThanOrEqual(e.expectedRank);
      expect(e.expectedRank).toBeLessThanOrEqual(e.high);
      expect(e.high).toBeLessThanOrEqual(20);
      expect(e.straddlesCutoff).toBe(e.low <= 5 && e.high > 5);
    }
    const straddling = a.entries.filter((e) => e.straddlesCutoff).length;
    console.log(`bootstrap: ${straddling} of 60 entries straddle a cutoff of 5 per category (B = 300)`);
    expect(straddling).toBeGreaterThan(0);
  });

  it('rejects a bad replicate count or level', () => {
    expect(bootstrapRanks({ reviews: [], method: 'mean', replicates: 0, seed: 1, level: 1 }).errors.map((e) => e.code)).toEqual([
      'BOOTSTRAP_REPLICATES', 'BOOTSTRAP_LEVEL',
    ]);
  });
});
