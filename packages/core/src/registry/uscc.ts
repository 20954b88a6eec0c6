/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from a
 * 31-character alphabet (no I, O, Z, S, V); the 18th is a check character computed
 * from the first 17 with fixed weights modulo 31.
 */
import type { FieldError } from '../errors.js';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Value of each character by char code (−1 = not in the alphabet): one array read per character. */
const VALUE = new Int8Array(128).fill(-1);
[...USCC_ALPHABET].forEach((c, i) => { VALUE[c.charCodeAt(0)] = i; });
const valueOf = (code: number): number => (code < 128 ? (VALUE[code] as number) : -1);

/** Upper case, all white space removed (people paste codes with spaces). */
export function normaliseUscc(raw: string): string {
  const upper = raw.toUpperCase();
  return /\s/.test(upper) ? upper.replace(/\s+/g, '') : upper;
}

/** The check character for a 17-character body, or undefined if the body has a foreign character. */
export function usccCheckCharacter(body: string): string | undefined {
  if (body.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueOf(body.charCodeAt(i));
    if (v < 0) return undefined;
    sum += v * (WEIGHTS[i] as number);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Validates an already normalised code; returns the first problem or undefined. */
export function usccProblem(code: string, field = 'uscc'): FieldError | undefined {
  if (code.length === 0) return { code: 'REQUIRED', field };
  if (code.length !== 18) return { code: 'USCC_LENGTH', field, params: { length: code.length } };
  for (let i = 0; i < 18; i++) {
    if (valueOf(code.charCodeAt(i)) < 0) return { code: 'USCC_CHARACTER', field, params: { character: code[i] as string, position: i + 1 } };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (expected !== code[17]) {
    return { code: 'USCC_CHECK_CHARACTER', field, params: { expected: expected ?? '?', actual: code[17] ?? '' } };
  }
  return undefined;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === undefined;
}
