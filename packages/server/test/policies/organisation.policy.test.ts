/** Each organisation policy walked with the users who may and who may not. */
import { describe, expect, it } from 'vitest';
import type { Role } from '@keping/core';
import type { Actor } from '../../src/context.js';
import { canReachOrganisation } from '../../src/policies/organisation.policy.js';

const OWN = '91310000MA1FL0000A';
const OTHER = '91310000MA1FL0000B';
const actor = (role: Role, organisationUscc: string | null = null): Actor => ({ id: 1, name: role, role, organisationUscc });

describe('organisation policies', () => {
  it('canReachOrganisation: office roles reach every organisation, an applicant only its own', () => {
    for (const role of ['admin', 'staff', 'auditor', 'expert', 'chair'] as const) {
      expect(canReachOrganisation(actor(role), OTHER), role).toBe(true);
    }
    expect(canReachOrganisation(actor('applicant', OWN), OWN)).toBe(true);
    expect(canReachOrganisation(actor('applicant', OWN), OWN.toLowerCase())).toBe(true);
    expect(canReachOrganisation(actor('applicant', OWN), OTHER)).toBe(false);
    expect(canReachOrganisation(actor('applicant', null), OWN)).toBe(false);
  });
});
