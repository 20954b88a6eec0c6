/** Each index cycle policy walked with the cycles the public may and may not read. */
import { describe, expect, it } from 'vitest';
import { isPublicCycle } from '../../src/policies/index-cycle.policy.js';

describe('index cycle policies', () => {
  it('isPublicCycle: a published cycle with its publication, nothing else', () => {
    expect(isPublicCycle({ status: 'published', publication: { entries: [] } })).toBe(true);
    expect(isPublicCycle({ status: 'published', publication: null })).toBe(false);
    for (const status of ['draft', 'computing', 'computed', 'stale']) {
      expect(isPublicCycle({ status, publication: null }), status).toBe(false);
      expect(isPublicCycle({ status, publication: { entries: [] } }), status).toBe(false);
    }
  });
});
