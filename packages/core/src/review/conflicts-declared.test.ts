import { describe, expect, it } from 'vitest';
import { findConflicts } from './conflicts.js';

describe('declared conflicts with people', () => {
  it('match the people named on an entry, case and spacing aside, as declared', () => {
    const report = findConflicts({
      asOf: '2026-01-01',
      entries: [{ id: 'E1', applicant: 'ORG-A', people: ['Li  Si'] }, { id: 'E2', applicant: 'ORG-B' }],
      experts: [{ id: 'X1', declaredPeople: [' li si'] }, { id: 'X2', declaredPeople: ['ORG-B'] }],
    });
    expect(report.conflicts).toEqual([{
      expert: 'X1', entry: 'E1',
      causes: [{ reason: 'declared', via: 'li si', message: { key: 'review.conflict.declared', params: { expert: 'X1', entry: 'E1', via: 'li si' } } }],
    }]);
    expect(report.counts.declared).toBe(1);
  });
});
