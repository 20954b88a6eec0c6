/**
 * Scoring (评分): rubrics of weighted criteria, each scored on a scale; a review's weighted score
 * on 0–100; an entry's score by mean, trimmed mean or median of its reviews, with abstentions,
 * missing reviews and rejected scores reported per entry.
 */
import type { FieldError } from '../errors.js';
import { type Rational, compare, div, parseDecimal, sub } from './exact.js';
import type { Message } from './message.js';

export interface Scale {
  min: number;
  max: number;
  step: number;
}

export interface Criterion {
  id: string;
  /** i18n key of the criterion's name. */
  label: string;
  /** Relative weight (> 0); weights need not sum to anything. */
  weight: number;
  scale: Scale;
}

export interface Rubric {
  id: string;
  version: number;
  label: string;
  criteria: readonly Criterion[];
}

/** Every weighted review score lies on this scale, whatever the criteria's own scales. */
export const REVIEW_SCALE = { min: 0, max: 100 } as const;

const TEN: Scale = { min: 0, max: 10, step: 0.5 };

/**
 * The 2019 innovation achievement competition (立功竞赛): four criteria, each 0–10 in half points.
 * The seeds name the criteria, not their weights; 30/25/25/20 is our documented example, putting
 * innovativeness first as the competition's title does.
 */
export const RUBRIC_2019: Rubric = {
  id: 'competition-2019',
  version: 1,
  label: 'review.rubric.competition-2019',
  criteria: [
    { id: 'innovativeness', label: 'review.criterion.innovativeness', weight: 30, scale: TEN },
    { id: 'practicality', label: 'review.criterion.practicality', weight: 25, scale: TEN },
    { id: 'application_effect', label: 'review.criterion.application_effect', weight: 25, scale: TEN },
    { id: 'promotion_prospects', label: 'review.criterion.promotion_prospects', weight: 20, scale: TEN },
  ],
};

export const RUBRICS: Readonly<Record<string, Rubric>> = { [RUBRIC_2019.id]: RUBRIC_2019 };

/** A rubric's own problems: weights, scales whose step does not divide the range, duplicate ids. */
export function validateRubric(rubric: Rubric): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  if (rubric.criteria.length === 0) errors.push({ code: 'RUBRIC_EMPTY', field: 'criteria' });
  rubric.criteria.forEach((c, i) => {
    const field = `criteria[${i}]`;
    if (seen.has(c.id)) errors.push({ code: 'RUBRIC_DUPLICATE', field: `${field}.id`, params: { value: c.id } });
    seen.add(c.id);
    if (!(Number.isFinite(c.weight) && c.weight > 0)) errors.push({ code: 'RUBRIC_WEIGHT', field: `${field}.weight`, params: { value: c.weight } });
    const [min, max, step] = [c.scale.min, c.scale.max, c.scale.step].map((v) => parseDecimal(v));
    const steps = min && max && step && step.n > 0n ? div(sub(max, min), step) : undefined;
    if (!min || !max || !step || compare(min, max) >= 0 || !steps || steps.d !== 1n) {
      errors.push({ code: 'RUBRIC_SCALE', field: `${field}.scale`, params: { min: c.scale.min, max: c.scale.max, step: c.scale.step } });
    }
  });
  return errors;
}

export interface Review {
  entry: string;
  expert: string;
  /** Score per criterion id. */
  scores?: Readonly<Record<string, number>>;
  /** The expert declined to score this entry (弃权); the review counts as given but not scored. */
  abstain?: boolean;
  /** Expert's confidence in the review (> 0), used as a weight by the bias calibration. */
  confidence?: number;
}

export interface ReviewScore {
  entry: string;
  expert: string;
  /** Weighted score on REVIEW_SCALE. */
  score: number;
  confidence?: number;
  /** Each criterion's share: weight / Σ weights × position of the score on its scale × 100. */
  parts: { criterion: string; score: number; weight: number; contribution: number }[];
}

