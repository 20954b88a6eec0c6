/** Each scoring policy walked with the experts who may and who may not. */
import { describe, expect, it } from 'vitest';
import { canReachAssignment } from '../../src/policies/scoring.policy.js';

const ME = { id: 7 };
const OTHER = { id: 8 };
const assignment = (status: string, expert_id = ME.id) => ({ expert_id, status });

describe('scoring policies', () => {
  it('canReachAssignment: the assigned expert reaches an active or recused assignment of their own', () => {
    expect(canReachAssignment(ME, assignment('active'))).toBe(true);
    expect(canReachAssignment(ME, assignment('recused'))).toBe(true);
  });

  it('canReachAssignment: not another expert, not a reserve, not a login without an active expert record', () => {
    expect(canReachAssignment(OTHER, assignment('active'))).toBe(false);
    expect(canReachAssignment(ME, assignment('reserve'))).toBe(false);
    expect(canReachAssignment(undefined, assignment('active'))).toBe(false);
  });
});
