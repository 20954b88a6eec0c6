/**
 * The stored columns of an organisation's validated fields: its memberships derived from its industry
 * class under the office's mapping, and the office's override winning over the derived set.
 */
import {
  classify, type IndustryGroup, type IndustryMappingRule, type OrganisationFields, type TalentField,
} from '@keping/core';
import type { OrganisationTable } from '../db/schema.js';
import { encodeSet } from './organisation.repository.js';

/** What a class gives under a mapping, with its sets already encoded as stored. */
interface Derived {
  groups: IndustryGroup[];
  talentFields: TalentField[];
  groupsText: string;
  talentFieldsText: string;
}

// Imports classify the same few hundred classes again and again: remember them per mapping.
const classified = new WeakMap<readonly IndustryMappingRule[], Map<string, Derived>>();
function classifyCached(code: string | null, mapping: readonly IndustryMappingRule[]): Derived {
  let cache = classified.get(mapping);
  if (!cache) classified.set(mapping, (cache = new Map()));
  const key = code ?? '';
  let result = cache.get(key);
  if (!result) {
    const { groups, talentFields } = classify(code, mapping);
    cache.set(key, (result = { groups, talentFields, groupsText: encodeSet(groups), talentFieldsText: encodeSet(talentFields) }));
  }
  return result;
}

/** The stored columns for validated fields: memberships derived from the class, an override wins over them. */
export function toRow(
  f: OrganisationFields,
  mapping: readonly IndustryMappingRule[],
): Omit<OrganisationTable, 'created_at' | 'updated_at' | 'is_demo' | 'import_id'> {
  const derived = classifyCached(f.industryCode, mapping);
  const groupsOverride = f.groupsOverride === null ? null : encodeSet(f.groupsOverride);
  const talentFieldsOverride = f.talentFieldsOverride === null ? null : encodeSet(f.talentFieldsOverride);
  return {
    uscc: f.uscc, name: f.name, kind: f.kind, district: f.district, industry_code: f.industryCode,
    established: f.established, listing: f.listing,
    groups: groupsOverride ?? derived.groupsText,
    talent_fields: talentFieldsOverride ?? derived.talentFieldsText,
    derived_groups: derived.groupsText, derived_talent_fields: derived.talentFieldsText,
    groups_override: groupsOverride,
    talent_fields_override: talentFieldsOverride,
    contacts: f.contacts.length === 0 ? '[]' : JSON.stringify(f.contacts),
  };
}

