/** The editable mapping from GB/T 4754 classes to the 3+6 groups and the talent fields. */
import {
  DEFAULT_INDUSTRY_MAPPING, type FieldError, INDUSTRY_GROUPS, type IndustryMappingRule, KepingError, TALENT_FIELDS,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { storedMapping, replaceMapping } from './mapping.repository.js';
import { toRow } from './organisation-fields.js';
import { organisationsAfter, toOrganisation, updateOrganisationRow } from './organisation.repository.js';

/** The office's mapping; the shipped default until someone edits it. */
export async function loadMapping(db: Kysely<Database>): Promise<IndustryMappingRule[]> {
  const rules = await storedMapping(db);
  return rules.length === 0 ? DEFAULT_INDUSTRY_MAPPING.map((r) => ({ ...r })) : rules;
}

function validateRules(rules: IndustryMappingRule[]): void {
  const errors: FieldError[] = [];
  rules.forEach((r, i) => {
    if (!/^\d{2,4}$/.test(r.prefix)) errors.push({ code: 'INDUSTRY_CODE_FORMAT', field: `rules.${i}.prefix`, params: { value: r.prefix } });
    for (const g of r.groups) {
      if (!(INDUSTRY_GROUPS as readonly string[]).includes(g)) errors.push({ code: 'VALUE_UNKNOWN', field: `rules.${i}.groups`, params: { value: g } });
    }
    for (const t of r.talentFields) {
      if (!(TALENT_FIELDS as readonly string[]).includes(t)) errors.push({ code: 'VALUE_UNKNOWN', field: `rules.${i}.talentFields`, params: { value: t } });
    }
  });
  if (errors.length) throw KepingError.fromFieldErrors(errors);
}

/** Replaces the mapping and re-derives every organisation's memberships in the same transaction. */
export async function saveMapping(store: Store, ctx: RequestContext, rules: IndustryMappingRule[]): Promise<IndustryMappingRule[]> {
  validateRules(rules);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const before = await loadMapping(trx);
    await replaceMapping(trx, rules);
    let after = '';
    for (;;) {
      const rows = await organisationsAfter(trx, after, 1000);
      if (rows.length === 0) break;
      for (const row of rows) {
        const o = toOrganisation(row);
        const next = toRow({ ...o, contacts: o.contacts }, rules);
        if (next.groups !== row.groups || next.talent_fields !== row.talent_fields || next.derived_groups !== row.derived_groups
          || next.derived_talent_fields !== row.derived_talent_fields) {
          await updateOrganisationRow(trx, row.uscc, {
            groups: next.groups, talent_fields: next.talent_fields, derived_groups: next.derived_groups,
            derived_talent_fields: next.derived_talent_fields,
          });
        }
      }
      after = rows[rows.length - 1]?.uscc ?? after;
    }
    await audit({ action: 'mapping.update', subjectType: 'industry_mapping', subjectId: 'default', before, after: rules });
    return rules;
  });
}
