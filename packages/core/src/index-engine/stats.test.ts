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

  it('keeps the first extreme met, so −0 and +0 come out the same whether or not the column has a gap', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity), fc.double({ noNaN: true, min: -2, max: 2 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.boolean(), (values, gap) => {
        const column = gap ? [...values, Number.NaN] : values;
        let min = Infinity;
        let max = -Infinity;
        for (const v of values) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
        const r = range(Float64Array.from(column));
        expect(r.count).toBe(values.length);
        if (values.length > 0) {
          expect(Object.is(r.min, min)).toBe(true);
          expect(Object.is(r.max, max)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
