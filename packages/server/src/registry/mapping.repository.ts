/** Queries on the industry mapping (GB/T 4754 class prefix → groups and talent fields). */
import type { IndustryMappingRule } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { decodeSet, encodeSet } from './organisation.repository.js';

/** The stored rules in order (none until the office first edits the mapping). */
export async function storedMapping(db: Kysely<Database>): Promise<IndustryMappingRule[]> {
  const rows = await db.selectFrom('industry_mapping').selectAll().orderBy('position').execute();
  return rows.map((r) => ({
    prefix: r.prefix, groups: decodeSet(r.groups), talentFields: decodeSet(r.talent_fields), ...(r.note ? { note: r.note } : {}),
  }));
}

export async function replaceMapping(db: Kysely<Database>, rules: readonly IndustryMappingRule[]): Promise<void> {
  await db.deleteFrom('industry_mapping').execute();
  if (rules.length === 0) return;
  await db.insertInto('industry_mapping').values(rules.map((r, i) => ({
    position: i, prefix: r.prefix, groups: encodeSet(r.groups), talent_fields: encodeSet(r.talentFields), note: r.note ?? null,
  }))).execute();
}
