import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, div, holds, mul, parseDecimal, pow, rational, toDecimalString, toNumber } from './exact.js';

const r = (text: string) => {
  const v = parseDecimal(text);
  if (!v) throw new Error(`not a decimal: ${text}`);
  return v;
};

describe('exact rationals', () => {
  it('parses decimals exactly, with separators and exponents', () => {
    expect(r('0.03')).toEqual({ n: 3n, d: 100n });
    expect(r('30,000,000')).toEqual({ n: 30000000n, d: 1n });
    expect(r('-1.50')).toEqual({ n: -3n, d: 2n });
    expect(r('1e3')).toEqual({ n: 1000n, d: 1n });
    expect(r('.5')).toEqual({ n: 1n, d: 2n });
    expect(parseDecimal(0.1)).toEqual({ n: 1n, d: 10n });
    for (const bad of ['', '.', 'abc', '1.2.3', '1e', '--1', '¥100']) expect(parseDecimal(bad)).toBeUndefined();
    expect(parseDecimal(Number.NaN)).toBeUndefined();
    expect(parseDecimal(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('decides the boundaries floats get wrong', () => {
    // 1,000,000 → 1,322,500 over two years is exactly 15 % a year, but in doubles
    // sqrt(1.3225) - 1 = 0.1499999999999999 < 0.15.
    expect(Math.pow(1322500 / 1000000, 1 / 2) - 1 >= 0.15).toBe(false);
    expect(compare(div(r('1322500'), r('1000000')) ?? r('0'), pow(r('1.15'), 2))).toBe(0);
    expect(compare(r('110.25'), mul(r('100'), pow(r('1.05'), 2)))).toBe(0);
    expect(compare(div(r('30000000'), r('1000000000')) ?? r('0'), r('0.03'))).toBe(0);
    expect(toDecimalString(add(r('0.1'), r('0.2')))).toBe('0.3');
  });

  it('compare agrees with integer arithmetic on scaled values', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (an, ad, bn, bd) => {
          const expected = an * bd < bn * ad ? -1 : an * bd > bn * ad ? 1 : 0;
          return compare(rational(an, ad), rational(bn, bd)) === expected;
        }),
    );
  });

  it('decimal text round-trips through parse and print', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat(12), (digits, places) => {
        const value = rational(digits, 10n ** BigInt(places));
        return compare(r(toDecimalString(value)), value) === 0;
      }),
    );
  });

  it('toNumber is within a double of the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        return Math.abs(toNumber(rational(BigInt(n), BigInt(d))) - n / d) <= 1e-9 * Math.max(1, Math.abs(n / d));
      }),
    );
  });

  it('ops read as written', () => {
    expect(holds(0, '>=')).toBe(true);
    expect(holds(0, '>')).toBe(false);
    expect(holds(-1, '<=')).toBe(true);
    expect(holds(1, '<')).toBe(false);
    expect(holds(0, '=')).toBe(true);
    expect(holds(0, '!=')).toBe(false);
  });
});
