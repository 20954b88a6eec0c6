/**
 * A program's record bundle (`keping program export`): everything its rounds decided from — the
 * call, the applications, the registry facts the rules read, each round's stored results and
 * human decisions — and `recomputeProgram`, which runs the engines again on it and lists every
 * difference from what was stored. Pure: the bundle is data, the answer is data.
 */
import { evaluateEligibility, type FactValue } from '../review/eligibility.js';
import { getRuleSet } from '../review/eligibility-sets.js';
import { type PanelMark, type PanelMode, type PanelRecusal, rankPanel } from './rounds/panel/panel.js';
import { checkScoringConfig } from './rounds/scoring/scoring.js';
import { scoreRound } from './rounds/scoring/scoring-results.js';
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

export interface BundleScoring {
  kind: 'scoring';
  roundId: number;
  key: string;
  status: string;
  /** The round's stored config (rubric, assignment mode and seed, aggregation, calibration, bootstrap). */
  config: unknown;
  quotas: Record<string, number>;
  assignments: { id: number; applicationId: number; expertId: number; status: string }[];
  sheets: { assignmentId: number; status: string; scores: Record<string, number> }[];
  /** Expert–entry pairs the assignment run excluded as conflicts of interest. */
  excluded: { applicationId: number; expertId: number }[];
  decision: { selected: number[]; proposed: number[]; overrideReason: string | null } | null;
}

export interface BundlePanel {
  kind: 'panel';
  roundId: number;
  key: string;
  status: string;
  mode: PanelMode;
  panels: {
    id: number;
    category: string;
    quota: number | null;
    members: number[];
    marks: PanelMark[];
    /** Members standing down from entries (conflicts found at set-up or declared); absent in older bundles. */
    recused?: PanelRecusal[];
    /** The signed-off list: what the chair selected (ties resolved by the chair). */
    selected: number[] | null;
  }[];
}

/** A round this version of the bundle records but does not recompute (index rounds run in the TOP100 module). */
export interface BundleOtherRound {
  kind: 'index';
  roundId: number;
  key: string;
  status: string;
}

export type BundleRound = BundleScreening | BundleScoring | BundlePanel | BundleOtherRound;

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

const ids = (xs: readonly number[]) => [...xs].sort((a, b) => a - b).join(',');

function advancedOf(bundle: ProgramBundle, roundId: number): number[] {
  return bundle.advancements.filter((a) => a.roundId === roundId && a.advanced).map((a) => a.applicationId);
}

/**
 * A scoring round: every assignment among the round's entries and none on an excluded conflict;
 * the results recomputed from the submitted sheets give the proposal the decision recorded; a
 * decision departing from it carries its reason; the round advanced exactly what was decided.
 */
function checkScoring(bundle: ProgramBundle, round: BundleScoring, entries: readonly number[]): RoundCheck {
  const differences: Difference[] = [];
  const inRound = new Set(entries);
  const excluded = new Set(round.excluded.map((x) => `${x.applicationId}:${x.expertId}`));
  const active = round.assignments.filter((a) => a.status === 'active');
  for (const a of active) {
    if (!inRound.has(a.applicationId)) differences.push({ applicationId: a.applicationId, what: 'scoring.assignment.entry', recorded: `expert ${a.expertId}`, recomputed: 'not an entry' });
    if (excluded.has(`${a.applicationId}:${a.expertId}`)) differences.push({ applicationId: a.applicationId, what: 'scoring.assignment.conflict', recorded: `expert ${a.expertId}`, recomputed: 'conflict' });
  }
  const checked = checkScoringConfig(round.config);
  if (!checked.config) {
    differences.push({ applicationId: null, what: 'scoring.config', recorded: 'stored', recomputed: checked.errors.map((e) => e.field).join(', ') });
    return { key: round.key, kind: 'scoring', checked: 0, differences };
  }
  const byId = new Map(bundle.applications.map((a) => [a.id, a]));
  const submitted = new Map(round.sheets.filter((x) => x.status === 'submitted').map((x) => [x.assignmentId, x.scores]));
  const results = scoreRound({
    roundId: round.roundId, config: checked.config, quotas: round.quotas,
    entries: entries.map((id) => ({ id, category: byId.get(id)?.category ?? null })),
    assignments: active.map((a) => ({ id: a.id, applicationId: a.applicationId, expertId: a.expertId })), submitted,
  });
  const d = round.decision;
  if (d) {
    if (ids(d.proposed) !== ids(results.proposed)) differences.push({ applicationId: null, what: 'scoring.proposal', recorded: ids(d.proposed), recomputed: ids(results.proposed) });
    if (ids(d.selected) !== ids(results.proposed) && !d.overrideReason) {
      differences.push({ applicationId: null, what: 'scoring.selection.unexplained', recorded: ids(d.selected), recomputed: ids(results.proposed) });
    }
    if (round.status === 'closed' && ids(advancedOf(bundle, round.roundId)) !== ids(d.selected)) {
      differences.push({ applicationId: null, what: 'scoring.advanced', recorded: ids(advancedOf(bundle, round.roundId)), recomputed: ids(d.selected) });
    }
  }
  return { key: round.key, kind: 'scoring', checked: entries.length, differences };
}

