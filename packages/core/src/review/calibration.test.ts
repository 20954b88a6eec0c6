import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalibrationResult, type ScoredReview, calibrate } from './calibration.js';
import { RUBRIC_2019, scoreEntries } from './scoring.js';
import { kendallTau, mean, sd } from './stats.js';
import { syntheticPanel } from './synthetic-panel.js';

/** Entry → mean of its calibrated review scores. */
function entryMeans(result: CalibrationResult): Map<string, number> {
  const acc = new Map<string, number[]>();
  for (const r of result.reviews) acc.set(r.entry, [...(acc.get(r.entry) ?? []), r.calibrated]);
  return new Map([...acc].map(([e, xs]) => [e, mean(xs)]));
}

/** Entries ordered best first; equal scores (to 1e-9) ordered by id. */
function ranking(scores: Map<string, number>): string[] {
  const key = (x: number) => Math.round(x * 1e9);
  return [...scores].sort((a, b) => key(b[1]) - key(a[1]) || (a[0] < b[0] ? -1 : 1)).map(([e]) => e);
}

const panelReviews = fc.array(
  fc.record({ entry: fc.constantFrom('A', 'B', 'C', 'D', 'E'), expert: fc.constantFrom('x', 'y', 'z', 'u'), score: fc.integer({ min: 40, max: 80 }), confidence: fc.integer({ min: 1, max: 3 }) }),
  { minLength: 4, maxLength: 20 },
).map((rs) => rs.filter((r, i) => rs.findIndex((q) => q.entry === r.entry && q.expert === r.expert) === i));

