import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '../random.js';
import { AGGREGATE_METHODS, RUBRIC_2019, type Review, type Rubric, aggregate, scoreEntries, scoreReview, validateRubric } from './scoring.js';

const s2019 = (innovativeness: number, practicality: number, application_effect: number, promotion_prospects: number) => ({
  innovativeness, practicality, application_effect, promotion_prospects,
});
const weighted = (scores: Record<string, number>) => {
  const r = scoreReview(RUBRIC_2019, { entry: 'A', expert: 'x', scores });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.score.score;
};
const halfPoint = fc.integer({ min: 0, max: 20 }).map((k) => k / 2);

describe('rubrics and review scores', () => {
  it('ships a valid 2019 rubric whose weighted score runs 0–100', () => {
    expect(validateRubric(RUBRIC_2019)).toEqual([]);
    expect(weighted(s2019(10, 10, 10, 10))).toBe(100);
    expect(weighted(s2019(0, 0, 0, 0))).toBe(0);
    // 30·0.8 + 25·0.7 + 25·0.6 + 20·0.9
    expect(weighted(s2019(8, 7, 6, 9))).toBeCloseTo(74.5, 12);
    const r = scoreReview(RUBRIC_2019, { entry: 'A', expert: 'x', scores: s2019(8, 7, 6, 9) });
    expect(r.ok && r.score.parts.map((p) => p.contribution)).toEqual([24, 17.5, 15, 18]);
  });

  it('rejects out-of-scale, off-step, missing and unknown scores with their fields', () => {
    const r = scoreReview(RUBRIC_2019, { entry: 'A', expert: 'x', scores: { innovativeness: 10.5, practicality: 7.3, application_effect: Number.NaN, quality: 3 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => `${e.code}@${e.field}`)).toEqual([
        'CRITERION_UNKNOWN@scores.quality', 'SCORE_OUT_OF_SCALE@scores.innovativeness', 'SCORE_OFF_STEP@scores.practicality',
        'SCORE_NOT_A_NUMBER@scores.application_effect', 'SCORE_MISSING@scores.promotion_prospects',
      ]);
      expect(r.errors[1]?.params).toEqual({ value: 10.5, min: 0, max: 10, step: 0.5 });
    }
    expect(scoreReview(RUBRIC_2019, { entry: 'A', expert: 'x', scores: s2019(-0.5, 0, 0, 0) }).ok).toBe(false);
  });

  it('finds a rubric’s own problems', () => {
    const bad: Rubric = {
      id: 'b', version: 1, label: 'b',
      criteria: [
        { id: 'a', label: 'a', weight: 0, scale: { min: 0, max: 10, step: 3 } },
        { id: 'a', label: 'a', weight: 1, scale: { min: 5, max: 5, step: 1 } },
        { id: 'c', label: 'c', weight: 1, scale: { min: 1, max: 2, step: 0.1 } },
      ],
    };
    expect(validateRubric(bad).map((e) => `${e.code}@${e.field}`)).toEqual([
      'RUBRIC_WEIGHT@criteria[0].weight', 'RUBRIC_SCALE@criteria[0].scale', 'RUBRIC_DUPLICATE@criteria[1].id', 'RUBRIC_SCALE@criteria[1].scale',
    ]);
    expect(scoreEntries(bad, { reviews: [], method: 'mean' }).errors[0]?.field).toBe('rubric.criteria[0].weight');
  });

  it('raising any criterion never lowers the weighted score, which stays within 0–100', () => {
    fc.assert(
      fc.property(fc.tuple(halfPoint, halfPoint, halfPoint, halfPoint), fc.nat(3), fc.integer({ min: 1, max: 20 }), (s, which, up) => {
        const before = weighted(s2019(...s));
        const raised = s.map((v, i) => (i === which ? Math.min(10, v + up / 2) : v)) as [number, number, number, number];
        const after = weighted(s2019(...raised));
        expect(before).toBeGreaterThanOrEqual(0);
        expect(before).toBeLessThanOrEqual(100);
        expect(after).toBeGreaterThanOrEqual(before);
        if (raised[which] !== s[which]) expect(after).toBeGreaterThan(before);
      }),
    );
  });
});

