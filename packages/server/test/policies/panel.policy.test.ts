/** Each panel policy walked with the users who may and who may not. */
import { describe, expect, it } from 'vitest';
import type { Role } from '@keping/core';
import type { Actor } from '../../src/context.js';
import { canSeePanel, chairsPanel, sitsOnPanel } from '../../src/policies/panel.policy.js';

const CHAIR = 1;
const MEMBER = 2;
const STRANGER = 3;
const members = [CHAIR, MEMBER];
const panel = { chair_expert_id: CHAIR };
const actor = (role: Role): Actor => ({ id: 1, name: role, role, organisationUscc: null });

describe('panel policies', () => {
  it('sitsOnPanel: the chair and the members sit on it, a stranger or a login without an expert does not', () => {
    expect(sitsOnPanel(CHAIR, members)).toBe(true);
    expect(sitsOnPanel(MEMBER, members)).toBe(true);
    expect(sitsOnPanel(STRANGER, members)).toBe(false);
    expect(sitsOnPanel(undefined, members)).toBe(false);
  });

  it('canSeePanel: office roles see every panel, an expert or chair only the panels they sit on', () => {
    for (const role of ['admin', 'staff', 'auditor'] as const) expect(canSeePanel(actor(role), undefined, members), role).toBe(true);
    for (const role of ['expert', 'chair'] as const) {
      expect(canSeePanel(actor(role), MEMBER, members), role).toBe(true);
      expect(canSeePanel(actor(role), STRANGER, members), role).toBe(false);
      expect(canSeePanel(actor(role), undefined, members), role).toBe(false);
    }
  });

  it('chairsPanel: only the panel\'s own chair', () => {
    expect(chairsPanel(CHAIR, panel)).toBe(true);
    expect(chairsPanel(MEMBER, panel)).toBe(false);
    expect(chairsPanel(undefined, panel)).toBe(false);
  });
});
