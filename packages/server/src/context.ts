/** Who does something, from where, in which language: every write takes one of these. */
import type { AccountRole, Locale } from '@keping/core';

export interface Actor {
  id: number | null;
  name: string;
  role: AccountRole | 'system';
  organisationUscc: string | null;
}

export interface RequestContext {
  actor: Actor;
  ip: string | null;
  locale: Locale;
  /** The clock is injected so tests can move time (lockouts, sessions). */
  now: () => Date;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system', organisationUscc: null };

export function systemContext(locale: Locale = 'zh-CN', now: () => Date = () => new Date()): RequestContext {
  return { actor: SYSTEM_ACTOR, ip: null, locale, now };
}
