/** HTTP response shapes of the program engine (申报, 初筛): kept here so the server's return types and the web's reads are one declaration. */
import type {
  ApplicationStatus, Bilingual, CallInput, ProgramInput, RoundInput, RoundStatus,
} from '../programs/schema.js';
import type { ScreeningOutcome, ScreeningReason } from '../programs/rounds/screening/screening.js';
import type { EligibilityLine, FactValue, Verdict } from '../review/eligibility.js';
import type { FactSource, SelfDeclarableField } from '../programs/facts.js';

export interface ProgramRound extends Omit<RoundInput, 'config'> {
  id: number;
  position: number;
  config: Record<string, unknown>;
  status: RoundStatus;
  closedAt: string | null;
}

export interface ProgramCall extends CallInput {
  /** The window as Shanghai wall-clock times (2026-10-01 09:00), as entered and shown. */
  opensAtShanghai: string;
  closesAtShanghai: string;
  /** Published and inside its window at the time of the request. */
  isOpen: boolean;
}

export interface Program extends Omit<ProgramInput, 'call' | 'rounds'> {
  id: number;
  call: ProgramCall;
  rounds: ProgramRound[];
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
  /** The decision departs from the rules' verdict. */
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
  /** Decisions of closed screening rounds: only in the application reads (list and one), not after a write. */
  screening?: ApplicantScreening[];
}

export interface ExplainedLine extends EligibilityLine {
  /** The rule's name and its explanation in the reader's language. */
  labelText: string | null;
  text: string;
  /** The facts the rule reads and where each came from, named in the reader's language (absent on explanations without sources). */
  sources?: ExplainedFactSource[];
}

export interface ExplainedFactSource {
  fact: string;
  factText: string;
  source: FactSource;
  sourceText: string;
}

/** One fact as shown: its name and value in the reader's language and its source. */
export interface FactLine {
  fact: string;
  factText: string;
  value: FactValue;
  valueText: string;
  source: FactSource;
  sourceText: string;
}

/** The facts of an application: frozen at submission (or the last re-run) against the registry now. */
export interface ApplicationFacts {
  applicationId: number;
  uscc: string;
  /** null for an application never submitted, or submitted before snapshots were kept. */
  snapshot: { asOf: string; evaluatedAt: string; facts: FactLine[]; eligibility: Explained } | null;
  live: FactLine[];
  /** Facts whose value differs between the snapshot and the registry now. */
  changes: { fact: string; factText: string; before: FactLine | null; after: FactLine | null }[];
}

/** What a re-run of screening on live facts did. */
export interface RerunResult {
  changed: boolean;
  verdictBefore: Verdict | null;
  verdictAfter: Verdict | null;
  /** Screening results of open rounds updated (a changed verdict clears their decision). */
  rounds: number[];
}

/** A fact field the applicant changed, not yet confirmed by the office. */
export interface SelfDeclaredMark {
  field: SelfDeclarableField;
  fieldText: string;
  by: number | null;
  at: string;
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
  /** The rules have run on it in this round. */
  screened: boolean;
  eligibility: Explained;
  decision: ScreeningDecision | null;
  /** Facts (named in the reader's language) whose registry value differs from the one frozen at submission. */
  factsChanged?: string[];
}

/** A screening round's applications, each with its verdict and the office's decision. */
export interface ScreeningList {
  round: ProgramRound;
  items: ScreeningItem[];
  /** Submitted applications still without a decision. */
  undecided: number;
}

/** What one run of the screening rules did. */
export interface ScreeningRunSummary {
  screened: number;
  eligible: number;
  ineligible: number;
  unknown: number;
  /** Already decided: their verdict is kept as it was when decided. */
  kept: number;
}
