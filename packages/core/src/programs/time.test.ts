import { describe, expect, it } from 'vitest';
import { addDays, shanghaiDay, shanghaiYear } from './time.js';

describe('the Shanghai calendar day', () => {
  it('is already tomorrow at 16:00 UTC, whatever zone the caller runs in', () => {
    expect(shanghaiDay('2026-12-31T15:59:59Z')).toBe('2026-12-31');
    expect(shanghaiDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiYear('2026-12-31T16:00:00Z')).toBe(2027);
  });

  it('counts days across month and year ends, and back', () => {
    expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
