/**
 * What a designation's history means on a given day, and which next step it allows. Pure: the
 * server replays the stored events through these functions, in the order they were recorded.
 */
import type { FieldError, Params } from '../errors.js';
import { parseDay, wholeYears } from '../review/eligibility.js';
import { type DesignationTitle, isTierOf, titleSpec } from './catalogue.js';
import type { DesignationEventKind, DesignationStatus } from './events.js';

/** The part of an event the state depends on. */
export interface EventStep {
  kind: DesignationEventKind;
  day: string;
  tier?: string | null;
  grade?: string | null;
}

export interface DesignationState {
  /** Held on the day: granted, not suspended, not ended, within validity. */
  holds: boolean;
  /** The tier as of the day (kept after the designation ends, so history reads); null before the grant. */
  tier: string | null;
  status: DesignationStatus | 'none';
  /** The last grant or renewal on or before the day. */
  grantedOn: string | null;
  /** First day no longer valid (grant + validity), or null when indefinite or never granted. */
  validUntil: string | null;
  /** The day it ended (an explicit event, or validity running out), if on or before the day. */
  endedOn: string | null;
}

/** The same day `years` later; 29 February moves to 1 March in common years (as anniversaries do). */
export function addYears(day: string, years: number): string {
  const d = parseDay(day);
  if (!d) throw new Error(`not a day: ${day}`);
  const y = d.y + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const [m, dd] = d.m === 2 && d.d === 29 && !leap ? [3, 1] : [d.m, d.d];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/**
 * The state on `day` (YYYY-MM-DD, a Shanghai calendar day) after the events recorded on or before
 * it, taken in recorded order. `validityYears` (null: indefinite) makes a grant lapse on its anniversary.
 */
export function designationStateOn(events: readonly EventStep[], day: string, validityYears: number | null = null): DesignationState {
  const s: DesignationState = { holds: false, tier: null, status: 'none', grantedOn: null, validUntil: null, endedOn: null };
  for (const e of events) {
    if (e.day > day) break;
    if (s.status === 'revoked' || s.status === 'expired') break;
    // A grant lapses before the next step if its validity ran out first.
    if (s.validUntil !== null && e.day >= s.validUntil) break;
    // Nothing happens to a designation before it is granted (validation refuses such steps anyway).
    if (s.status === 'none' && e.kind !== 'granted') continue;
    switch (e.kind) {
      case 'granted':
        s.status = 'active';
        s.tier = e.tier ?? s.tier;
        s.grantedOn = e.day;
        s.validUntil = validityYears === null ? null : addYears(e.day, validityYears);
        break;
      case 'tier_changed':
        s.tier = e.tier ?? s.tier;
        break;
      case 'suspended':
        s.status = 'suspended';
        break;
      case 'reinstated':
        if (s.status === 'suspended') s.status = 'active';
        break;
      case 'revoked':
      case 'expired':
        s.status = e.kind;
        s.endedOn = e.day;
        break;
      case 'evaluated':
        break;
    }
  }
  if ((s.status === 'active' || s.status === 'suspended') && s.validUntil !== null && day >= s.validUntil) {
    s.status = 'expired';
    s.endedOn = s.validUntil;
  }
  s.holds = s.status === 'active';
  return s;
}

/** Which kinds may follow a state. */
const ALLOWED: Record<DesignationState['status'], readonly DesignationEventKind[]> = {
  none: ['granted'],
  active: ['granted', 'evaluated', 'tier_changed', 'suspended', 'revoked', 'expired'],
  suspended: ['evaluated', 'reinstated', 'revoked', 'expired'],
  revoked: [],
  expired: [],
};

/**
 * The problems with recording `next` after `events` (empty when none): days in order and not after
 * `today`, a step the state allows, a tier of the title that differs from the one held.
 */
export function nextEventProblems(
  title: DesignationTitle, events: readonly EventStep[], next: EventStep, today: string, validityYears: number | null,
): FieldError[] {
  const problems: FieldError[] = [];
  const fail = (code: string, field: string, params: Params = {}) => problems.push({ code, field, params });
  if (!parseDay(next.day)) return [{ code: 'DATE_FORMAT', field: 'day', params: { value: next.day } }];
  if (next.day > today) fail('DATE_IN_FUTURE', 'day', { value: next.day, today });
  const last = events.at(-1);
  if (last && next.day < last.day) fail('DESIGNATION_EVENT_ORDER', 'day', { value: next.day, last: last.day });
  const state = designationStateOn(events, next.day, validityYears);
  // Recording the expiry that validity already implies, on its day, is allowed: it documents it.
  const recordsLapse = next.kind === 'expired' && state.status === 'expired' && state.endedOn === next.day && last?.kind !== 'expired';
  if (!recordsLapse && !ALLOWED[state.status].includes(next.kind)) {
    fail(state.status === 'revoked' || state.status === 'expired' ? 'DESIGNATION_ENDED' : 'DESIGNATION_EVENT_NOT_ALLOWED', 'kind', {
      kind: next.kind, status: state.status, ...(state.endedOn ? { day: state.endedOn } : {}),
    });
  }
  if (next.kind === 'granted' || next.kind === 'tier_changed') {
    if (!next.tier || !isTierOf(title, next.tier)) {
      fail('DESIGNATION_TIER_UNKNOWN', 'tier', { value: next.tier ?? '', title, tiers: titleSpec(title).tiers.map((t) => t.key).join(', ') });
    } else if (next.kind === 'tier_changed' && next.tier === state.tier) {
      fail('DESIGNATION_TIER_SAME', 'tier', { value: next.tier });
    }
  }
  if (next.kind === 'evaluated' && !titleSpec(title).evaluation) fail('DESIGNATION_NOT_EVALUATED', 'kind', { title });
  return problems;
}

/** Whole years from `from` to `to` (anniversaries count), both YYYY-MM-DD. */
export function yearsBetween(from: string, to: string): number {
  const [a, b] = [parseDay(from), parseDay(to)];
  if (!a || !b) throw new Error(`not a day: ${from} / ${to}`);
  return wholeYears(a, b);
}

/**
 * The day the next periodic evaluation (定期评价) is due, counted from the last evaluation, grant or
 * tier change on or before `on`; null when the title or the tier held is not evaluated, or not held.
 */
export function evaluationDueOn(title: DesignationTitle, events: readonly EventStep[], on: string, validityYears: number | null = null): string | null {
  const evaluation = titleSpec(title).evaluation;
  if (!evaluation) return null;
  const state = designationStateOn(events, on, validityYears);
  if ((state.status !== 'active' && state.status !== 'suspended') || state.tier === null || !evaluation.tiers.includes(state.tier)) return null;
  const last = events.filter((e) => e.day <= on && (e.kind === 'evaluated' || e.kind === 'granted' || e.kind === 'tier_changed')).at(-1);
  return last ? addYears(last.day, evaluation.intervalYears) : null;
}