describe('calibration', () => {
  it('none leaves scores as given', () => {
    const reviews: ScoredReview[] = [{ entry: 'A', expert: 'x', score: 70 }, { entry: 'B', expert: 'x', score: 50 }];
    expect(calibrate(reviews, { method: 'none' }).reviews.map((r) => r.calibrated)).toEqual([70, 50]);
  });

  it('zscore maps each expert onto the pooled mean and spread, keeping too-short and flat records explained', () => {
    const reviews: ScoredReview[] = [
      { entry: 'A', expert: 'harsh', score: 40 }, { entry: 'B', expert: 'harsh', score: 50 }, { entry: 'C', expert: 'harsh', score: 60 },
      { entry: 'A', expert: 'kind', score: 80 }, { entry: 'B', expert: 'kind', score: 85 }, { entry: 'C', expert: 'kind', score: 90 },
      { entry: 'A', expert: 'flat', score: 70 }, { entry: 'B', expert: 'flat', score: 70 }, { entry: 'D', expert: 'once', score: 99 },
    ];
    const result = calibrate(reviews, { method: 'zscore' });
    const pooled = { mean: mean(reviews.map((r) => r.score)), sd: sd(reviews.map((r) => r.score)) };
    expect(result.pooled).toEqual(pooled);
    for (const expert of ['harsh', 'kind']) {
      const xs = result.reviews.filter((r) => r.expert === expert).map((r) => r.calibrated);
      expect(mean(xs)).toBeCloseTo(pooled.mean, 9);
      expect(sd(xs)).toBeCloseTo(pooled.sd, 9);
    }
    // Harsh and kind ordered A < B < C the same way: after calibration they agree exactly.
    const at = (e: string, x: string) => result.reviews.find((r) => r.entry === e && r.expert === x)?.calibrated;
    expect(at('A', 'harsh')).toBeCloseTo(at('A', 'kind') ?? 0, 9);
    expect(result.reviews.filter((r) => r.expert === 'flat').map((r) => r.calibrated)).toEqual([pooled.mean, pooled.mean]);
    expect(at('D', 'once')).toBe(99);
    expect(result.experts.find((e) => e.expert === 'once')?.note?.key).toBe('review.calibration.tooFewReviews');
    expect(result.experts.find((e) => e.expert === 'flat')?.note?.key).toBe('review.calibration.noSpread');
  });

  it('bias recovers exact biases and values from noiseless scores', () => {
    const values = { A: 50, B: 60, C: 70 };
    const biases = { lenient: 6, severe: -4, fair: -2 };
    const reviews: ScoredReview[] = [];
    for (const [entry, v] of Object.entries(values)) for (const [expert, b] of Object.entries(biases)) reviews.push({ entry, expert, score: v + b });
    const result = calibrate(reviews, { method: 'bias' });
    expect(result.experts.map((e) => [e.expert, e.bias])).toEqual([
      ['lenient', expect.closeTo(6, 9)], ['severe', expect.closeTo(-4, 9)], ['fair', expect.closeTo(-2, 9)],
    ]);
    expect(result.entries?.map((e) => e.value)).toEqual([expect.closeTo(50, 9), expect.closeTo(60, 9), expect.closeTo(70, 9)]);
    expect(result.solver?.components).toBe(1);
  });

  it('bias solves the weighted normal equations with Σ bias = 0 in each group of experts', () => {
    fc.assert(
      fc.property(panelReviews, (reviews) => {
        const result = calibrate(reviews, { method: 'bias' });
        const v = new Map(result.entries?.map((e) => [e.entry, e.value]));
        const b = new Map(result.experts.map((e) => [e.expert, e.bias ?? Number.NaN]));
        const residual = (r: ScoredReview) => (r.confidence ?? 1) * (r.score - (v.get(r.entry) ?? 0) - (b.get(r.expert) ?? 0));
        // Stationarity: the weighted residuals of every entry and every expert sum to zero.
        for (const group of [(r: ScoredReview) => r.entry, (r: ScoredReview) => r.expert]) {
          const sums = new Map<string, number>();
          for (const r of reviews) sums.set(group(r), (sums.get(group(r)) ?? 0) + residual(r));
          for (const s of sums.values()) expect(Math.abs(s)).toBeLessThan(1e-6);
        }
        // Gauge: experts linked through shared entries have biases summing to zero.
        const parent = new Map([...b.keys()].map((x) => [x, x]));
        const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x) as string));
        const first = new Map<string, string>();
        for (const r of reviews) {
          const f = first.get(r.entry);
          if (f === undefined) first.set(r.entry, r.expert);
          else parent.set(find(r.expert), find(f));
        }
        const sums = new Map<string, number>();
        for (const [x, bias] of b) sums.set(find(x), (sums.get(find(x)) ?? 0) + bias);
        for (const s of sums.values()) expect(Math.abs(s)).toBeLessThan(1e-6);
      }),
    );
  });

  it('adding a constant to one expert’s scores leaves z-scores and the z-scored ranking unchanged', () => {
    let unclamped = 0;
    fc.assert(
      fc.property(panelReviews, fc.constantFrom('x', 'y', 'z', 'u'), fc.integer({ min: -15, max: 15 }), (reviews, who, c) => {
        const shifted = reviews.map((r) => (r.expert === who ? { ...r, score: r.score + c } : r));
        const a = calibrate(reviews, { method: 'zscore' });
        const b = calibrate(shifted, { method: 'zscore' });
        a.reviews.forEach((r, i) => {
          if (r.z === undefined) expect(b.reviews[i]?.z).toBeUndefined();
          else expect(b.reviews[i]?.z).toBeCloseTo(r.z, 9);
        });
        // The pooled mean and spread move with the shift, an increasing affine map of every z:
        // the order holds wherever no score was clamped to the scale.
        if (a.clamped === 0 && b.clamped === 0 && a.experts.every((e) => e.reviews >= 2)) {
          unclamped++;
          expect(ranking(entryMeans(b))).toEqual(ranking(entryMeans(a)));
        }
      }),
    );
    expect(unclamped).toBeGreaterThan(10);
  });

  it('adding a constant to one expert’s scores shifts every entry value of the bias model alike', () => {
    fc.assert(
      fc.property(panelReviews, fc.constantFrom('x', 'y', 'z', 'u'), fc.integer({ min: -15, max: 15 }), (reviews, who, c) => {
        const shifted = reviews.map((r) => (r.expert === who ? { ...r, score: r.score + c } : r));
        const a = calibrate(reviews, { method: 'bias' });
        const b = calibrate(shifted, { method: 'bias' });
        fc.pre(a.solver?.components === 1);
        const deltas = (a.entries ?? []).map((e, i) => (b.entries?.[i]?.value ?? 0) - e.value);
        for (const d of deltas) expect(d).toBeCloseTo(deltas[0] ?? 0, 6);
      }),
    );
  });

  it('ranks synthetic panels closer to the truth than raw scores (Kendall tau)', () => {
    for (const seed of ['calibration-1', 'calibration-2', 'calibration-3']) {
      const panel = syntheticPanel({ entries: 300, experts: 100, reviewsPerEntry: 5, seed });
      const scored = scoreEntries(RUBRIC_2019, { reviews: panel.reviews, method: 'mean' });
      expect(scored.errors).toEqual([]);
      const entries = [...panel.truth.keys()];
      const truth = entries.map((e) => panel.truth.get(e) as number);
      const tau = (m: 'none' | 'zscore' | 'bias') => {
        const result = calibrate(scored.reviews, { method: m });
        const scores = m === 'bias' ? new Map(result.entries?.map((e) => [e.entry, e.value])) : entryMeans(result);
        return kendallTau(entries.map((e) => scores.get(e) as number), truth);
      };
      const [raw, z, bias] = [tau('none'), tau('zscore'), tau('bias')];
      console.log(`calibration ${seed}: Kendall tau vs truth — raw ${raw.toFixed(3)}, zscore ${z.toFixed(3)}, bias ${bias.toFixed(3)}`);
      expect(z).toBeGreaterThan(raw);
      expect(bias).toBeGreaterThan(raw);
      // The recovered biases track the ones the panel was given.
      const result = calibrate(scored.reviews, { method: 'bias' });
      const given = result.experts.map((e) => panel.bias.get(e.expert) as number);
      expect(kendallTau(result.experts.map((e) => e.bias ?? 0), given)).toBeGreaterThan(0.6);
    }
  });

  it('reports unusable scores and confidences as errors', () => {
    const result = calibrate([{ entry: 'A', expert: 'x', score: Number.NaN }, { entry: 'B', expert: 'x', score: 5, confidence: 0 }], { method: 'bias' });
    expect(result.errors.map((e) => `${e.code}@${e.field}`)).toEqual(['SCORE_NOT_A_NUMBER@reviews[0].score', 'CONFIDENCE_INVALID@reviews[1].confidence']);
    expect(result.reviews).toEqual([]);
  });
});
