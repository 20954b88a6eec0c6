/**
 * Shapes of the scoring round's, the expert portal's and the panel round's HTTP API
 * (packages/server/src/scoring, packages/server/src/panels), built on @keping/core's schemas.
 */
import type {
  AssignmentRunSummary, AssignmentStatus, Bilingual, FormFieldType, HonourLevel, PanelCriterion, PanelLine, PanelMark,
  PanelMode, PanelRanking, ProgramCategory, RoundStatus, RubricCriterion, ScoringConfig, SelectionDecision, Sheet, SheetStatus,
} from '@keping/core';
import type { Round } from './programTypes';

/** The server's assignment, progress and results shapes, declared once in @keping/core. */
export type {
  AssignmentRunSummary, CategoryProgress, CategoryResult, ExcludedConflict, ExpertCalibrationView, ExpertItemSummary,
  ExpertProgress, ResultEntry, ResultFlag, ResultReview, RoundResults, ScoringProgress, SelectionDecision, Sheet, SheetStatus,
} from '@keping/core';

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

export interface ScoringOverview {
  round: Round;
  config: ScoringConfig;
  quotas: Record<string, number>;
  categories: ProgramCategory[];
  run: AssignmentRunSummary | null;
  decision: SelectionDecision | null;
  assignments: AssignmentView[];
}

/** The expert portal. */
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
