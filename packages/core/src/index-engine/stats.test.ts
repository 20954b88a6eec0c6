import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { range } from './stats.js';

describe('range', () => {
  it('counts the values that are not NaN and finds their min and max, at any length and NaN pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constant(Number.NaN)), { maxLength: 40 }), (values) => {
        const present = values.filter((v) => !Number.isNaN(v));
        const r = range(Float64Array.from(values));
        expect(r.count).toBe(present.length);
        if (present.length === 0) {
          expect(r.min).toBeNaN();
          expect(r.max).toBeNaN();
        } else {
          // == rather than Object.is: which of 0 and −0 is kept does not matter to a range
          expect(r.min === Math.min(...present)).toBe(true);
          expect(r.max === Math.max(...present)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
