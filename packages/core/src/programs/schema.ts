/**
 * The generic program model (项目): one schema for every program the office runs — competitions,
 * designations, awards, indices. A program has a call (征集: window, who may apply, eligibility rule
 * set, form fields, attachments), ordered rounds, categories with quotas per round and outcomes.
 * The schemas are shared by the server (request validation) and the web app (forms).
 */
import { z } from 'zod';
import { DESIGNATION_TITLES } from '../designations/catalogue.js';
import { ORGANISATION_KINDS } from '../registry/taxonomy.js';
import { bilingualSchema, keySchema } from './keys.js';
import { PROGRAM_TYPES } from './program-types.js';
import { ROUND_KINDS } from './rounds/registry.js';
import { text } from '../api/input.js';

export { PROGRAM_TYPES, type ProgramType } from './program-types.js';

export const PROGRAM_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export { ROUND_KINDS, type RoundKind } from './rounds/registry.js';

export const ROUND_STATUSES = ['pending', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const FORM_FIELD_TYPES = ['text', 'longtext', 'number', 'date', 'select'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export { keySchema, bilingualSchema, type Bilingual } from './keys.js';

export const formFieldSchema = z.strictObject({
  key: keySchema,
  label: bilingualSchema,
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(100_000).optional(),
  /** The choices of a select field. */
  options: z.array(z.strictObject({ value: text().min(1).max(100), label: bilingualSchema })).max(200).optional(),
});
export type FormField = z.output<typeof formFieldSchema>;

export const attachmentSpecSchema = z.strictObject({
  key: keySchema,
  label: bilingualSchema,
  required: z.boolean().default(false),
  /** Lower-case extensions without the dot (pdf, docx); empty accepts any. */
  extensions: z.array(text().regex(/^[a-z0-9]{1,10}$/)).max(20).default([]),
  /** MIME types as the browser declares them; empty accepts any. */
  mimeTypes: z.array(text().min(3).max(100)).max(20).default([]),
  maxSizeMb: z.number().positive().max(1024),
});
export type AttachmentSpec = z.output<typeof attachmentSpecSchema>;

export const callSchema = z.strictObject({
  /** Shanghai wall-clock time (2026-10-01 09:00) or an instant with its offset. */
  opensAt: text().min(1).max(40),
  closesAt: text().min(1).max(40),
  /** Organisation kinds that may apply; empty lets every kind apply. */
  allowedKinds: z.array(z.enum(ORGANISATION_KINDS)).max(ORGANISATION_KINDS.length).default([]),
  /** A shipped eligibility rule set (talent-2024), or null for none. */
  ruleSetId: text().max(60).nullable().default(null),
  fields: z.array(formFieldSchema).max(100).default([]),
  attachments: z.array(attachmentSpecSchema).max(30).default([]),
});
export type CallInput = z.output<typeof callSchema>;

export const roundSchema = z.strictObject({
  key: keySchema,
  kind: z.enum(ROUND_KINDS),
  name: bilingualSchema,
  config: z.record(text(), z.unknown()).default({}),
});
export type RoundInput = z.output<typeof roundSchema>;

export const categorySchema = z.strictObject({
  key: keySchema,
  name: bilingualSchema,
  /** How many may leave each round (by round key) in this category. */
  quotas: z.record(text(), z.number().int().min(0).max(1_000_000)).default({}),
});
export type ProgramCategory = z.output<typeof categorySchema>;

export const outcomeSchema = z.strictObject({
  key: keySchema,
  name: bilingualSchema,
  quota: z.number().int().min(0).max(1_000_000).nullable().default(null),
  /** The designation the outcome grants its holders when the list is final (tier checked by checkProgram). */
  grants: z.strictObject({
    title: z.enum(DESIGNATION_TITLES),
    tier: text().max(20),
    validityYears: z.number().int().min(1).max(50).optional(),
  }).optional(),
});
export type ProgramOutcome = z.output<typeof outcomeSchema>;

export const programInputSchema = z.strictObject({
  type: z.enum(PROGRAM_TYPES),
  ownerOffice: text().trim().min(1).max(200),
  cycleYear: z.number().int().min(2000).max(2100),
  title: bilingualSchema,
  status: z.enum(PROGRAM_STATUSES).default('draft'),
  /** The list goes through an announcement period (公示) with objections before it is final; false: final when published (the TOP100). */
  announcement: z.boolean().default(true),
  call: callSchema,
  rounds: z.array(roundSchema).max(20).default([]),
  categories: z.array(categorySchema).max(100).default([]),
  outcomes: z.array(outcomeSchema).max(100).default([]),
});
export type ProgramInput = z.output<typeof programInputSchema>;

/** Form values as the applicant sends them: checked against the call's fields by `validateFormValues`. */
export const formValuesSchema = z.record(text().max(40), z.union([text().max(100_000), z.number(), z.null()]));
export type FormValues = z.output<typeof formValuesSchema>;

export const applicationInputSchema = z.strictObject({
  title: text().max(300),
  category: text().max(40).nullable().default(null),
  values: formValuesSchema.default({}),
});
export type ApplicationInput = z.output<typeof applicationInputSchema>;

