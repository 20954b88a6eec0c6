/** Each application policy walked with the users who may and who may not. */
import { describe, expect, it } from 'vitest';
import type { Role } from '@keping/core';
import type { Actor } from '../../src/context.js';
import { canSeeApplication } from '../../src/policies/application.policy.js';

const OWN = '91310000MA1FL0000A';
const OTHER = '91310000MA1FL0000B';
const actor = (role: Role, organisationUscc: string | null = null): Actor => ({ id: 1, name: role, role, organisationUscc });
const applied = (uscc: string) => ({ uscc, origin: 'applied' });
const pooled = (uscc: string) => ({ uscc, origin: 'pool' });

describe('application policies', () => {
  it('canSeeApplication: office roles see every application and pool entry', () => {
    for (const role of ['admin', 'staff', 'auditor', 'expert', 'chair'] as const) {
      expect(canSeeApplication(actor(role), applied(OTHER)), role).toBe(true);
      expect(canSeeApplication(actor(role), pooled(OTHER)), role).toBe(true);
    }
  });

  it("canSeeApplication: an applicant sees its own organisation's applications only, never a pool entry", () => {
    expect(canSeeApplication(actor('applicant', OWN), applied(OWN))).toBe(true);
    expect(canSeeApplication(actor('applicant', OWN), applied(OTHER))).toBe(false);
    expect(canSeeApplication(actor('applicant', OWN), pooled(OWN))).toBe(false);
    expect(canSeeApplication(actor('applicant', null), applied(OWN))).toBe(false);
  });
});
