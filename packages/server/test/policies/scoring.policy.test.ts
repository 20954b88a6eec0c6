/** Each scoring policy walked with the experts who may and who may not. */
import { describe, expect, it } from 'vitest';
import { canReachAssignment, canSeePeerScores } from '../../src/policies/scoring.policy.js';

const ME = { id: 7 };
const OTHER = { id: 8 };
const assignment = (status: string, expert_id = ME.id) => ({ expert_id, status });
const shows = (before: boolean, after: boolean) => ({ scoresVisibleToExpertsBeforeClose: before, resultsVisibleToExpertsAfterClose: after });

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

  it('canSeePeerScores: before close only when the round shows scores before close, after close only when it shows results', () => {
    for (const status of ['pending', 'open']) {
      expect(canSeePeerScores({ status }, shows(true, false)), status).toBe(true);
      expect(canSeePeerScores({ status }, shows(false, true)), status).toBe(false);
    }
    expect(canSeePeerScores({ status: 'closed' }, shows(false, true))).toBe(true);
    expect(canSeePeerScores({ status: 'closed' }, shows(true, false))).toBe(false);
    expect(canSeePeerScores({ status: 'closed' }, shows(false, false))).toBe(false);
  });
});
