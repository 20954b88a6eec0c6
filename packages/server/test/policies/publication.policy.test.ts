/** Each publication policy walked with the lists the public may and may not reach. */
import { describe, expect, it } from 'vitest';
import type { Role } from '@keping/core';
import type { Actor } from '../../src/context.js';
import { canReadPublicly, takesObjections } from '../../src/policies/publication.policy.js';

const anonymous: Actor = { id: null, name: 'anonymous', role: 'system', organisationUscc: null };
const actor = (role: Role): Actor => ({ id: 1, name: role, role, organisationUscc: null });
const STARTS = '2026-03-01T16:00:00.000Z';
const ENDS = '2026-03-08T16:00:00.000Z';
const before = new Date('2026-03-01T12:00:00Z');
const during = new Date('2026-03-05T00:00:00Z');
const after = new Date('2026-03-09T00:00:00Z');
const list = (status: string, starts_at: string | null = STARTS, ends_at: string | null = ENDS) => ({ status, starts_at, ends_at });

describe('publication policies', () => {
  it('canReadPublicly: a published or final list from its first day on, for anyone', () => {
    for (const who of [anonymous, actor('applicant'), actor('staff')]) {
      expect(canReadPublicly(who, list('published'), during), who.name).toBe(true);
      expect(canReadPublicly(who, list('published'), after), who.name).toBe(true);
      expect(canReadPublicly(who, list('final'), after), who.name).toBe(true);
    }
  });

  it('canReadPublicly: a draft, a list not yet started or without a period does not exist for the public', () => {
    expect(canReadPublicly(anonymous, list('draft', null, null), during)).toBe(false);
    expect(canReadPublicly(anonymous, list('draft'), during)).toBe(false);
    expect(canReadPublicly(anonymous, list('published'), before)).toBe(false);
    expect(canReadPublicly(anonymous, list('published', null, null), during)).toBe(false);
  });

  it('takesObjections: only a published list, within its period', () => {
    expect(takesObjections(list('published'), during)).toBe(true);
    expect(takesObjections(list('published'), before)).toBe(false);
    expect(takesObjections(list('published'), after)).toBe(false);
    expect(takesObjections(list('published'), new Date(ENDS))).toBe(false);
    expect(takesObjections(list('published'), new Date(STARTS))).toBe(true);
    expect(takesObjections(list('final'), during)).toBe(false);
    expect(takesObjections(list('draft'), during)).toBe(false);
  });
});