/**
 * A panel round: each panel's ranking recomputed from its members' marks and quota; the signed
 * list must hold every clear selection and fill the quota only from the entries tied at its edge
 * (the chair's choice); the round advanced exactly the signed lists.
 */
function checkPanels(bundle: ProgramBundle, round: BundlePanel, entries: readonly number[]): RoundCheck {
  const differences: Difference[] = [];
  const signed: number[] = [];
  const byId = new Map(bundle.applications.map((a) => [a.id, a]));
  for (const p of round.panels) {
    const own = entries.filter((id) => byId.get(id)?.category === p.category);
    const ranking = rankPanel({ mode: round.mode, entries: own, members: p.members, marks: p.marks, quota: p.quota, recused: p.recused });
    if (p.selected === null) continue;
    signed.push(...p.selected);
    const clear = ranking.lines.filter((l) => l.selected && !l.tied).map((l) => l.applicationId);
    const tied = new Set(ranking.tie?.applicationIds ?? []);
    const chosen = new Set(p.selected);
    for (const id of clear) if (!chosen.has(id)) differences.push({ applicationId: id, what: 'panel.selected', recorded: 'false', recomputed: 'true' });
    for (const id of p.selected) {
      if (!clear.includes(id) && !tied.has(id)) differences.push({ applicationId: id, what: 'panel.selected', recorded: 'true', recomputed: 'false' });
    }
    const seats = clear.length + (ranking.tie?.places ?? 0);
    if (p.selected.length !== seats) differences.push({ applicationId: null, what: `panel.${p.category}.count`, recorded: String(p.selected.length), recomputed: String(seats) });
  }
  if (round.status === 'closed' && ids(advancedOf(bundle, round.roundId)) !== ids(signed)) {
    differences.push({ applicationId: null, what: 'panel.advanced', recorded: ids(advancedOf(bundle, round.roundId)), recomputed: ids(signed) });
  }
  return { key: round.key, kind: 'panel', checked: entries.length, differences };
}

/** Runs every round again on the bundle's data and compares with what was stored. */
export function recomputeProgram(bundle: ProgramBundle): RecomputeReport {
  const rounds: RoundCheck[] = [];
  let entries = bundle.applications.filter((a) => a.status === 'submitted').map((a) => a.id);
  for (const round of bundle.rounds) {
    if (round.kind === 'screening') rounds.push(checkScreening(bundle, round, entries));
    else if (round.kind === 'scoring') rounds.push(checkScoring(bundle, round, entries));
    else if (round.kind === 'panel') rounds.push(checkPanels(bundle, round, entries));
    else rounds.push({ key: round.key, kind: round.kind, checked: 0, differences: [], skipped: true });
    if (round.status !== 'closed') break;
    const advanced = new Set(bundle.advancements.filter((a) => a.roundId === round.roundId && a.advanced).map((a) => a.applicationId));
    entries = entries.filter((id) => advanced.has(id));
  }
  return { identical: rounds.every((r) => r.differences.length === 0), rounds };
}
