/**
 * Shapes of the scoring round's, the expert portal's and the panel round's HTTP API
 * (packages/server/src/scoring, packages/server/src/panels), built on @keping/core's schemas.
 */
import type {
  AggregateMethod, AssignmentStatus, Bilingual, CalibrationMethod, FormFieldType, HonourLevel, PanelCriterion, PanelLine,
  PanelMark, PanelMode, PanelRanking, ProgramCategory, RoundStatus, RubricCriterion, ScoringConfig, SelectionFlag,
} from '@keping/core';
import type { Round } from './programTypes';

export type SheetStatus = 'none' | 'draft' | 'submitted';
/** A result line's flags: the selection's and the bootstrap's. */
export type ResultFlag = SelectionFlag | 'rank_uncertain';

export interface AssignmentView {
  id: number;
  applicationId: number;
  title: string;
  uscc: string;
  organisationName: string;
  category: string | null;
  expertId: number;
  expertName: string;
  status: AssignmentStatus;
  statusText: string;
  reserveRank: number | null;
  source: 'engine' | 'manual' | 'reserve';
  sheetStatus: SheetStatus;
  explanation: string[];
}

export interface ExcludedConflict {
  expertId: number;
  expertName: string;
  applicationId: number;
  uscc: string;
  organisationName: string;
  causes: string[];
}

export interface AssignmentRunSummary {
  mode: string;
  seed: string | null;
  entries: number;
  experts: number;
  assignments: number;
  reserves: number;
  conflicts: ExcludedConflict[];
  loads: { expertId: number; load: number }[];
  excluded: Record<string, number>;
  ranAt: string;
}

export interface SelectionDecision {
  selected: number[];
  proposed: number[];
  overQuota: { category: string; count: number; quota: number }[];
  departures: number[];
  overrideReason: string | null;
  acceptIncompleteReason: string | null;
  submittedCount: number;
  outstanding: number;
  decidedAt: string;
  decidedBy: number | null;
}

export interface ScoringOverview {
  round: Round;
  config: ScoringConfig;
  quotas: Record<string, number>;
  categories: ProgramCategory[];
  run: AssignmentRunSummary | null;
  decision: SelectionDecision | null;
  assignments: AssignmentView[];
}

export interface ExpertProgress {
  expertId: number;
  name: string;
  userId: number | null;
  assigned: number;
  draft: number;
  submitted: number;
  pending: number;
  recused: number;
}

export interface CategoryProgress {
  category: string | null;
  entries: number;
  assigned: number;
  draft: number;
  submitted: number;
  completeEntries: number;
}

export interface ScoringProgress {
  roundId: number;
  status: RoundStatus;
  experts: ExpertProgress[];
  categories: CategoryProgress[];
  totals: { assigned: number; submitted: number; draft: number };
}

export interface ResultReview {
  assignmentId: number;
  expertId: number;
  expertName: string;
  status: SheetStatus;
  scores: Record<string, number>;
  comments: Record<string, string>;
  comment: string;
  weighted: number | null;
  calibrated: number | null;
}

export interface ResultEntry {
  applicationId: number;
  title: string;
  uscc: string;
  organisationName: string;
  category: string | null;
  score: number | null;
  rawScore: number | null;
  rank: number | null;
  proposed: boolean;
  flags: ResultFlag[];
  interval: { expected: number; low: number; high: number; straddlesCutoff: boolean } | null;
  reviews: ResultReview[];
  missing: number;
}

export interface CategoryResult {
  category: string;
  name: Bilingual | null;
  quota: number | null;
  admitted: number[];
  cutoffScore: number | null;
  overQuota: boolean;
  tie: boolean;
  message: string;
}

export interface RoundResults {
  roundId: number;
  status: RoundStatus;
  method: AggregateMethod;
  calibration: CalibrationMethod;
  ties: ScoringConfig['ties'];
  criteria: RubricCriterion[];
  quotas: Record<string, number>;
  complete: boolean;
  outstanding: number;
  submittedCount: number;
  categories: CategoryResult[];
  proposed: number[];
  entries: ResultEntry[];
  bootstrap: { replicates: number; seed: string; level: number } | null;
}

/** The expert portal. */
export interface ExpertItemSummary {
  assignmentId: number;
  roundId: number;
  roundName: Bilingual;
  roundStatus: RoundStatus;
  entryId: number;
  title: string;
  category: string | null;
  sheetStatus: SheetStatus;
}

export interface Sheet {
  status: SheetStatus;
  scores: Record<string, number>;
  comments: Record<string, string>;
  comment: string;
  submittedAt: string | null;
}

export interface ExpertItem {
  assignmentId: number;
  round: { id: number; name: Bilingual; status: RoundStatus; blind: boolean };
  rubric: RubricCriterion[];
  entry: {
    id: number;
    title: string;
    category: string | null;
    categoryName: Bilingual | null;
    fields: { key: string; label: Bilingual; type: FormFieldType; value: string | number | null }[];
    attachments: { no: number; label: string; attachment: Bilingual | null; size: number; sha256: string; mime: string }[];
    /** Only in an open (not blind) round. */
    applicant?: { organisationName: string; uscc: string };
  };
  sheet: Sheet;
}

export interface PeerScores {
  entryId: number;
  sheets: { reviewer: string; mine: boolean; scores: Record<string, number>; comments: Record<string, string>; comment: string }[];
}

export interface AppNotification {
  id: number;
  kind: string;
  params: Record<string, string | number>;
  text: string;
  createdAt: string;
  readAt: string | null;
}

/** The panel round. */
export interface PanelPerson {
  id: number;
  name: string;
  professionalTitle: string | null;
}

export interface PanelEntry {
  applicationId: number;
  title: string;
  uscc: string;
  organisationName: string;
  slot: { startsAt: string; startsAtShanghai: string; room: string } | null;
  honour: { level: HonourLevel; note: string | null } | null;
}

export type PanelMarkView = PanelMark & { criteria: Record<string, number> | null; markedAt: string };

export type PanelRankingView =
  | (PanelRanking & { signed: false })
  | { lines: Omit<PanelLine, 'marks'>[]; signed: true };

export interface PanelView {
  id: number;
  roundId: number;
  category: string;
  status: 'open' | 'signed_off';
  mode: PanelMode;
  criteria: PanelCriterion[];
  quota: number | null;
  chair: PanelPerson;
  members: PanelPerson[];
  signedOffAt: string | null;
  signOffNote: string | null;
  entries: PanelEntry[];
  marks: PanelMarkView[];
  /** Who stands down from which entry (回避); a member sees only their own. */
  recusals: PanelRecusalView[];
  /** The office and the chair see it; a member does not (null). */
  ranking: PanelRankingView | null;
}

export interface PanelRecusalView {
  applicationId: number;
  expertId: number;
  expertName: string;
  /** Found from the expert pool when the panel was set up, or declared by the member. */
  source: 'conflict' | 'declared';
  reason: string;
  createdAt: string;
}

export interface PanelRoundList {
  roundId: number;
  status: RoundStatus;
  items: PanelView[];
}

export interface MyPanel {
  id: number;
  roundId: number;
  roundName: Bilingual;
  category: string;
  status: PanelView['status'];
  isChair: boolean;
}
