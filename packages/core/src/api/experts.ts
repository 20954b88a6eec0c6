/** HTTP response shapes of the expert pool (专家库): kept here so the server's return types and the web's reads are one declaration. */
import type { ExpertFields } from '../experts/expert.js';
import type { IndustryGroup, TalentField } from '../registry/taxonomy.js';
import type { ConflictReason } from '../review/conflicts.js';

export interface Expert extends ExpertFields {
  id: number;
  /** The 3+6 groups and talent fields among the tags. */
  groups: IndustryGroup[];
  talentFields: TalentField[];
  active: boolean;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the office asks the conflict check (回避) about. */
export interface ConflictRequest {
  subjects: { uscc: string; people?: string[] | undefined }[];
  /** Only these experts (e.g. a round's panel); all active experts when absent. */
  expertIds?: number[] | undefined;
  /** YYYY-MM-DD; today in Shanghai when absent. */
  asOf?: string | undefined;
  /** Former employment ending this many years or less before asOf counts (the engine's default 3). */
  formerEmployerYears?: number | undefined;
}

export interface ConflictCauseView {
  reason: ConflictReason;
  /** The organisation code, organisation name or person through which the conflict arises. */
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
