/**
 * The panel round as a kind: its record in the bundle (each category's panel, members, marks,
 * recusals and signed list) and each entry's decision: the panel's rank and mean score, whether the
 * chair's signed list holds it, and why (within the quota, a tie the chair resolved, no majority).
 */
import type { Difference, EntryDecision } from '../decision.js';
import { type BundleRoundBase, configErrors, type RoundKindModule } from '../round-kind.js';
import { type PanelConfig, panelConfigSchema, type PanelMark, type PanelMode, type PanelRecusal, rankPanel } from './panel.js';

export interface BundlePanel extends BundleRoundBase {
  kind: 'panel';
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

function rankingsOf(round: BundlePanel, { entries, applications }: Parameters<RoundKindModule<BundlePanel, PanelConfig>['decide']>[1]) {
  return round.panels.map((p) => {
    const own = entries.filter((id) => applications.get(id)?.category === p.category);
    const ranking = rankPanel({ mode: round.mode, entries: own, members: p.members, marks: p.marks, quota: p.quota, recused: p.recused });
    return { panel: p, ranking };
  });
}

export const panelRound: RoundKindModule<BundlePanel, PanelConfig> = {
  kind: 'panel',
  entries: 'applications',
  checkConfig(raw) {
    const parsed = panelConfigSchema.safeParse(raw ?? {});
    return parsed.success ? { config: parsed.data, errors: [] } : { config: undefined, errors: configErrors('ROUND_CONFIG_INVALID', parsed.error.issues) };
  },
  decide(round, context): EntryDecision[] {
    const out = new Map<number, EntryDecision>();
    for (const { panel, ranking } of rankingsOf(round, context)) {
      const signed = new Set(panel.selected ?? []);
      for (const line of ranking.lines) {
        const advanced = signed.has(line.applicationId);
        const approved = round.mode === 'vote' ? line.yes * 2 > line.marks && line.marks > 0 : line.total !== null;
        const reason: EntryDecision['reason'] = line.tied ? (advanced ? 'tie_chosen' : 'tie_not_chosen')
          : advanced ? (panel.quota === null ? 'no_quota' : 'within_quota')
            : round.mode === 'vote' && !approved ? 'not_approved'
              : line.total === null && round.mode === 'score' ? 'no_score' : 'below_cutoff';
        out.set(line.applicationId, {
          applicationId: line.applicationId, category: panel.category, score: line.total, rank: line.rank, advanced, reason, detail: null, note: null,
        });
      }
    }
    // An entry no panel heard (the round cannot close so, but a bundle may say it) stops here.
    return context.entries.map((id) => out.get(id) ?? {
      applicationId: id, category: context.applications.get(id)?.category ?? null, score: null, rank: null, advanced: false, reason: 'no_score', detail: null, note: null,
    });
  },
  /** Each signed list holds every clear selection and fills the quota only from the tie at its edge (the chair's choice). */
  recompute(round, context): Difference[] {
    const differences: Difference[] = [];
    for (const { panel: p, ranking } of rankingsOf(round, context)) {
      if (p.selected === null) continue;
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
    return differences;
  },
};
