/**
 * Awards (奖项) and publication (公示): award types with quotas and their nominations; the list
 * announced for a period, objections (异议) filed by named people during it, their resolution, the
 * final list and its certificates. Schemas shared by server and web.
 */
import { z } from 'zod';
import { bilingualSchema, keySchema } from './schema.js';
import { idParam, idSchema, text } from '../api/input.js';

/** 五一劳动奖章, 工人先锋号, 五一劳动奖状, 优秀组织奖 in the 2019 competition. */
export const AWARD_KINDS = ['individual_medal', 'collective_title', 'unit_award', 'organising_award'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];

export const NOMINATION_STATUSES = ['pending', 'granted', 'declined'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const PUBLICATION_STATUSES = ['draft', 'published', 'final'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export const OBJECTION_STATUSES = ['open', 'investigating', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** Shortest reason for a decline, an override or a resolution. */
export const PUBLICATION_REASON_MIN = 4;

const dateSchema = text().regex(/^\d{4}-\d{2}-\d{2}$/);

export const awardTypeInputSchema = z.strictObject({
  key: keySchema,
  kind: z.enum(AWARD_KINDS),
  name: bilingualSchema,
  quota: z.number().int().min(0).max(1_000_000),
});
export type AwardTypeInput = z.output<typeof awardTypeInputSchema>;

/** Exactly one nominee: an application (its organisation), an organisation by USCC, or a person. */
export const nominationInputSchema = z.strictObject({
  applicationId: idSchema().optional(),
  uscc: text().trim().min(1).max(18).optional(),
  person: z.strictObject({ name: text().trim().min(1).max(100), organisation: text().trim().min(1).max(200) }).optional(),
  note: text().trim().max(2000).default(''),
});
export type NominationInput = z.output<typeof nominationInputSchema>;

export const nominationDecisionSchema = z.strictObject({
  outcome: z.enum(['granted', 'declined']),
  reason: text().trim().max(2000).default(''),
  /** Required to grant beyond the award's quota: why, recorded with the decision. */
  overrideNote: text().trim().max(2000).optional(),
});
export type NominationDecisionInput = z.output<typeof nominationDecisionSchema>;

/** The announcement period, Shanghai calendar days, both inclusive. */
export const publishInputSchema = z.strictObject({ startDate: dateSchema, endDate: dateSchema });
export type PublishInput = z.output<typeof publishInputSchema>;

/** An objection (异议) as the public files it; multipart fields arrive as text. */
export const objectionInputSchema = z.strictObject({
  entryId: idParam().optional(),
  name: text().trim().min(1).max(100),
  contact: text().trim().min(1).max(200),
  organisation: text().trim().max(200).optional(),
  grounds: text().trim().min(1).max(10_000),
});
export type ObjectionInput = z.output<typeof objectionInputSchema>;

export const objectionInvestigationSchema = z.strictObject({ note: text().trim().min(1).max(2000) });
export type ObjectionInvestigationInput = z.output<typeof objectionInvestigationSchema>;

export const objectionDecisionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('remove'), entryId: idSchema().optional() }),
  z.strictObject({ action: z.literal('change_outcome'), entryId: idSchema().optional(), outcome: bilingualSchema }),
]);
export type ObjectionDecision = z.output<typeof objectionDecisionSchema>;

export const objectionResolutionSchema = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  reason: text().trim().max(2000),
  /** An upheld objection changes the list: the entry (the objection's own unless named) removed or its outcome changed. */
  decision: objectionDecisionSchema.optional(),
});
export type ObjectionResolutionInput = z.output<typeof objectionResolutionSchema>;
