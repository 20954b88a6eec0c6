/**
 * The screening round (形式审查): the call's eligibility rules run first (automatic, explained), then
 * the office decides each application with a reason. Its config has no settings yet.
 */
import { z } from 'zod';
import { evaluateEligibility } from '../../../review/eligibility.js';
import { getRuleSet } from '../../../review/eligibility-sets.js';
import { shanghaiDay } from '../../time.js';
import type { Difference, EntryDecision } from '../decision.js';
import { type BundleRoundBase, configErrors, type RoundKindModule } from '../round-kind.js';
import { idSchema, text } from '../../../api/input.js';

/** Outcome of a screening decision: the application goes on to the next round, or stops here. */
export const SCREENING_OUTCOMES = ['advance', 'reject'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

/** The fixed list of reasons a screening decision gives; each is translated for the applicant. */
export const SCREENING_REASONS = ['rule_passed', 'rule_failed', 'unrelated_to_industry', 'incomplete', 'duplicate', 'other'] as const;
export type ScreeningReason = (typeof SCREENING_REASONS)[number];

export const screeningConfigSchema = z.strictObject({});
export type ScreeningConfig = z.output<typeof screeningConfigSchema>;

export const screeningDecisionSchema = z.strictObject({
  applicationId: idSchema(),
  outcome: z.enum(SCREENING_OUTCOMES),
  reasonCode: z.enum(SCREENING_REASONS),
  note: text().max(2000).default(''),
});
export type ScreeningDecisionInput = z.output<typeof screeningDecisionSchema>;

export interface BundleScreening extends BundleRoundBase {
  kind: 'screening';
  results: { applicationId: number; verdict: string; outcome: string | null; reasonCode: string | null; note: string | null; decidedAt: string | null }[];
}

export const screeningRound: RoundKindModule<BundleScreening, ScreeningConfig> = {
  kind: 'screening',
  entries: 'applications',
  checkConfig(raw) {
    const parsed = screeningConfigSchema.safeParse(raw ?? {});
    return parsed.success ? { config: parsed.data, errors: [] } : { config: undefined, errors: configErrors('ROUND_CONFIG_INVALID', parsed.error.issues) };
  },
  decide(round, { entries, applications }): EntryDecision[] {
    const results = new Map(round.results.map((r) => [r.applicationId, r]));
    return entries.map((id) => {
      const r = results.get(id);
      const advanced = r?.outcome === 'advance';
      return {
        applicationId: id, category: applications.get(id)?.category ?? null, score: null, rank: null, advanced,
        reason: advanced ? 'screening_advanced' : 'screening_rejected', detail: r?.reasonCode ?? null, note: r?.note || null,
      };
    });
  },
  /** Every entry has a result, and the rules give today the verdict they gave then. */
  recompute(round, { entries, applications, program, facts }): Difference[] {
    const differences: Difference[] = [];
    const ruleSet = program.ruleSetId ? getRuleSet(program.ruleSetId) : null;
    const asOf = shanghaiDay(program.closesAt);
    const stored = new Set(round.results.map((r) => r.applicationId));
    for (const id of entries) {
      if (!stored.has(id)) differences.push({ applicationId: id, what: 'screening.result', recorded: '—', recomputed: 'entry' });
    }
    for (const r of round.results) {
      const app = applications.get(r.applicationId);
      if (!app) {
        differences.push({ applicationId: r.applicationId, what: 'screening.application', recorded: 'result', recomputed: '—' });
        continue;
      }
      const verdict = ruleSet ? evaluateEligibility(ruleSet, { id: app.uscc, facts: facts[app.uscc] ?? {} }, asOf).verdict : 'unknown';
      if (verdict !== r.verdict) differences.push({ applicationId: r.applicationId, what: 'screening.verdict', recorded: r.verdict, recomputed: verdict });
    }
    return differences;
  },
};