describe('entry scores', () => {
  const review = (entry: string, expert: string, v: number): Review => ({ entry, expert, scores: s2019(v, v, v, v) });

  it('trims one highest and one lowest, naming them, and falls back to the mean below 3 reviews', () => {
    const result = scoreEntries(RUBRIC_2019, {
      method: 'trimmed_mean',
      reviews: [review('A', 'x1', 6), review('A', 'x2', 9), review('A', 'x3', 7), review('A', 'x4', 8), review('B', 'x1', 5), review('B', 'x2', 8)],
    });
    const [a, b] = result.entries;
    expect(a).toMatchObject({ entry: 'A', score: 75, used: 'trimmed_mean' });
    expect(a?.dropped).toEqual([{ expert: 'x2', score: 90, as: 'highest' }, { expert: 'x1', score: 60, as: 'lowest' }]);
    expect(b).toMatchObject({ entry: 'B', score: 65, used: 'mean', method: 'trimmed_mean' });
    expect(b?.notes).toEqual([{ key: 'review.scoring.trimmedFallback', params: { count: 2 } }]);
  });

  it('takes the median, averaging the middle two of an even count', () => {
    expect(aggregate([{ expert: 'a', score: 1 }, { expert: 'b', score: 9 }, { expert: 'c', score: 4 }], 'median').score).toBe(4);
    expect(aggregate([{ expert: 'a', score: 1 }, { expert: 'b', score: 9 }, { expert: 'c', score: 4 }, { expert: 'd', score: 5 }], 'median').score).toBe(4.5);
  });

  it('reports abstentions, missing and rejected reviews per entry and keeps entries without reviews', () => {
    const result = scoreEntries(RUBRIC_2019, {
      method: 'mean',
      entries: ['A', 'B', 'C'],
      assignments: [{ entry: 'A', expert: 'x1' }, { entry: 'A', expert: 'x2' }, { entry: 'A', expert: 'x3' }, { entry: 'B', expert: 'x4' }, { entry: 'A', expert: 'x5' }],
      reviews: [
        review('A', 'x1', 8), { entry: 'A', expert: 'x2', abstain: true }, review('A', 'x5', 11),
        review('B', 'x4', 6), review('B', 'x4', 7), review('Z', 'x1', 5),
      ],
    });
    expect(result.errors.map((e) => `${e.code}@${e.field}`)).toEqual([
      'SCORE_OUT_OF_SCALE@reviews[2].scores.innovativeness', 'SCORE_OUT_OF_SCALE@reviews[2].scores.practicality',
      'SCORE_OUT_OF_SCALE@reviews[2].scores.application_effect', 'SCORE_OUT_OF_SCALE@reviews[2].scores.promotion_prospects',
      'REVIEW_DUPLICATE@reviews[4]', 'REVIEW_ENTRY_UNKNOWN@reviews[5].entry',
    ]);
    const [a, b, c] = result.entries;
    expect(a).toMatchObject({ score: 80, abstentions: ['x2'], missing: ['x3'], rejected: ['x5'] });
    expect(a?.notes.map((n) => n.key)).toEqual(['review.scoring.abstentions', 'review.scoring.missing', 'review.scoring.rejected']);
    expect(b).toMatchObject({ score: 60, missing: [] });
    expect(c).toMatchObject({ entry: 'C', score: null, notes: [{ key: 'review.scoring.noReviews', params: {} }] });
    expect(result.reviews).toHaveLength(2);
  });

  it('entry scores lie within their reviews and do not depend on the order of reviews', () => {
    const reviews = fc.array(fc.record({ entry: fc.constantFrom('A', 'B', 'C'), expert: fc.constantFrom('x1', 'x2', 'x3', 'x4', 'x5', 'x6'), s: fc.tuple(halfPoint, halfPoint, halfPoint, halfPoint) }), { maxLength: 18 });
    fc.assert(
      fc.property(reviews, fc.constantFrom(...AGGREGATE_METHODS), fc.integer(), (rs, method, seed) => {
        const list: Review[] = rs.map((r) => ({ entry: r.entry, expert: r.expert, scores: s2019(...r.s) }));
        // Duplicates are rejected first come first served, so keep one review per pair before shuffling.
        const unique = list.filter((r, i) => list.findIndex((q) => q.entry === r.entry && q.expert === r.expert) === i);
        const a = scoreEntries(RUBRIC_2019, { reviews: unique, method, entries: ['A', 'B', 'C'] });
        const reordered = unique.slice();
        shuffleInPlace(createRng(seed), reordered);
        const b = scoreEntries(RUBRIC_2019, { reviews: reordered, method, entries: ['A', 'B', 'C'] });
        a.entries.forEach((e, i) => {
          const other = b.entries[i];
          if (e.score === null) return expect(other?.score).toBeNull();
          expect(other?.score).toBeCloseTo(e.score, 9);
          const values = e.reviews.map((r) => r.score);
          expect(e.score).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(e.score).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        });
      }),
    );
  });
});
