/** Who does something, from where, in which language: every write takes one of these. */
import type { Locale } from '@keping/core';

export const ROLES = ['admin', 'staff', 'applicant', 'expert', 'chair', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: number | null;
  name: string;
  role: Role | 'system';
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

/** Calendar date in Asia/Shanghai, where the programs run. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
