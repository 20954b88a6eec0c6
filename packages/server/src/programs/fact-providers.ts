/**
 * Where eligibility facts come from: each provider supplies some facts of one organisation on a day,
 * each with its source. A new kind of fact (yearly figures, …) is one more provider in FACT_PROVIDERS;
 * the snapshot, the explanation and the difference shown to the office take every provider's facts.
 */
import { REGISTRY_FACT_FIELDS, type SourcedFacts } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { designationFactsOf } from '../designations/designation.service.js';
import { decodeSet, findOrganisation, selfDeclaredOf } from '../registry/organisation.repository.js';

export interface FactProvider {
  /** The facts it knows of the organisation on `asOf`; an empty record when it knows none. */
  facts(db: Kysely<Database>, uscc: string, asOf: string): Promise<SourcedFacts>;
}

/** The registry's fields under the names rule sets use; a fact derived from a field the applicant changed is self-declared. */
export const registryProvider: FactProvider = {
  async facts(db, uscc) {
    const org = await findOrganisation(db, uscc);
    if (!org) return {};
    const marked = new Set((await selfDeclaredOf(db, uscc)).map((m) => m.field));
    const values = {
      field: decodeSet(org.talent_fields)[0] ?? null, established: org.established, kind: org.kind, district: org.district, listing: org.listing,
    };
    return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, {
      value, source: (REGISTRY_FACT_FIELDS[name] ?? []).some((f) => marked.has(f)) ? 'self_declared' : 'registry',
    }]));
  },
};

/** designation.<title>, … as of the day, from the designations' dated history. */
export const designationProvider: FactProvider = {
  async facts(db, uscc, asOf) {
    const facts = await designationFactsOf(db, uscc, asOf);
    return Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, { value, source: 'designation' }]));
  },
};

/** In order; a later provider's fact of the same name wins. The registry comes first: without the organisation there are no facts. */
export const FACT_PROVIDERS: readonly FactProvider[] = [registryProvider, designationProvider];