/** Weighted score of one review, or the problems with its scores (field relative to the review). */
export function scoreReview(rubric: Rubric, review: Review): { ok: true; score: ReviewScore } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const scores = review.scores ?? {};
  for (const key of Object.keys(scores)) {
    if (!rubric.criteria.some((c) => c.id === key)) errors.push({ code: 'CRITERION_UNKNOWN', field: `scores.${key}`, params: { value: key } });
  }
  const totalWeight = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  const parts: ReviewScore['parts'] = [];
  for (const c of rubric.criteria) {
    const field = `scores.${c.id}`;
    const v = scores[c.id];
    if (v === undefined || v === null) {
      errors.push({ code: 'SCORE_MISSING', field, params: { criterion: c.id } });
      continue;
    }
    const scale = { min: c.scale.min, max: c.scale.max, step: c.scale.step };
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ code: 'SCORE_NOT_A_NUMBER', field, params: { value: String(v) } });
      continue;
    }
    if (v < c.scale.min || v > c.scale.max) {
      errors.push({ code: 'SCORE_OUT_OF_SCALE', field, params: { value: v, ...scale } });
      continue;
    }
    // On the grid min + k·step, decided exactly: 7.3 is off a half-point grid, 7.5 is on it.
    const k = div(sub(parseDecimal(v) as Rational, parseDecimal(c.scale.min) as Rational), parseDecimal(c.scale.step) as Rational);
    if (!k || k.d !== 1n) {
      errors.push({ code: 'SCORE_OFF_STEP', field, params: { value: v, ...scale } });
      continue;
    }
    const position = (v - c.scale.min) / (c.scale.max - c.scale.min);
    parts.push({ criterion: c.id, score: v, weight: c.weight, contribution: (100 * c.weight * position) / totalWeight });
  }
  if (errors.length > 0) return { ok: false, errors };
  const score = parts.reduce((s, p) => s + p.contribution, 0);
  return {
    ok: true,
    score: { entry: review.entry, expert: review.expert, score, ...(review.confidence !== undefined ? { confidence: review.confidence } : {}), parts },
  };
}

export type AggregateMethod = 'mean' | 'trimmed_mean' | 'median';
export const AGGREGATE_METHODS: readonly AggregateMethod[] = ['mean', 'trimmed_mean', 'median'];

export interface Aggregated {
  score: number | null;
  /** The method actually applied: a trimmed mean of fewer than 3 reviews falls back to the mean. */
  used: AggregateMethod;
  dropped: { expert: string; score: number; as: 'highest' | 'lowest' }[];
  notes: Message[];
}

/** One entry's score from its reviews' scores; ties in trimming broken by expert id. */
export function aggregate(scores: readonly { expert: string; score: number }[], method: AggregateMethod): Aggregated {
  if (scores.length === 0) return { score: null, used: method, dropped: [], notes: [{ key: 'review.scoring.noReviews', params: {} }] };
  const sorted = [...scores].sort((a, b) => a.score - b.score || (a.expert < b.expert ? -1 : a.expert > b.expert ? 1 : 0));
  const mean = (xs: readonly { score: number }[]) => xs.reduce((s, x) => s + x.score, 0) / xs.length;
  if (method === 'median') {
    const mid = sorted.length >> 1;
    const score = sorted.length % 2 === 1 ? (sorted[mid]?.score ?? 0) : ((sorted[mid - 1]?.score ?? 0) + (sorted[mid]?.score ?? 0)) / 2;
    return { score, used: 'median', dropped: [], notes: [] };
  }
  if (method === 'trimmed_mean') {
    if (sorted.length < 3) {
      return { score: mean(sorted), used: 'mean', dropped: [], notes: [{ key: 'review.scoring.trimmedFallback', params: { count: sorted.length } }] };
    }
    const low = sorted[0] as { expert: string; score: number };
    const high = sorted[sorted.length - 1] as { expert: string; score: number };
    return {
      score: mean(sorted.slice(1, -1)),
      used: 'trimmed_mean',
      dropped: [{ expert: high.expert, score: high.score, as: 'highest' }, { expert: low.expert, score: low.score, as: 'lowest' }],
      notes: [],
    };
  }
  return { score: mean(sorted), used: 'mean', dropped: [], notes: [] };
}

export interface EntryScore extends Aggregated {
  entry: string;
  method: AggregateMethod;
  reviews: { expert: string; score: number }[];
  /** Experts who abstained. */
  abstentions: string[];
  /** Experts assigned who returned no review. */
  missing: string[];
  /** Experts whose review was rejected (see errors). */
  rejected: string[];
}

