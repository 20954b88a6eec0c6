/** Shapes of the expert pool's HTTP API (packages/server/src/experts), built on @keping/core's expert model. */
import type { ConflictReason, ExpertFields, IndustryGroup, TalentField } from '@keping/core';
import type { ImportProblem } from './types';

export interface Expert extends ExpertFields {
  id: number;
  groups: IndustryGroup[];
  talentFields: TalentField[];
  active: boolean;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExpertQuery {
  q?: string;
  tag?: string;
  available?: 'true' | 'false';
  status?: 'active' | 'inactive' | 'all';
  page?: number;
  pageSize?: number;
}

/** Columns of the import file, in the template's order. */
export const EXPERT_COLUMNS = ['name', 'title', 'employer_uscc', 'employer', 'tags', 'shareholdings', 'phone', 'email'] as const;
export type ExpertColumn = (typeof EXPERT_COLUMNS)[number];

export interface ExpertImportReport {
  rows: number;
  valid: number;
  errors: ImportProblem[];
  truncated: boolean;
  dryRun: boolean;
  imported: boolean;
  created: number;
  updated: number;
  preview: { row: number; values: Partial<Record<ExpertColumn, unknown>> }[];
}

export interface ConflictCauseView {
  reason: ConflictReason;
  via: string;
  until?: string;
  declaredReason?: string;
  message: string;
}

export interface ExpertConflictView {
  expertId: number;
  expertName: string;
  uscc: string;
  organisationName: string;
  causes: ConflictCauseView[];
}

export interface ConflictResponse {
  asOf: string;
  formerEmployerSince: string;
  expertsChecked: number;
  subjects: { uscc: string; name: string; people: string[] }[];
  conflicts: ExpertConflictView[];
  counts: Record<ConflictReason, number>;
}

export interface ConflictRequest {
  subjects: { uscc: string; people?: string[] }[];
  asOf?: string;
  formerEmployerYears?: number;
}
