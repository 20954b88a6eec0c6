/**
 * A program's record bundle (`keping program export`): everything its rounds decided from — the
 * call, the applications, the registry facts the rules read, each round's stored results and
 * human decisions — and `recomputeProgram`, which runs the engines again on it and lists every
 * difference from what was stored. Pure: the bundle is data, the answer is data.
 */
import { evaluateEligibility, type FactValue } from '../review/eligibility.js';
import { getRuleSet } from '../review/eligibility-sets.js';
import { shanghaiDay } from './time.js';

export const BUNDLE_FORMAT = 'keping-program-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleApplication {
  id: number;
  uscc: string;
  category: string | null;
  title: string;
  status: string;
  submittedAt: string | null;
}

export interface BundleScreening {
  kind: 'screening';
  roundId: number;
  key: string;
  status: string;
  results: { applicationId: number; verdict: string; outcome: string | null; reasonCode: string | null; note: string | null; decidedAt: string | null }[];
}

/** A round this version of the bundle records but does not recompute yet (its kind has no recompute here). */
export interface BundleOtherRound {
  kind: 'scoring' | 'panel' | 'index';
  roundId: number;
  key: string;
  status: string;
  /** The round's stored inputs and results as their feature exports them (seeds, scores, decisions). */
  data: Record<string, unknown>;
}

export type BundleRound = BundleScreening | BundleOtherRound;

export interface ProgramBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  program: { id: number; title: { zh: string; en: string }; type: string; cycleYear: number; ruleSetId: string | null; closesAt: string };
  applications: BundleApplication[];
  /** Registry facts per organisation, as the rules read them. */
  facts: Record<string, Record<string, FactValue>>;
  rounds: BundleRound[];
  /** Who went on from each closed round. */
  advancements: { roundId: number; applicationId: number; advanced: boolean }[];
}

export interface Difference {
  applicationId: number | null;
  what: string;
  recorded: string;
  recomputed: string;
}

export interface RoundCheck {
  key: string;
  kind: string;
  /** Entries whose results were recomputed and compared. */
  checked: number;
  differences: Difference[];
  /** Set when the round's kind is not recomputed by this version. */
  skipped?: true;
}

export interface RecomputeReport {
  identical: boolean;
  rounds: RoundCheck[];
}

/** Whether `value` looks like a bundle of this version (the CLI reports anything else as unreadable). */
export function isProgramBundle(value: unknown): value is ProgramBundle {
  const v = value as Partial<ProgramBundle> | null;
  return typeof v === 'object' && v !== null && v.format === BUNDLE_FORMAT && v.version === BUNDLE_VERSION
    && Array.isArray(v.applications) && Array.isArray(v.rounds) && Array.isArray(v.advancements) && typeof v.facts === 'object';
}

function checkScreening(bundle: ProgramBundle, round: BundleScreening, entries: readonly number[]): RoundCheck {
  const differences: Difference[] = [];
  const byId = new Map(bundle.applications.map((a) => [a.id, a]));
  const ruleSet = bundle.program.ruleSetId ? getRuleSet(bundle.program.ruleSetId) : null;
  const asOf = shanghaiDay(bundle.program.closesAt);
  const stored = new Map(round.results.map((r) => [r.applicationId, r]));
  for (const id of entries) {
    if (!stored.has(id)) differences.push({ applicationId: id, what: 'screening.result', recorded: '—', recomputed: 'entry' });
  }
  for (const r of round.results) {
    const app = byId.get(r.applicationId);
    if (!app) {
      differences.push({ applicationId: r.applicationId, what: 'screening.application', recorded: 'result', recomputed: '—' });
      continue;
    }
    const verdict = ruleSet ? evaluateEligibility(ruleSet, { id: app.uscc, facts: bundle.facts[app.uscc] ?? {} }, asOf).verdict : 'unknown';
    if (verdict !== r.verdict) differences.push({ applicationId: r.applicationId, what: 'screening.verdict', recorded: r.verdict, recomputed: verdict });
  }
  if (round.status === 'closed') {
    const advanced = new Map(bundle.advancements.filter((a) => a.roundId === round.roundId).map((a) => [a.applicationId, a.advanced]));
    for (const r of round.results) {
      const expected = r.outcome === 'advance';
      const recorded = advanced.get(r.applicationId);
      if (recorded !== expected) {
        differences.push({ applicationId: r.applicationId, what: 'screening.advanced', recorded: String(recorded ?? '—'), recomputed: String(expected) });
      }
    }
  }
  return { key: round.key, kind: 'screening', checked: round.results.length, differences };
}

/** Runs every round again on the bundle's data and compares with what was stored. */
export function recomputeProgram(bundle: ProgramBundle): RecomputeReport {
  const rounds: RoundCheck[] = [];
  let entries = bundle.applications.filter((a) => a.status === 'submitted').map((a) => a.id);
  for (const round of bundle.rounds) {
    if (round.kind === 'screening') rounds.push(checkScreening(bundle, round, entries));
    else rounds.push({ key: round.key, kind: round.kind, checked: 0, differences: [], skipped: true });
    if (round.status !== 'closed') break;
    const advanced = new Set(bundle.advancements.filter((a) => a.roundId === round.roundId && a.advanced).map((a) => a.applicationId));
    entries = entries.filter((id) => advanced.has(id));
  }
  return { identical: rounds.every((r) => r.differences.length === 0), rounds };
}
