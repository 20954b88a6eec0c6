/** Each program policy walked with the users who may and who may not. */
import { describe, expect, it } from 'vitest';
import type { Role } from '@keping/core';
import type { Actor } from '../../src/context.js';
import { canReadCall } from '../../src/policies/program.policy.js';

const actor = (role: Role): Actor => ({ id: 1, name: role, role, organisationUscc: role === 'applicant' ? '91310000MA1FL0000A' : null });

describe('program policies', () => {
  it('canReadCall: the office reads every call, an applicant only published ones', () => {
    for (const status of ['draft', 'published', 'archived']) {
      expect(canReadCall(actor('admin'), { status }), status).toBe(true);
      expect(canReadCall(actor('staff'), { status }), status).toBe(true);
    }
    expect(canReadCall(actor('applicant'), { status: 'published' })).toBe(true);
    expect(canReadCall(actor('applicant'), { status: 'draft' })).toBe(false);
    expect(canReadCall(actor('applicant'), { status: 'archived' })).toBe(false);
  });
});
