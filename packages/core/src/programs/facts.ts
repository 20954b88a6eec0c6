/**
 * Facts frozen at submission (申报时的事实快照): the facts an eligibility verdict was evaluated on,
 * each with where it came from, so a later edit of the registry changes neither the verdict nor
 * its explanation, and the office sees what changed since.
 */
import { z } from 'zod';
import { text } from '../api/input.js';
import type { Operand, Rule, RuleSet } from '../review/eligibility-rules.js';
import type { EligibilityResult, FactValue } from '../review/eligibility.js';

/**
 * registry: imported, entered or confirmed by the office; self_declared: last edited by the applicant
 * and not yet confirmed; designation: read off the designations' dated history.
 */
export const FACT_SOURCES = ['registry', 'self_declared', 'designation'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export interface SourcedFact {
  value: FactValue;
  source: FactSource;
}
export type SourcedFacts = Record<string, SourcedFact>;

/** What an application stores at submission (and again at each re-run): the facts, the result, the day they are as of. */
export interface FactsSnapshot {
  asOf: string;
  evaluatedAt: string;
  facts: SourcedFacts;
  /** null when the call has no rule set. */
  result: EligibilityResult | null;
}

/**
 * Organisation fields an applicant may change that rules read (the `field` fact comes from the
 * industry class or the office's override of the talent fields).
 */
export const SELF_DECLARABLE_FIELDS = ['kind', 'district', 'established', 'listing', 'industryCode', 'talentFieldsOverride'] as const;
export type SelfDeclarableField = (typeof SELF_DECLARABLE_FIELDS)[number];

/** The registry facts rules read, with the organisation fields each is derived from. */
export const REGISTRY_FACT_FIELDS: Readonly<Record<string, readonly SelfDeclarableField[]>> = {
  field: ['industryCode', 'talentFieldsOverride'],
  established: ['established'],
  kind: ['kind'],
  district: ['district'],
  listing: ['listing'],
};

export const confirmFactsSchema = z.strictObject({
  fields: z.array(z.enum(SELF_DECLARABLE_FIELDS)).min(1).max(SELF_DECLARABLE_FIELDS.length),
});
export type ConfirmFactsInput = z.infer<typeof confirmFactsSchema>;

/** Shortest reason accepted for re-running screening on live facts. */
export const RERUN_REASON_MIN = 4;
export const rerunScreeningSchema = z.strictObject({
  reason: text().trim().min(RERUN_REASON_MIN).max(1000),
});
export type RerunScreeningInput = z.infer<typeof rerunScreeningSchema>;

export function factValues(facts: SourcedFacts): Record<string, FactValue> {
  return Object.fromEntries(Object.entries(facts).map(([k, f]) => [k, f.value]));
}

const same = (a: FactValue, b: FactValue): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface FactChange {
  fact: string;
  before: SourcedFact | null;
  after: SourcedFact | null;
}

/** Facts whose value differs between two snapshots, in name order (a source alone changing is not a difference). */
export function factChanges(before: SourcedFacts, after: SourcedFacts): FactChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((n) => !same(before[n]?.value, after[n]?.value))
    .map((n) => ({ fact: n, before: before[n] ?? null, after: after[n] ?? null }));
}

/** The facts one rule reads itself (not its children's), by the names the facts are stored under. */
export function factsOfRule(rule: Rule): string[] {
  const out = new Set<string>();
  const operand = (o: Operand): void => {
    if ('fact' in o) out.add(o.fact);
    else if ('ageOf' in o) out.add(o.ageOf);
    else if ('series' in o) out.add(o.series);
    else for (const x of o.ratio) operand(x);
  };
  if (rule.kind === 'compare' || rule.kind === 'range') operand(rule.value);
  else if (rule.kind === 'in') out.add(rule.fact);
  else if (rule.kind === 'positive_series' || rule.kind === 'growth') out.add(rule.series);
  return [...out];
}

/** Each rule of a set by id, with the facts it reads. */
export function factsByRule(set: RuleSet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (r: Rule): void => {
    out.set(r.id, factsOfRule(r));
    if (r.kind === 'all' || r.kind === 'any') r.rules.forEach(walk);
    else if (r.kind === 'not') walk(r.rule);
  };
  walk(set.rule);
  return out;
}
