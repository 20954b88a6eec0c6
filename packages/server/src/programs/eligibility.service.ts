/**
 * Eligibility of an application (资格预审): the call's rule set over the organisation's registry facts,
 * as of the call's closing day in Shanghai, so the preview an applicant sees before submitting is
 * the verdict screening will compute. Facts the registry lacks leave the verdict unknown, named.
 */
import {
  type EligibilityResult, evaluateEligibility, type Explained, type FactValue, getRuleSet, KepingError, type Locale,
  shanghaiDay, translate,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { designationFactsOf } from '../designations/designation.service.js';
import { decodeSet, findOrganisation } from '../registry/organisation.repository.js';
import { visibleApplicationRow } from './application-access.js';
import { findProgramRow, type ProgramRow } from './program.repository.js';

/**
 * The facts the registry holds about an organisation, under the names the rule sets use, with its
 * designation facts (designation.<title>, …) as of `asOf` from the designations' dated history.
 */
export async function registryFacts(db: Kysely<Database>, uscc: string, asOf: string): Promise<Record<string, FactValue>> {
  const org = await findOrganisation(db, uscc);
  if (!org) return {};
  return {
    field: decodeSet(org.talent_fields)[0] ?? null, established: org.established, kind: org.kind, district: org.district,
    listing: org.listing, ...await designationFactsOf(db, uscc, asOf),
  };
}

/** Evaluates the call's rule set for one organisation; null when the call has none. */
export async function evaluateFor(db: Kysely<Database>, program: ProgramRow, uscc: string): Promise<EligibilityResult | null> {
  if (program.rule_set_id === null) return null;
  const ruleSet = getRuleSet(program.rule_set_id);
  const asOf = shanghaiDay(program.closes_at);
  return evaluateEligibility(ruleSet, { id: uscc, facts: await registryFacts(db, uscc, asOf) }, asOf);
}

export function explain(result: EligibilityResult | null, locale: Locale): Explained {
  if (!result) return { ruleSet: null, asOf: null, verdict: null, missing: [], lines: [] };
  const set = getRuleSet(result.ruleSet.id);
  return {
    ruleSet: { ...result.ruleSet, label: set.label ? translate(locale, set.label) : set.id },
    asOf: result.asOf, verdict: result.verdict, missing: result.missing,
    lines: result.lines.map((l) => ({
      ...l, labelText: l.label ? translate(locale, l.label) : null, text: translate(locale, l.message.key, l.message.params),
    })),
  };
}

export async function previewEligibility(db: Kysely<Database>, ctx: RequestContext, applicationId: number): Promise<Explained> {
  const row = await visibleApplicationRow(db, ctx, applicationId);
  const program = await findProgramRow(db, row.program_id);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  return explain(await evaluateFor(db, program, row.uscc), ctx.locale);
}
