/**
 * Designation facts for eligibility rules (资格规则), as of a day, under the names rule sets use:
 *   designation.<title>                     the tier held, or "none" (the registry knows every holder,
 *                                           so not holding is a fact, not a missing value)
 *   designation.<title>.revoked             "yes" when any of the title's designations was revoked on or before the day, else "no"
 *   designation.<title>.revokedWithinYears  whole years since the last revocation, or null when never revoked
 */
import type { FactValue } from '../review/eligibility.js';
import { DESIGNATION_TITLES, type DesignationTitle } from './catalogue.js';
import { designationStateOn, type EventStep, yearsBetween } from './state.js';

export const DESIGNATION_NONE = 'none';

export interface DesignationHistory {
  title: string;
  validityYears: number | null;
  events: readonly EventStep[];
}

export function designationFactNames(title: DesignationTitle): { tier: string; revoked: string; revokedWithinYears: string } {
  const base = `designation.${title}`;
  return { tier: base, revoked: `${base}.revoked`, revokedWithinYears: `${base}.revokedWithinYears` };
}

/** The facts of every catalogue title for one organisation's designations on `asOf`. */
export function designationFacts(histories: readonly DesignationHistory[], asOf: string): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {};
  for (const title of DESIGNATION_TITLES) {
    const names = designationFactNames(title);
    let tier: string | null = null;
    let lastRevoked: string | null = null;
    for (const h of histories.filter((x) => x.title === title)) {
      const state = designationStateOn(h.events, asOf, h.validityYears);
      if (state.holds) tier = state.tier;
      for (const e of h.events) {
        if (e.kind === 'revoked' && e.day <= asOf && (lastRevoked === null || e.day > lastRevoked)) lastRevoked = e.day;
      }
    }
    facts[names.tier] = tier ?? DESIGNATION_NONE;
    facts[names.revoked] = lastRevoked === null ? 'no' : 'yes';
    facts[names.revokedWithinYears] = lastRevoked === null ? null : yearsBetween(lastRevoked, asOf);
  }
  return facts;
}
