/**
 * The scoring round (专家评分): its configuration (rubric of weighted criteria, blind or open, how
 * experts are assigned, calibration, ties, bootstrap) and the inputs experts and the office send.
 * Shared by the server (validation) and the web app (forms). Quotas come from the program's
 * categories (quotas by round key); `quotas` here overrides them for one round.
 */
import { z } from 'zod';
import type { FieldError } from '../../../errors.js';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../../../review/calibration.js';
import { AGGREGATE_METHODS, type AggregateMethod, type Rubric, validateRubric } from '../../../review/scoring.js';
import { bilingualSchema, keySchema } from '../../keys.js';
import { idSchema, text } from '../../../api/input.js';

export const ASSIGNMENT_MODES = ['optimal', 'fair', 'random'] as const;
export const TIE_POLICIES = ['admit_all', 'break_by_criteria'] as const;
/** An assignment of an expert to an entry: scoring it, stood down (回避), or waiting as a reserve (备选). */
export const ASSIGNMENT_STATUSES = ['active', 'recused', 'reserve'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const SCORE_STATUSES = ['draft', 'submitted'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

export const rubricCriterionSchema = z.strictObject({
  key: keySchema,
  name: bilingualSchema,
  weight: z.number().positive().max(1000),
  scale: z.strictObject({ min: z.number().min(-1000).max(1000), max: z.number().min(-1000).max(1000), step: z.number().positive().max(1000) }),
});
export type RubricCriterion = z.output<typeof rubricCriterionSchema>;

const TEN = { min: 0, max: 10, step: 0.5 };
/** The 2019 competition's four criteria (see RUBRIC_2019): the default rubric. */
export const DEFAULT_CRITERIA: RubricCriterion[] = [
  { key: 'innovativeness', name: { zh: '创新性', en: 'Innovativeness' }, weight: 30, scale: TEN },
  { key: 'practicality', name: { zh: '实用性', en: 'Practicality' }, weight: 25, scale: TEN },
  { key: 'application_effect', name: { zh: '应用成效', en: 'Application effect' }, weight: 25, scale: TEN },
  { key: 'promotion_prospects', name: { zh: '推广前景', en: 'Promotion prospects' }, weight: 20, scale: TEN },
];

export const scoringConfigSchema = z.strictObject({
  rubric: z.strictObject({ criteria: z.array(rubricCriterionSchema).min(1).max(20) }).prefault({ criteria: DEFAULT_CRITERIA }),
  /** Blind review (盲评): nothing that identifies the applicant reaches the experts. */
  blind: z.boolean().default(true),
  scoresVisibleToExpertsBeforeClose: z.boolean().default(false),
  resultsVisibleToExpertsAfterClose: z.boolean().default(false),
  assignment: z.strictObject({
    mode: z.enum(ASSIGNMENT_MODES).default('optimal'),
    perEntry: z.number().int().min(1).max(50).default(3),
    minLoad: z.number().int().min(0).max(10_000).default(0),
    maxLoad: z.number().int().min(1).max(10_000).default(30),
    /** Random mode: ranked reserves per entry, who take over when an expert stands down. */
    reserves: z.number().int().min(0).max(20).default(0),
    seed: text().trim().max(100).optional(),
    /** Only pool experts carrying one of these tags; empty takes every active expert with a login. */
    expertTags: z.array(text().trim().min(1).max(100)).max(100).default([]),
  }).prefault({}),
  aggregate: z.enum(AGGREGATE_METHODS as [AggregateMethod, ...AggregateMethod[]]).default('mean'),
  calibration: z.enum(CALIBRATION_METHODS as [CalibrationMethod, ...CalibrationMethod[]]).default('none'),
  ties: z.enum(TIE_POLICIES).default('break_by_criteria'),
  /** Seats per category for this round; absent: the program's categories' quotas for the round. */
  quotas: z.record(keySchema, z.number().int().min(0).max(1_000_000)).optional(),
  bootstrap: z.strictObject({
    replicates: z.number().int().min(0).max(5000).default(500),
    seed: text().trim().max(100).optional(),
    level: z.number().gt(0).lt(1).default(0.9),
  }).prefault({}),
});
export type ScoringConfig = z.output<typeof scoringConfigSchema>;

/** The core engine's rubric for a round's criteria. */
export function rubricOf(config: ScoringConfig, id = 'round'): Rubric {
  return {
    id, version: 1, label: id,
    criteria: config.rubric.criteria.map((c) => ({ id: c.key, label: c.key, weight: c.weight, scale: { ...c.scale } })),
  };
}

/**
 * A round's stored config checked beyond its schema: the rubric's scales, unique criterion keys,
 * loads in order, a seed for a random draw. Every problem names its path under `config`.
 */
export function checkScoringConfig(raw: unknown): { config: ScoringConfig; errors: [] } | { config: undefined; errors: FieldError[] } {
  const parsed = scoringConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      config: undefined,
      errors: parsed.error.issues.map((i) => {
        const field = ['config', ...i.path.map(String)].join('.');
        return { code: 'SCORING_CONFIG_INVALID', field, params: { detail: `${field}: ${i.message}` } };
      }),
    };
  }
  const config = parsed.data;
  const errors: FieldError[] = validateRubric(rubricOf(config)).map((e) => ({
    ...e, field: `config.rubric.${(e.field ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/\.id$/, '.key')}`,
  }));
  const a = config.assignment;
  if (a.minLoad > a.maxLoad) {
    errors.push({ code: 'ASSIGNMENT_LOAD_ORDER', field: 'config.assignment.minLoad', params: { minLoad: a.minLoad, maxLoad: a.maxLoad } });
  }
  if (a.mode === 'random' && !a.seed) errors.push({ code: 'ASSIGNMENT_SEED_REQUIRED', field: 'config.assignment.seed' });
  return errors.length > 0 ? { config: undefined, errors } : { config, errors: [] };
}

const comment = text().max(5000);
/** An expert's scores: a draft may leave criteria out; a submission needs every one. */
export const scoreInputSchema = z.strictObject({
  scores: z.record(text().max(40), z.number()).default({}),
  comments: z.record(text().max(40), comment).default({}),
  comment: comment.default(''),
});
export type ScoreInput = z.output<typeof scoreInputSchema>;

export const recusalInputSchema = z.strictObject({ reason: text().trim().min(2).max(500) });

const reason = text().trim().min(4).max(2000);
export const assignmentAddSchema = z.strictObject({
  applicationId: idSchema(), expertId: idSchema(), reason,
});
export const assignmentRemoveSchema = z.strictObject({ reason });
export const assignmentReplaceSchema = z.strictObject({ expertId: idSchema(), reason });

export const selectionDecisionSchema = z.strictObject({
  /** Application ids that go on; absent: the proposed selection. */
  selected: z.array(idSchema()).max(100_000).optional(),
  /** Needed to advance more than a category's quota, or other entries than the ranking proposes. */
  overrideReason: text().trim().max(2000).optional(),
  /** Needed to decide while assigned experts have not all submitted. */
  acceptIncompleteReason: text().trim().max(2000).optional(),
});
export type SelectionDecisionInput = z.output<typeof selectionDecisionSchema>;
