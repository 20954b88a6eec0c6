/**
 * A program's record bundle (`keping program export`): everything its rounds decided from — the
 * call, the entries, the registry facts the rules read, each round's recorded inputs and human
 * decisions, and what each round decided per entry (score, rank, advanced, reason) — and
 * `recomputeProgram`, which asks each round's kind to decide again and lists every difference from
 * what was stored. Pure: the bundle is data, the answer is data.
 */
import type { FactValue } from '../review/eligibility.js';
import { compareDecisions, type Difference, type EntryDecision } from './rounds/decision.js';
import { ROUND_KIND_MODULES } from './rounds/registry.js';
import type { BundleRoundBase, RoundContext, RoundKindModule } from './rounds/round-kind.js';

export const BUNDLE_FORMAT = 'keping-program-bundle';
/** 2: each round's decisions (score, rank, reason) replace version 1's advanced flags. */
export const BUNDLE_VERSION = 2;

export interface BundleApplication {
  id: number;
  uscc: string;
  category: string | null;
  title: string;
  status: string;
  submittedAt: string | null;
}

/** Each kind's record in the bundle, read off the registry: a new kind needs no line here. */
type RecordOf<M> = M extends RoundKindModule<infer R, infer _C> ? R : never;
export type BundleRound = { [K in keyof typeof ROUND_KIND_MODULES]: RecordOf<(typeof ROUND_KIND_MODULES)[K]> }[keyof typeof ROUND_KIND_MODULES];

/** One line of the published list as the bundle records it: the rank and score it shows. */
export interface BundlePublishedEntry {
  applicationId: number | null;
  category: string | null;
  rank: number | null;
  score: number | null;
  status: string;
}

export interface ProgramBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  program: { id: number; title: { zh: string; en: string }; type: string; cycleYear: number; ruleSetId: string | null; closesAt: string };
  applications: BundleApplication[];
  /** Registry facts per organisation, as the rules read them. */
  facts: Record<string, Record<string, FactValue>>;
  rounds: BundleRound[];
  /** What each closed round decided for each of its entries. */
  decisions: (EntryDecision & { roundId: number })[];
  /** The published list's entries with their rank and score, when the program has a publication. */
  published: BundlePublishedEntry[];
}

export type { Difference };

export interface RoundCheck {
  key: string;
  kind: string;
  /** Entries whose results were recomputed and compared. */
  checked: number;
  differences: Difference[];
}

export interface RecomputeReport {
  identical: boolean;
  rounds: RoundCheck[];
  /** The published list against the last round's decisions. */
  publication: Difference[];
}

/** Whether `value` looks like a bundle of this version (the CLI reports anything else as unreadable). */
export function isProgramBundle(value: unknown): value is ProgramBundle {
  const v = value as Partial<ProgramBundle> | null;
  return typeof v === 'object' && v !== null && v.format === BUNDLE_FORMAT && v.version === BUNDLE_VERSION
    && Array.isArray(v.applications) && Array.isArray(v.rounds) && Array.isArray(v.decisions) && Array.isArray(v.published) && typeof v.facts === 'object';
}

function moduleOf(kind: string): RoundKindModule<BundleRoundBase, unknown> | undefined {
  return Object.hasOwn(ROUND_KIND_MODULES, kind) ? (ROUND_KIND_MODULES[kind as keyof typeof ROUND_KIND_MODULES] as unknown as RoundKindModule<BundleRoundBase, unknown>) : undefined;
}

/** The published list shows, for each listed entry of the last round, the rank and score that round decided. */
function checkPublication(bundle: ProgramBundle, lastRoundId: number | undefined): Difference[] {
  const decided = new Map(bundle.decisions.filter((d) => d.roundId === lastRoundId).map((d) => [d.applicationId, d]));
  const differences: Difference[] = [];
  for (const e of bundle.published) {
    if (e.applicationId === null) continue;
    const d = decided.get(e.applicationId);
    if (!d) continue;
    if (e.rank !== d.rank) differences.push({ applicationId: e.applicationId, what: 'publication.rank', recorded: String(e.rank ?? '—'), recomputed: String(d.rank ?? '—') });
    if (e.score !== d.score) differences.push({ applicationId: e.applicationId, what: 'publication.score', recorded: String(e.score ?? '—'), recomputed: String(d.score ?? '—') });
  }
  return differences;
}

/** Runs every round's kind again on the bundle's data and compares with what was stored. */
export function recomputeProgram(bundle: ProgramBundle): RecomputeReport {
  const rounds: RoundCheck[] = [];
  const applications = new Map(bundle.applications.map((a) => [a.id, { uscc: a.uscc, category: a.category }]));
  let entries = bundle.applications.filter((a) => a.status === 'submitted').map((a) => a.id);
  let lastClosed: number | undefined;
  for (const round of bundle.rounds) {
    const module = moduleOf(round.kind);
    const context: RoundContext = { entries, applications, program: bundle.program, facts: bundle.facts };
    if (!module) {
      rounds.push({ key: round.key, kind: round.kind, checked: 0, differences: [{ applicationId: null, what: 'round.kind', recorded: round.kind, recomputed: 'unknown' }] });
      break;
    }
    const differences = module.recompute(round, context);
    if (round.status === 'closed') {
      const recorded = bundle.decisions.filter((d) => d.roundId === round.roundId);
      differences.push(...compareDecisions(round.kind, recorded, module.decide(round, context)));
    }
    rounds.push({ key: round.key, kind: round.kind, checked: entries.length, differences });
    if (round.status !== 'closed') break;
    lastClosed = round.roundId;
    const advanced = new Set(bundle.decisions.filter((d) => d.roundId === round.roundId && d.advanced).map((d) => d.applicationId));
    entries = entries.filter((id) => advanced.has(id));
  }
  const publication = lastClosed === undefined || lastClosed !== bundle.rounds.at(-1)?.roundId ? [] : checkPublication(bundle, lastClosed);
  return { identical: rounds.every((r) => r.differences.length === 0) && publication.length === 0, rounds, publication };
}
