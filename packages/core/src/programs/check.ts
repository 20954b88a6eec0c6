/**
 * Checks a program beyond its schema: readable call window in the right order, a known rule set,
 * keys unique in each list, select fields with options, quotas only for rounds that exist, and each
 * round's config against its kind's (so a bad config is refused when the program is saved).
 * Returns every problem as an error value naming its path (call.closesAt, rounds.1.key).
 */
import { isTierOf, titleSpec } from '../designations/catalogue.js';
import type { FieldError } from '../errors.js';
import { RULE_SETS } from '../review/eligibility-sets.js';
import type { ProgramInput } from './schema.js';
import { ROUND_KIND_MODULES } from './rounds/registry.js';
import { parseShanghaiDateTime } from './time.js';

export interface CheckedProgram {
  errors: FieldError[];
  /** The call window as ISO instants, when both are readable. */
  opensAt: string | undefined;
  closesAt: string | undefined;
}

function duplicates(list: readonly { key: string }[], path: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  list.forEach((item, i) => {
    if (seen.has(item.key)) errors.push({ code: 'KEY_DUPLICATE', field: `${path}.${i}.key`, params: { key: item.key } });
    seen.add(item.key);
  });
  return errors;
}

export function checkProgram(input: ProgramInput): CheckedProgram {
  const errors: FieldError[] = [];
  const { call } = input;
  const opensAt = parseShanghaiDateTime(call.opensAt);
  const closesAt = parseShanghaiDateTime(call.closesAt);
  if (!opensAt) errors.push({ code: 'DATETIME_FORMAT', field: 'call.opensAt', params: { value: call.opensAt } });
  if (!closesAt) errors.push({ code: 'DATETIME_FORMAT', field: 'call.closesAt', params: { value: call.closesAt } });
  if (opensAt && closesAt && closesAt <= opensAt) {
    errors.push({ code: 'CALL_CLOSES_BEFORE_OPENS', field: 'call.closesAt', params: { opensAt: call.opensAt, closesAt: call.closesAt } });
  }
  if (call.ruleSetId !== null && !Object.hasOwn(RULE_SETS, call.ruleSetId)) {
    errors.push({ code: 'RULE_SET_UNKNOWN', field: 'call.ruleSetId', params: { id: call.ruleSetId, known: Object.keys(RULE_SETS).join(', ') } });
  }
  errors.push(
    ...duplicates(call.fields, 'call.fields'), ...duplicates(call.attachments, 'call.attachments'),
    ...duplicates(input.rounds, 'rounds'), ...duplicates(input.categories, 'categories'), ...duplicates(input.outcomes, 'outcomes'),
  );
  call.fields.forEach((f, i) => {
    if (f.type !== 'select') return;
    const options = f.options ?? [];
    if (options.length === 0) errors.push({ code: 'OPTIONS_REQUIRED', field: `call.fields.${i}.options`, params: { key: f.key } });
    errors.push(...duplicates(options.map((o) => ({ key: o.value })), `call.fields.${i}.options`));
  });
  input.rounds.forEach((r, i) => {
    for (const e of ROUND_KIND_MODULES[r.kind].checkConfig(r.config).errors) {
      errors.push({ ...e, field: `rounds.${i}.${e.field ?? 'config'}`, params: { ...e.params, round: r.key } });
    }
  });
  const roundKeys = new Set(input.rounds.map((r) => r.key));
  input.categories.forEach((c, i) => {
    for (const key of Object.keys(c.quotas)) {
      if (!roundKeys.has(key)) errors.push({ code: 'ROUND_UNKNOWN', field: `categories.${i}.quotas.${key}`, params: { key } });
    }
  });
  input.outcomes.forEach((o, i) => {
    if (o.grants && !isTierOf(o.grants.title, o.grants.tier)) {
      errors.push({
        code: 'DESIGNATION_TIER_UNKNOWN', field: `outcomes.${i}.grants.tier`,
        params: { value: o.grants.tier, title: o.grants.title, tiers: titleSpec(o.grants.title).tiers.map((t) => t.key).join(', ') },
      });
    }
  });
  return { errors, opensAt, closesAt };
}
