/**
 * Eligibility of an application (资格预审): the call's rule set over the organisation's facts, as of
 * the call's closing day in Shanghai, so the preview an applicant sees before submitting is the
 * verdict screening will compute. Facts the registry lacks leave the verdict unknown, named. At
 * submission the facts and the verdict are frozen on the application (FactsSnapshot).
 */
import {
  type EligibilityResult, evaluateEligibility, type Explained, type FactSource, factsByRule, type FactsSnapshot, factValues,
  getRuleSet, KepingError, type Locale, shanghaiDay, type SourcedFacts, translate,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { visibleApplicationRow } from './application-access.js';
import { factText, sourceText } from './fact-labels.js';
import { FACT_PROVIDERS, registryProvider } from './fact-providers.js';
import { findProgramRow, type ProgramRow } from './program.repository.js';

/** Every fact the providers hold about an organisation on `asOf`, each with its source; {} for an unregistered code. */
export async function registryFacts(db: Kysely<Database>, uscc: string, asOf: string): Promise<SourcedFacts> {
  const out: SourcedFacts = {};
  for (const provider of FACT_PROVIDERS) {
    const facts = await provider.facts(db, uscc, asOf);
    // Without the organisation in the registry there is nothing to evaluate (designations alone would read as facts).
    if (provider === registryProvider && Object.keys(facts).length === 0) return {};
    Object.assign(out, facts);
  }
  return out;
}

/** The day a program's facts are read as of: its call's closing day in Shanghai. */
export const factsDay = (program: ProgramRow): string => shanghaiDay(program.closes_at);

/** Evaluates the call's rule set over the organisation's live facts; the result is null when the call has none. */
export async function evaluateSnapshot(db: Kysely<Database>, program: ProgramRow, uscc: string, at: string): Promise<FactsSnapshot> {
  const asOf = factsDay(program);
  const facts = await registryFacts(db, uscc, asOf);
  const result = program.rule_set_id === null ? null : evaluateEligibility(getRuleSet(program.rule_set_id), { id: uscc, facts: factValues(facts) }, asOf);
  return { asOf, evaluatedAt: at, facts, result };
}

const sourcesOf = (facts: SourcedFacts): Record<string, FactSource> =>
  Object.fromEntries(Object.entries(facts).map(([k, f]) => [k, f.source]));

/** A result in the reader's language; with `sources`, each rule's line names the facts it read and where they came from. */
export function explain(result: EligibilityResult | null, locale: Locale, sources?: Record<string, FactSource>): Explained {
  if (!result) return { ruleSet: null, asOf: null, verdict: null, missing: [], lines: [] };
  const set = getRuleSet(result.ruleSet.id);
  const read = sources ? factsByRule(set) : new Map<string, string[]>();
  return {
    ruleSet: { ...result.ruleSet, label: set.label ? translate(locale, set.label) : set.id },
    asOf: result.asOf, verdict: result.verdict, missing: result.missing,
    lines: result.lines.map((l) => {
      const facts = (read.get(l.rule) ?? []).filter((f) => sources?.[f] !== undefined);
      return {
        ...l, labelText: l.label ? translate(locale, l.label) : null, text: translate(locale, l.message.key, l.message.params),
        ...(sources ? {
          sources: facts.map((fact) => {
            const source = sources[fact] as FactSource;
            return { fact, factText: factText(locale, fact), source, sourceText: sourceText(locale, source) };
          }),
        } : {}),
      };
    }),
  };
}

/** A stored snapshot explained, each line naming its facts' sources. */
export const explainSnapshot = (s: FactsSnapshot, locale: Locale): Explained => explain(s.result, locale, sourcesOf(s.facts));

export async function previewEligibility(db: Kysely<Database>, ctx: RequestContext, applicationId: number): Promise<Explained> {
  const row = await visibleApplicationRow(db, ctx, applicationId);
  const program = await findProgramRow(db, row.program_id);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  // A submitted application shows what its verdict was recorded on; a draft the registry now.
  if (row.facts_snapshot !== null) return explainSnapshot(JSON.parse(row.facts_snapshot) as FactsSnapshot, ctx.locale);
  return explainSnapshot(await evaluateSnapshot(db, program, row.uscc, ctx.now().toISOString()), ctx.locale);
}
