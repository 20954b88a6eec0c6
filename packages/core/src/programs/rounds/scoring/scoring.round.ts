/**
 * The scoring round as a kind: its record in the bundle, each entry's decision from the submitted
 * sheets and the office's selection, and the checks a recompute makes besides (assignments among
 * the entries and never on an excluded conflict; the proposal the office saw; overrides explained).
 */
import type { Difference, EntryDecision } from '../decision.js';
import type { BundleRoundBase, RoundContext, RoundKindModule } from '../round-kind.js';
import { checkScoringConfig, type ScoringConfig } from './scoring.js';
import { scoreRound } from './scoring-results.js';

export interface BundleScoring extends BundleRoundBase {
  kind: 'scoring';
  /** The round's stored config (rubric, assignment mode and seed, aggregation, calibration, bootstrap). */
  config: unknown;
  quotas: Record<string, number>;
  assignments: { id: number; applicationId: number; expertId: number; status: string }[];
  sheets: { assignmentId: number; status: string; scores: Record<string, number> }[];
  /** Expert–entry pairs the assignment run excluded as conflicts of interest. */
  excluded: { applicationId: number; expertId: number }[];
  decision: { selected: number[]; proposed: number[]; overrideReason: string | null } | null;
}

const ids = (xs: readonly number[]) => [...xs].sort((a, b) => a - b).join(',');

function results(round: BundleScoring, config: ScoringConfig, { entries, applications }: RoundContext) {
  const submitted = new Map(round.sheets.filter((x) => x.status === 'submitted').map((x) => [x.assignmentId, x.scores]));
  return scoreRound({
    roundId: round.roundId, config, quotas: round.quotas,
    entries: entries.map((id) => ({ id, category: applications.get(id)?.category ?? null })),
    assignments: round.assignments.filter((a) => a.status === 'active').map((a) => ({ id: a.id, applicationId: a.applicationId, expertId: a.expertId })),
    submitted,
  });
}

export const scoringRound: RoundKindModule<BundleScoring, ScoringConfig> = {
  kind: 'scoring',
  entries: 'applications',
  checkConfig: checkScoringConfig,
  decide(round, context): EntryDecision[] {
    const checked = checkScoringConfig(round.config);
    if (!checked.config) return [];
    const r = results(round, checked.config, context);
    const lines = new Map(r.selection.entries.map((l) => [Number(l.id), l]));
    const proposed = new Set(r.proposed);
    const chosen = new Set(round.decision?.selected ?? r.proposed);
    const note = round.decision?.overrideReason ?? null;
    return context.entries.map((id) => {
      const line = lines.get(id);
      const flags = line?.flags ?? [];
      const advanced = chosen.has(id);
      const reason: EntryDecision['reason'] = advanced !== proposed.has(id)
        ? (advanced ? 'override_added' : 'override_removed')
        : flags.includes('no_score') ? 'no_score'
          : flags.includes('no_quota') ? 'no_quota'
            : flags.includes('tie_at_cutoff') ? (advanced ? (checked.config.ties === 'admit_all' ? 'tie_admitted' : 'tie_chosen') : 'tie_not_chosen')
              : advanced ? 'within_quota' : 'below_cutoff';
      return {
        applicationId: id, category: context.applications.get(id)?.category ?? null,
        score: r.finalOf.get(String(id))?.final ?? null, rank: line?.rank ?? null, advanced, reason, detail: null,
        note: reason === 'override_added' || reason === 'override_removed' ? note : null,
      };
    });
  },
  recompute(round, context): Difference[] {
    const differences: Difference[] = [];
    const inRound = new Set(context.entries);
    const excluded = new Set(round.excluded.map((x) => `${x.applicationId}:${x.expertId}`));
    for (const a of round.assignments.filter((x) => x.status === 'active')) {
      if (!inRound.has(a.applicationId)) differences.push({ applicationId: a.applicationId, what: 'scoring.assignment.entry', recorded: `expert ${a.expertId}`, recomputed: 'not an entry' });
      if (excluded.has(`${a.applicationId}:${a.expertId}`)) differences.push({ applicationId: a.applicationId, what: 'scoring.assignment.conflict', recorded: `expert ${a.expertId}`, recomputed: 'conflict' });
    }
    const checked = checkScoringConfig(round.config);
    if (!checked.config) {
      differences.push({ applicationId: null, what: 'scoring.config', recorded: 'stored', recomputed: checked.errors.map((e) => e.field).join(', ') });
      return differences;
    }
    const d = round.decision;
    if (d) {
      const { proposed } = results(round, checked.config, context);
      if (ids(d.proposed) !== ids(proposed)) differences.push({ applicationId: null, what: 'scoring.proposal', recorded: ids(d.proposed), recomputed: ids(proposed) });
      if (ids(d.selected) !== ids(proposed) && !d.overrideReason) {
        differences.push({ applicationId: null, what: 'scoring.selection.unexplained', recorded: ids(d.selected), recomputed: ids(proposed) });
      }
    }
    return differences;
  },
};
