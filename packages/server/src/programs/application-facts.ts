/**
 * What the office sees of an application's facts: those frozen at submission (or at the last re-run)
 * against the registry now, fact by fact, with each one's source.
 */
import {
  type ApplicationFacts, type FactChange, factChanges, type FactsSnapshot, KepingError, type Locale, type SourcedFacts,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { visibleApplicationRow } from './application-access.js';
import { explainSnapshot, factsDay, registryFacts } from './eligibility.service.js';
import { factLine, factText } from './fact-labels.js';
import { findProgramRow } from './program.repository.js';

export const parseSnapshot = (text: string | null): FactsSnapshot | null => (text === null ? null : (JSON.parse(text) as FactsSnapshot));

/** The facts that differ between a snapshot and the registry now, read as of the same day. */
export async function changesSince(db: Kysely<Database>, uscc: string, snapshot: FactsSnapshot): Promise<FactChange[]> {
  return factChanges(snapshot.facts, await registryFacts(db, uscc, snapshot.asOf));
}

// In the providers' order: the registry's facts first, then the designations'.
const lines = (facts: SourcedFacts, locale: Locale) => Object.entries(facts).map(([k, f]) => factLine(locale, k, f));

export async function applicationFacts(db: Kysely<Database>, ctx: RequestContext, id: number): Promise<ApplicationFacts> {
  const row = await visibleApplicationRow(db, ctx, id);
  const program = await findProgramRow(db, row.program_id);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  const snapshot = parseSnapshot(row.facts_snapshot);
  const live = await registryFacts(db, row.uscc, snapshot?.asOf ?? factsDay(program));
  const { locale } = ctx;
  return {
    applicationId: row.id, uscc: row.uscc,
    snapshot: snapshot && {
      asOf: snapshot.asOf, evaluatedAt: snapshot.evaluatedAt, facts: lines(snapshot.facts, locale), eligibility: explainSnapshot(snapshot, locale),
    },
    live: lines(live, locale),
    changes: snapshot ? factChanges(snapshot.facts, live).map((c) => ({
      fact: c.fact, factText: factText(locale, c.fact),
      before: c.before && factLine(locale, c.fact, c.before), after: c.after && factLine(locale, c.fact, c.after),
    })) : [],
  };
}
