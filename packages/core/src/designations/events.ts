/**
 * A designation's dated history (认定记录): what can happen to it, each on a Shanghai calendar day,
 * and the inputs the office sends. A designation is never deleted; it ends by revocation or expiry.
 */
import { z } from 'zod';
import { parseDay } from '../review/eligibility.js';
import { DESIGNATION_TITLES } from './catalogue.js';
import { idSchema, text } from '../api/input.js';

export const DESIGNATION_EVENT_KINDS = ['granted', 'evaluated', 'tier_changed', 'suspended', 'reinstated', 'revoked', 'expired'] as const;
export type DesignationEventKind = (typeof DESIGNATION_EVENT_KINDS)[number];

/** Grades of a periodic evaluation (评价结果): 优秀, 良好, 合格, 不合格. */
export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

export const DESIGNATION_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

/** A calendar day, YYYY-MM-DD, that exists. */
export const daySchema = text().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => parseDay(s) !== undefined);

const words = (max: number) => text().trim().min(1).max(max);

/** The office grants a title: by a decision (decisionRef), or imported with the source it came from; one is required. */
export const designationGrantSchema = z.strictObject({
  uscc: text().max(40),
  title: z.enum(DESIGNATION_TITLES),
  tier: text().max(20),
  grantedOn: daySchema,
  /** Where a title granted elsewhere was recorded from (文件, 公告, 历史数据). */
  source: words(500).optional(),
  programId: idSchema().optional(),
  /** The decision behind the grant (文号, publication). */
  decisionRef: words(200).optional(),
  /** Overrides the catalogue's validity for this grant. */
  validityYears: z.number().int().min(1).max(50).optional(),
});
export type DesignationGrantInput = z.output<typeof designationGrantSchema>;

/** A later step in a designation's history. */
export const designationEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('granted'), day: daySchema, tier: text().max(20), decisionRef: words(200).optional(), source: words(500).optional(), programId: idSchema().optional() }),
  z.strictObject({ kind: z.literal('evaluated'), day: daySchema, grade: z.enum(EVALUATION_GRADES), decisionRef: words(200).optional(), reason: words(2000).optional() }),
  z.strictObject({ kind: z.literal('tier_changed'), day: daySchema, tier: text().max(20), decisionRef: words(200).optional(), reason: words(2000).optional() }),
  z.strictObject({ kind: z.literal('suspended'), day: daySchema, reason: words(2000), decisionRef: words(200).optional() }),
  z.strictObject({ kind: z.literal('reinstated'), day: daySchema, reason: words(2000).optional(), decisionRef: words(200).optional() }),
  z.strictObject({ kind: z.literal('revoked'), day: daySchema, reason: words(2000), decisionRef: words(200) }),
  z.strictObject({ kind: z.literal('expired'), day: daySchema, reason: words(2000).optional() }),
]);
export type DesignationEventInput = z.output<typeof designationEventSchema>;

/** One recorded step, as stored and returned by the API. */
export interface DesignationEvent {
  id: number;
  kind: DesignationEventKind;
  day: string;
  /** The tier granted or changed to; null for other kinds. */
  tier: string | null;
  /** The tier held before, for granted (renewal) and tier_changed; computed from the history. */
  fromTier: string | null;
  grade: EvaluationGrade | null;
  reason: string | null;
  source: string | null;
  programId: number | null;
  decisionRef: string | null;
  actorId: number | null;
  createdAt: string;
}

/** A designation with its current state (as of today) and its whole history, oldest first. */
export interface Designation {
  id: number;
  uscc: string;
  title: string;
  tier: string;
  status: DesignationStatus;
  grantedOn: string;
  /** The first day it is no longer held by validity; null when indefinite. */
  validUntil: string | null;
  /** The day it ended (revoked or expired), if it has. */
  endedOn: string | null;
  /** When the next periodic evaluation is due, for titles and tiers the catalogue evaluates. */
  evaluationDue: string | null;
  events: DesignationEvent[];
}

/** The columns of a designation import file (CSV or XLSX), one grant per row. */
export const DESIGNATION_IMPORT_COLUMNS = ['uscc', 'title', 'tier', 'granted_on', 'source'] as const;
export type DesignationImportColumn = (typeof DESIGNATION_IMPORT_COLUMNS)[number];
