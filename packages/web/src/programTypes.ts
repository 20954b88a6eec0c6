/** Shapes of the program engine's HTTP API (packages/server/src/programs), built on @keping/core's schemas. */
import type {
  ApplicationStatus, Bilingual, CallInput, EligibilityLine, ProgramInput, RoundInput, RoundStatus, ScreeningOutcome,
  ScreeningReason, Verdict,
} from '@keping/core';

export interface Round extends Omit<RoundInput, 'config'> {
  id: number;
  position: number;
  config: Record<string, unknown>;
  status: RoundStatus;
  closedAt: string | null;
}

export interface Call extends CallInput {
  /** The window as Shanghai wall-clock times (2026-10-01 09:00), as entered and shown. */
  opensAtShanghai: string;
  closesAtShanghai: string;
  /** Published and inside its window now. */
  isOpen: boolean;
}

export interface Program extends Omit<ProgramInput, 'call' | 'rounds'> {
  id: number;
  call: Call;
  rounds: Round[];
  copiedFrom: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationFile {
  id: number;
  key: string;
  sha256: string;
  size: number;
  originalName: string;
  mime: string;
  uploadedAt: string;
}

export interface ScreeningDecision {
  outcome: ScreeningOutcome;
  outcomeText: string;
  reasonCode: ScreeningReason;
  reasonText: string;
  note: string | null;
  override: boolean;
  decidedAt: string;
}

/** A closed screening round's decision, as the applicant reads it. */
export interface ApplicantScreening {
  roundId: number;
  roundName: Bilingual;
  decision: ScreeningDecision;
}

export interface Application {
  id: number;
  programId: number;
  uscc: string;
  organisationName: string | null;
  title: string;
  category: string | null;
  values: Record<string, string | number>;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  withdrawnAt: string | null;
  files: ApplicationFile[];
  screening?: ApplicantScreening[];
}

/** What the form sends: core's ApplicationInput before defaults. */
export interface ApplicationDraft {
  title: string;
  category: string | null;
  values: Record<string, string | number | null>;
}

export interface ExplainedLine extends EligibilityLine {
  labelText: string | null;
  text: string;
}

/** An eligibility verdict with every rule's line in the reader's language. */
export interface Explained {
  ruleSet: { id: string; version: number; label: string } | null;
  asOf: string | null;
  verdict: Verdict | null;
  missing: string[];
  lines: ExplainedLine[];
}

export interface ScreeningItem {
  applicationId: number;
  uscc: string;
  organisationName: string | null;
  title: string;
  category: string | null;
  applicationStatus: ApplicationStatus;
  screened: boolean;
  eligibility: Explained;
  decision: ScreeningDecision | null;
}

export interface ScreeningList {
  round: Round;
  items: ScreeningItem[];
  undecided: number;
}

export interface ScreeningRunSummary {
  screened: number;
  eligible: number;
  ineligible: number;
  unknown: number;
  kept: number;
}
