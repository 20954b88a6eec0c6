/** The editable mapping from GB/T 4754 classes to the 3+6 groups and the talent fields. */
import {
  DEFAULT_INDUSTRY_MAPPING, type FieldError, INDUSTRY_GROUPS, type IndustryMappingRule, KepingError, TALENT_FIELDS,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { decodeSet, encodeSet, toOrganisation, toRow } from './organisation.repository.js';

/** The office's mapping; the shipped default until someone edits it. */
export async function loadMapping(db: Kysely<Database>): Promise<IndustryMappingRule[]> {
  const rows = await db.selectFrom('industry_mapping').selectAll().orderBy('position').execute();
  if (rows.length === 0) return DEFAULT_INDUSTRY_MAPPING.map((r) => ({ ...r }));
  return rows.map((r) => ({
    prefix: r.prefix, groups: decodeSet(r.groups), talentFields: decodeSet(r.talent_fields), ...(r.note ? { note: r.note } : {}),
  }));
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
  return store.db.transaction().execute(async (trx) => {
    const before = await loadMapping(trx);
    await trx.deleteFrom('industry_mapping').execute();
    if (rules.length) {
      await trx.insertInto('industry_mapping').values(rules.map((r, i) => ({
        position: i, prefix: r.prefix, groups: encodeSet(r.groups), talent_fields: encodeSet(r.talentFields), note: r.note ?? null,
      }))).execute();
    }
    let after = '';
    for (;;) {
      const rows = await trx.selectFrom('organisations').selectAll().where('uscc', '>', after).orderBy('uscc').limit(1000).execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const o = toOrganisation(row);
        const next = toRow({ ...o, contacts: o.contacts }, rules);
        if (next.groups !== row.groups || next.talent_fields !== row.talent_fields || next.derived_groups !== row.derived_groups
          || next.derived_talent_fields !== row.derived_talent_fields) {
          await trx.updateTable('organisations').set({
            groups: next.groups, talent_fields: next.talent_fields, derived_groups: next.derived_groups,
            derived_talent_fields: next.derived_talent_fields,
          }).where('uscc', '=', row.uscc).execute();
        }
      }
      after = rows[rows.length - 1]?.uscc ?? after;
    }
    await appendAudit(trx, store.dialect, ctx, { action: 'mapping.update', subjectType: 'industry_mapping', subjectId: 'default', before, after: rules });
    return rules;
  });
}
