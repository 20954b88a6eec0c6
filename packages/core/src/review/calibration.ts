/**
 * Calibration (评分校准): removing what an expert adds to every score they give, so that an
 * entry's fate does not hang on drawing a harsh or a lenient panel. Three methods:
 *  - none:   scores as given;
 *  - zscore: per-expert z-scores mapped back to the pooled mean and spread (Evalato's method);
 *  - bias:   least squares on score = true value + expert bias + noise, weighted by confidence
 *            (MacKay, Kenna, Low & Parker 2017, "Calibration with confidence"), gauge Σ bias = 0.
 * See docs/methodology/calibration.md for the formulas.
 */
import type { FieldError } from '../errors.js';
import type { Message } from './message.js';
import { REVIEW_SCALE } from './scoring.js';
import { fitBiases } from './calibration-bias.js';
import { mean, sd } from './stats.js';

export type CalibrationMethod = 'none' | 'zscore' | 'bias';
export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ['none', 'zscore', 'bias'];

export interface ScoredReview {
  entry: string;
  expert: string;
  score: number;
  /** > 0; the bias model weighs a review by it (default 1). */
  confidence?: number;
}

export interface CalibrationOptions {
  method: CalibrationMethod;
  /** Calibrated scores are clamped to this scale; default REVIEW_SCALE (0–100). */
  scale?: { min: number; max: number };
  /** zscore: experts with fewer reviews keep their raw scores (default 2). */
  minReviews?: number;
  /** bias: relative residual at which the solver stops (default 1e-10). */
  tolerance?: number;
}

export interface CalibratedReview extends ScoredReview {
  calibrated: number;
  /** The calibrated value fell outside the scale and was clamped. */
  clamped: boolean;
  /** zscore only: the review's z within its expert's scores. */
  z?: number;
}

export interface ExpertCalibration {
  expert: string;
  reviews: number;
  mean: number;
  sd: number;
  /** bias only: estimated leniency (+) or severity (-) in score points. */
  bias?: number;
  note?: Message;
}

export interface CalibrationResult {
  method: CalibrationMethod;
  /** Same order as the input. */
  reviews: CalibratedReview[];
  experts: ExpertCalibration[];
  pooled: { mean: number; sd: number };
  /** bias only: each entry's estimated true value, weighted mean of (score − bias). */
  entries?: { entry: string; value: number; weight: number }[];
  /** bias only: solver iterations and final relative residual. */
  solver?: { iterations: number; residual: number; components: number };
  clamped: number;
  errors: FieldError[];
}

const clampTo = (scale: { min: number; max: number }, x: number) => Math.min(scale.max, Math.max(scale.min, x));

/** Calibrates review scores by the chosen method; the explanation names every expert's correction. */
export function calibrate(reviews: readonly ScoredReview[], options: CalibrationOptions): CalibrationResult {
  const scale = options.scale ?? REVIEW_SCALE;
  const errors: FieldError[] = [];
  reviews.forEach((r, i) => {
    if (!Number.isFinite(r.score)) errors.push({ code: 'SCORE_NOT_A_NUMBER', field: `reviews[${i}].score`, params: { value: String(r.score) } });
    if (r.confidence !== undefined && !(Number.isFinite(r.confidence) && r.confidence > 0)) {
      errors.push({ code: 'CONFIDENCE_INVALID', field: `reviews[${i}].confidence`, params: { value: String(r.confidence) } });
    }
  });
  const byExpert = new Map<string, number[]>();
  reviews.forEach((r, i) => {
    const list = byExpert.get(r.expert);
    if (list) list.push(i);
    else byExpert.set(r.expert, [i]);
  });
  const scores = reviews.map((r) => r.score);
  const pooled = { mean: mean(scores), sd: sd(scores) };
  const experts: ExpertCalibration[] = [...byExpert].map(([expert, idx]) => {
    const xs = idx.map((i) => scores[i] as number);
    const m = mean(xs);
    return { expert, reviews: xs.length, mean: m, sd: sd(xs, m) };
  });
  const base: CalibrationResult = { method: options.method, reviews: [], experts, pooled, clamped: 0, errors };
  if (errors.length > 0) return base;

  // Built field by field: in V8 an object spread with extra keys is some 20× slower.
  const out = reviews.map((r): CalibratedReview => {
    const c: CalibratedReview = { entry: r.entry, expert: r.expert, score: r.score, calibrated: r.score, clamped: false };
    if (r.confidence !== undefined) c.confidence = r.confidence;
    return c;
  });
  if (options.method === 'zscore') {
    const minReviews = options.minReviews ?? 2;
    for (const e of experts) {
      const idx = byExpert.get(e.expert) ?? [];
      if (e.reviews < minReviews) {
        e.note = { key: 'review.calibration.tooFewReviews', params: { count: e.reviews, min: minReviews } };
        continue;
      }
      if (e.sd === 0) e.note = { key: 'review.calibration.noSpread', params: { score: e.mean } };
      for (const i of idx) {
        const r = out[i] as CalibratedReview;
        // An expert who gave every entry the same score tells us nothing about order: z = 0.
        r.z = e.sd === 0 ? 0 : (r.score - e.mean) / e.sd;
        r.calibrated = pooled.mean + r.z * pooled.sd;
      }
    }
  } else if (options.method === 'bias') {
    const fit = fitBiases(reviews, options.tolerance ?? 1e-10);
    for (const e of experts) {
      e.bias = fit.bias.get(e.expert) ?? 0;
      if (fit.isolated.has(e.expert)) e.note = { key: 'review.calibration.isolated', params: {} };
    }
    out.forEach((r) => { r.calibrated = r.score - (fit.bias.get(r.expert) ?? 0); });
    base.entries = fit.entries;
    base.solver = fit.solver;
  }
  for (const r of out) {
    const c = clampTo(scale, r.calibrated);
    if (c !== r.calibrated) {
      r.clamped = true;
      r.calibrated = c;
      base.clamped++;
    }
  }
  base.reviews = out;
  return base;
}
