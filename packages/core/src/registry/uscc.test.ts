import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, isValidUscc, normaliseUscc, usccCheckCharacter, usccProblem } from './uscc.js';

const bodyArb = fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 17, maxLength: 17 });

describe('USCC', () => {
  it('accepts published codes', () => {
    // The worked example of GB 32100-2015.
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('normalises case and spaces', () => {
    expect(normaliseUscc(' 9135 0100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('names the problem', () => {
    expect(usccProblem('')?.code).toBe('REQUIRED');
    expect(usccProblem('123')).toEqual({ code: 'USCC_LENGTH', field: 'uscc', params: { length: 3 } });
    expect(usccProblem('91350100M000100YI3')?.code).toBe('USCC_CHARACTER');
    expect(usccProblem('91350100M000100Y44')).toEqual({
      code: 'USCC_CHECK_CHARACTER', field: 'uscc', params: { expected: '3', actual: '4' },
    });
  });

  it('any 17-character body with its computed check character validates', () => {
    fc.assert(fc.property(bodyArb, (body) => isValidUscc(body + usccCheckCharacter(body))));
  });

  it('any single-character change is caught', () => {
    fc.assert(
      fc.property(bodyArb, fc.nat(17), fc.constantFrom(...USCC_ALPHABET), (body, pos, replacement) => {
        const code = body + usccCheckCharacter(body);
        fc.pre(code[pos] !== replacement);
        const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
        return !isValidUscc(changed);
      }),
    );
  });
});
