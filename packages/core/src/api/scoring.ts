/** HTTP response shapes of the scoring round (评分): kept here so the server's return types and the web's reads are one declaration. */
import type { Bilingual, RoundStatus } from '../programs/schema.js';
import type { RubricCriterion, ScoringConfig } from '../programs/rounds/scoring/scoring.js';
import type { CalibrationMethod } from '../review/calibration.js';
import type { CategorySelection, SelectionFlag } from '../review/ranking.js';
import type { AggregateMethod } from '../review/scoring.js';

export type SheetStatus = 'none' | 'draft' | 'submitted';
/** A result line's flags: the selection's and the bootstrap's. */
export type ResultFlag = SelectionFlag | 'rank_uncertain';

/** An expert left out of an entry's review for a conflict of interest, with the causes explained. */
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
  /** Entries selected though not proposed, or proposed but left out. */
  departures: number[];
  overrideReason: string | null;
  acceptIncompleteReason: string | null;
  submittedCount: number;
  outstanding: number;
  scores: { applicationId: number; category: string | null; score: number | null; rank: number | null; flags: string[] }[];
  decidedAt: string;
  decidedBy: number | null;
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
  /** Entries whose every active assignment is submitted. */
  completeEntries: number;
}

/** How far a scoring round has got, per expert and per category. */
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
  /** Final score (calibrated when the round calibrates); null while unscored. */
  score: number | null;
  rawScore: number | null;
  rank: number | null;
  proposed: boolean;
  flags: ResultFlag[];
  interval: { expected: number; low: number; high: number; straddlesCutoff: boolean } | null;
  reviews: ResultReview[];
  missing: number;
}

/** One category's selection: who is admitted within the quota, the cutoff and its ties, explained. */
export interface CategoryResult {
  category: string;
  name: Bilingual | null;
  quota: number;
  admitted: number[];
  cutoffScore: number | null;
  /** Seats granted beyond the quota because a tie was admitted whole. */
  overQuota: number;
  tie: CategorySelection['tie'];
  message: string;
}

/** Each expert's calibration: how many reviews, their mean and spread, and the estimated bias when the round estimates it. */
export interface ExpertCalibrationView {
  expertId: number;
  reviews: number;
  mean: number;
  sd: number;
  bias?: number;
  note?: string;
}

/** A scoring round's results, recomputed on every read from the recorded sheets. */
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
  calibrationReport: ExpertCalibrationView[];
  bootstrap: { replicates: number; seed: string | number; level: number } | null;
}

/** One item on an expert's list (专家端). */
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

/** An expert's score sheet for one item. */
export interface Sheet {
  status: SheetStatus;
  scores: Record<string, number>;
  comments: Record<string, string>;
  comment: string;
  submittedAt: string | null;
}