export interface ScoringInput {
  reviews: readonly Review[];
  /** Who was asked to review what: reviews missing from here are reported per entry. */
  assignments?: readonly { entry: string; expert: string }[];
  /** Entries to report, in this order; defaults to entries in order of first appearance. */
  entries?: readonly string[];
  method: AggregateMethod;
}

export interface ScoringResult {
  entries: EntryScore[];
  /** Accepted reviews with their weighted scores: the input of calibration. */
  reviews: ReviewScore[];
  /** Problems, each field naming the review by its index: reviews[3].scores.practicality. */
  errors: FieldError[];
}

/** Weighted scores of all reviews, aggregated per entry. */
export function scoreEntries(rubric: Rubric, input: ScoringInput): ScoringResult {
  const errors: FieldError[] = validateRubric(rubric).map((e) => ({ ...e, field: `rubric.${e.field ?? ''}` }));
  if (errors.length > 0) return { entries: [], reviews: [], errors };
  const order: string[] = [...(input.entries ?? [])];
  const state = new Map<string, { reviews: ReviewScore[]; abstentions: string[]; rejected: string[]; seen: Set<string> }>();
  const at = (entry: string) => {
    let s = state.get(entry);
    if (!s) {
      s = { reviews: [], abstentions: [], rejected: [], seen: new Set() };
      state.set(entry, s);
      if (!input.entries) order.push(entry);
    }
    return s;
  };
  for (const e of order) at(e);
  const accepted: ReviewScore[] = [];
  const known = input.entries ? new Set(input.entries) : undefined;
  input.reviews.forEach((review, i) => {
    if (known && !known.has(review.entry)) {
      errors.push({ code: 'REVIEW_ENTRY_UNKNOWN', field: `reviews[${i}].entry`, params: { entry: review.entry, expert: review.expert } });
      return;
    }
    const s = at(review.entry);
    if (s.seen.has(review.expert)) {
      errors.push({ code: 'REVIEW_DUPLICATE', field: `reviews[${i}]`, params: { entry: review.entry, expert: review.expert } });
      return;
    }
    s.seen.add(review.expert);
    if (review.abstain) {
      s.abstentions.push(review.expert);
      return;
    }
    if (review.confidence !== undefined && !(Number.isFinite(review.confidence) && review.confidence > 0)) {
      errors.push({ code: 'CONFIDENCE_INVALID', field: `reviews[${i}].confidence`, params: { value: String(review.confidence) } });
      s.rejected.push(review.expert);
      return;
    }
    const scored = scoreReview(rubric, review);
    if (!scored.ok) {
      for (const e of scored.errors) errors.push({ ...e, field: `reviews[${i}].${e.field ?? ''}`, params: { entry: review.entry, expert: review.expert, ...e.params } });
      s.rejected.push(review.expert);
      return;
    }
    s.reviews.push(scored.score);
    accepted.push(scored.score);
  });
  const assigned = new Map<string, string[]>();
  for (const a of input.assignments ?? []) {
    if (known && !known.has(a.entry)) continue;
    const list = assigned.get(a.entry) ?? [];
    list.push(a.expert);
    assigned.set(a.entry, list);
    at(a.entry);
  }
  const entries = order.map((entry): EntryScore => {
    const s = at(entry);
    const reviews = s.reviews.map((r) => ({ expert: r.expert, score: r.score }));
    const missing = [...new Set(assigned.get(entry) ?? [])].filter((x) => !s.seen.has(x));
    const agg = aggregate(reviews, input.method);
    const notes = [...agg.notes];
    if (s.abstentions.length > 0) notes.push({ key: 'review.scoring.abstentions', params: { count: s.abstentions.length, experts: s.abstentions.join(', ') } });
    if (missing.length > 0) notes.push({ key: 'review.scoring.missing', params: { count: missing.length, experts: missing.join(', ') } });
    if (s.rejected.length > 0) notes.push({ key: 'review.scoring.rejected', params: { count: s.rejected.length, experts: s.rejected.join(', ') } });
    return { entry, method: input.method, ...agg, notes, reviews, abstentions: s.abstentions, missing, rejected: s.rejected };
  });
  return { entries, reviews: accepted, errors };
}
