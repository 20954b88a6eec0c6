import fc from 'fast-check';
import { USCC_ALPHABET, usccCheckCharacter } from '@keping/core';
import { describe, expect, it } from 'vitest';
import { FirstRows } from './first-rows.js';

const code = fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 17, maxLength: 17 }).map((body) => body + usccCheckCharacter(body));

describe('FirstRows', () => {
  it('answers as a Map from code to first row would, across growth', () => {
    fc.assert(fc.property(fc.array(fc.oneof(code, fc.constantFrom('91350100M000100Y43', '0000000000000000000'.slice(0, 18))), { maxLength: 3000 }), (codes) => {
      const table = new FirstRows();
      const map = new Map<string, number>();
      codes.forEach((c, i) => {
        const row = i + 2;
        expect(table.firstOrAdd(c, row)).toBe(map.get(c));
        if (!map.has(c)) map.set(c, row);
      });
      expect(table.size).toBe(map.size);
    }), { numRuns: 50 });
  });

  it('keeps every code through many growths', () => {
    const table = new FirstRows();
    const codeOf = (n: number) => {
      let body = '';
      for (let i = 0; i < 17; i++, n = Math.floor(n / 31)) body = USCC_ALPHABET[n % 31]! + body;
      return body + usccCheckCharacter(body);
    };
    for (let n = 0; n < 50_000; n++) expect(table.firstOrAdd(codeOf(n * 7919), n + 2)).toBeUndefined();
    for (let n = 0; n < 50_000; n += 997) expect(table.firstOrAdd(codeOf(n * 7919), 1)).toBe(n + 2);
    expect(table.size).toBe(50_000);
  });

  it('refuses what is not a validated code rather than mixing it up with another', () => {
    const table = new FirstRows();
    expect(() => table.firstOrAdd('91350100m000100y43', 2)).toThrow(RangeError);
    expect(() => table.firstOrAdd('91350100M000100Y4', 2)).toThrow(RangeError);
    expect(() => table.firstOrAdd('91350100M000100Y43', 0)).toThrow(RangeError);
  });
});
