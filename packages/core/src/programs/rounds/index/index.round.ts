/**
 * The index round (综合指数) as a kind: a composite index computed over the round's entries from
 * their indicator values (no applications needed: the entries come from a candidate pool), ranked,
 * the top N going on. Its config is the indicator system with its methods, the list size and the seed.
 */
import { z } from 'zod';
import type { Difference, EntryDecision } from '../decision.js';
import { type BundleRoundBase, configErrors, type RoundKindModule } from '../round-kind.js';
import { indexRoundSpecSchema } from './spec.js';

export const indexRoundConfigSchema = z.strictObject({
  topN: z.number().int().min(1).max(10_000).default(100),
  seed: z.string().trim().min(1).max(100).default('index'),
  spec: indexRoundSpecSchema.optional(),
});
export type IndexRoundConfig = z.output<typeof indexRoundConfigSchema>;

/** What the bundle records of an index round: each entry's stored score and rank, and its exclusion. */
export interface BundleIndex extends BundleRoundBase {
  kind: 'index';
  config?: unknown;
  entries?: { applicationId: number; score: number | null; rank: number | null; excluded: boolean; exclusionReason: string | null }[];
}

export const indexRound: RoundKindModule<BundleIndex, IndexRoundConfig> = {
  kind: 'index',
  entries: 'pool',
  checkConfig(raw) {
    const parsed = indexRoundConfigSchema.safeParse(raw ?? {});
    return parsed.success ? { config: parsed.data, errors: [] } : { config: undefined, errors: configErrors('ROUND_CONFIG_INVALID', parsed.error.issues) };
  },
  decide(round, context): EntryDecision[] {
    const topN = indexRoundConfigSchema.safeParse(round.config ?? {}).data?.topN ?? 100;
    const byId = new Map((round.entries ?? []).map((e) => [e.applicationId, e]));
    const ranked = (round.entries ?? []).filter((e) => !e.excluded && e.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    const cutoff = ranked[Math.min(topN, ranked.length) - 1]?.rank ?? 0;
    return context.entries.map((id) => {
      const e = byId.get(id);
      const advanced = !!e && !e.excluded && e.rank !== null && e.rank <= cutoff;
      const reason: EntryDecision['reason'] = !e || e.rank === null ? (e?.excluded ? 'excluded' : 'no_score')
        : e.excluded ? 'excluded' : advanced ? (ranked.filter((x) => x.rank === e.rank).length > 1 && e.rank === cutoff ? 'tie_admitted' : 'within_quota') : 'below_cutoff';
      return {
        applicationId: id, category: context.applications.get(id)?.category ?? null, score: e?.score ?? null, rank: e?.rank ?? null,
        advanced, reason, detail: null, note: e?.exclusionReason ?? null,
      };
    });
  },
  recompute(): Difference[] {
    return [];
  },
};
