/**
 * The contract of a round kind in core (轮次类型): its config schema, how it decides its entries (score,
 * rank, advanced, reason) from its recorded inputs, and what else the record bundle's recompute checks.
 * A kind lives in its own folder (rounds/<kind>/) and is listed once in rounds/registry.ts.
 */
import type { FieldError } from '../../errors.js';
import type { FactValue } from '../../review/eligibility.js';
import type { Difference, EntryDecision } from './decision.js';

export type ConfigCheck<C> = { config: C; errors: [] } | { config: undefined; errors: FieldError[] };

/** What every kind's bundle record carries. */
export interface BundleRoundBase {
  kind: string;
  roundId: number;
  key: string;
  status: string;
}

/** What a kind may read of the program around one of its rounds. */
export interface RoundContext {
  /** The round's entries (application ids, ascending): the previous round's advanced, or every submitted entry. */
  entries: readonly number[];
  applications: ReadonlyMap<number, { uscc: string; category: string | null }>;
  program: { ruleSetId: string | null; closesAt: string };
  facts: Readonly<Record<string, Record<string, FactValue>>>;
}

export interface RoundKindModule<R extends BundleRoundBase, C> {
  kind: R['kind'];
  /** Where the first round of this kind finds its entries: applications submitted to the call, or a pool (no application). */
  entries: 'applications' | 'pool';
  /** A round's config checked against its schema and beyond; every error's field starts with `config.`. */
  checkConfig(raw: unknown): ConfigCheck<C>;
  /** Each entry's decision, derived from the round's recorded inputs (the same function at close and in recompute). */
  decide(round: R, context: RoundContext): EntryDecision[];
  /** Checks a recompute makes besides the decisions (assignments on conflicts, eligibility verdicts…). */
  recompute(round: R, context: RoundContext): Difference[];
}

/** A schema error list as field errors under `config.`, with the code a kind chooses. */
export function configErrors(code: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => {
    const field = ['config', ...i.path.map(String)].join('.');
    return { code, field, params: { detail: `${field}: ${i.message}` } };
  });
}
