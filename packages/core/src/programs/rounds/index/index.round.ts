/**
 * The index round (综合指数) as a kind: a composite index computed over the round's entries from
 * their indicator values (no applications needed: the entries come from a candidate pool), ranked,
 * the top N going on — every entry tied at the cutoff admitted. Its config is the indicator system
 * with its methods, the list size and the seed.
 */
import { z } from 'zod';
import type { Difference, EntryDecision } from '../decision.js';
import { type BundleRoundBase, configErrors, type RoundContext, type RoundKindModule } from '../round-kind.js';
import { computeIndexRound, scoresByKey } from './compute.js';
import { indexRoundSpecSchema } from './spec.js';
import { text } from '../../../api/input.js';

export const indexRoundConfigSchema = z.strictObject({
  topN: z.number().int().min(1).max(10_000).default(100),
  seed: text().trim().min(1).max(100).default('index'),
  spec: indexRoundSpecSchema.optional(),
});
export type IndexRoundConfig = z.output<typeof indexRoundConfigSchema>;

/** One entry of an index round as the bundle records it: its indicator values, exclusion, and the stored score and rank. */
export interface BundleIndexEntry {
  applicationId: number;
  values: Record<string, number | null> | null;
  excluded: boolean;
  exclusionReason: string | null;
  score: number | null;
  rank: number | null;
}

/** What the bundle records of an index round: its config and every entry. */
export interface BundleIndex extends BundleRoundBase {
  kind: 'index';
  config: unknown;
  entries: BundleIndexEntry[];
}

const SCORE_TOLERANCE = 1e-9;

/** The rank of the last admitted entry: the top N's last, so that every entry tied with it is admitted too. */
function cutoffOf(entries: readonly { excluded: boolean; rank: number | null }[], topN: number): { cutoff: number; admitted: number } {
  const ranks = entries.filter((e) => !e.excluded && e.rank !== null).map((e) => e.rank as number).sort((a, b) => a - b);
  const cutoff = ranks[Math.min(topN, ranks.length) - 1] ?? 0;
  return { cutoff, admitted: ranks.filter((r) => r <= cutoff).length };
}

/** Each entry's decision from its stored rank and score: within the top N, tied at the cutoff (all admitted), below it, excluded or not ranked. */
export function decideIndex(round: Pick<BundleIndex, 'config' | 'entries'>, context: Pick<RoundContext, 'entries' | 'applications'>): EntryDecision[] {
  const topN = indexRoundConfigSchema.safeParse(round.config ?? {}).data?.topN ?? 100;
  const byId = new Map(round.entries.map((e) => [e.applicationId, e]));
  const { cutoff, admitted } = cutoffOf(round.entries, topN);
  return context.entries.map((id) => {
    const e = byId.get(id);
    const ranked = !!e && !e.excluded && e.rank !== null;
    const advanced = ranked && (e.rank as number) <= cutoff;
    const reason: EntryDecision['reason'] = e?.excluded ? 'excluded' : !ranked ? 'no_score'
      : !advanced ? 'below_cutoff' : e.rank === cutoff && admitted > topN ? 'tie_admitted' : 'within_quota';
    return {
      applicationId: id, category: context.applications.get(id)?.category ?? null, score: ranked ? e.score : null, rank: ranked ? e.rank : null,
      advanced, reason, detail: null, note: e?.excluded ? e.exclusionReason : null,
    };
  });
}

/** The composite index run again from the bundle's indicator values, spec and seed: every entry whose stored score or rank differs. */
export function recomputeIndex(round: Pick<BundleIndex, 'config' | 'entries'>, context: Pick<RoundContext, 'applications'>): Difference[] {
  const config = indexRoundConfigSchema.safeParse(round.config ?? {});
  if (!config.success || !config.data.spec) return [{ applicationId: null, what: 'index.config', recorded: 'config', recomputed: '—' }];
  const keyOf = (id: number) => context.applications.get(id)?.uscc ?? `#${id}`;
  const kept = round.entries.filter((e) => !e.excluded);
  if (kept.every((e) => e.score === null && e.rank === null)) return [];
  const computed = computeIndexRound(config.data.spec, kept.map((e) => ({ key: keyOf(e.applicationId), values: e.values })));
  if (!computed.ok) return [{ applicationId: null, what: 'index.compute', recorded: 'computed', recomputed: computed.errors.map((x) => x.code).join(', ') }];
  const fresh = scoresByKey(computed.computation);
  const text = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
  const differences: Difference[] = [];
  for (const e of round.entries) {
    const r = e.excluded ? { score: null, rank: null } : (fresh.get(keyOf(e.applicationId)) ?? { score: null, rank: null });
    const scoreDiffers = (e.score === null) !== (r.score === null)
      || (e.score !== null && r.score !== null && Math.abs(e.score - r.score) > SCORE_TOLERANCE * Math.max(1, Math.abs(r.score)));
    if (scoreDiffers) differences.push({ applicationId: e.applicationId, what: 'index.score', recorded: text(e.score), recomputed: text(r.score) });
    if (e.rank !== r.rank) differences.push({ applicationId: e.applicationId, what: 'index.rank', recorded: text(e.rank), recomputed: text(r.rank) });
  }
  return differences;
}

export const indexRound: RoundKindModule<BundleIndex, IndexRoundConfig> = {
  kind: 'index',
  entries: 'pool',
  checkConfig(raw) {
    const parsed = indexRoundConfigSchema.safeParse(raw ?? {});
    return parsed.success ? { config: parsed.data, errors: [] } : { config: undefined, errors: configErrors('ROUND_CONFIG_INVALID', parsed.error.issues) };
  },
  decide: (round, context) => decideIndex(round, context),
  recompute: (round, context) => recomputeIndex(round, context),
};
