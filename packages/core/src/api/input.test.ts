import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ID_MAX, idParam, idSchema, inputKindOf, text } from './input.js';

describe('shared input schemas', () => {
  it('text() refuses NUL and lone surrogates, keeps pairs, chains like z.string()', () => {
    const name = text().trim().min(1).max(5);
    expect(name.parse('  ab ')).toBe('ab');
    expect(name.safeParse('a\u0000').error?.issues[0]?.message).toBe('TEXT_INVALID_CHARACTER');
    expect(name.safeParse('\uD800').success).toBe(false);
    expect(name.safeParse('x\uDC00').success).toBe(false);
    expect(name.parse('😀')).toBe('😀');
    expect(name.safeParse('abcdef').error?.issues[0]?.code).toBe('too_big');
    expect(inputKindOf(name)).toBe('text');
    expect(inputKindOf(z.string().max(5))).toBeUndefined();
  });

  it('ids are positive integers within a PostgreSQL integer; path ids are coerced', () => {
    expect(idSchema().parse(ID_MAX)).toBe(ID_MAX);
    for (const bad of [0, -1, 0.5, ID_MAX + 1, 2 ** 53 - 1, 1e308, '1']) {
      expect(idSchema().safeParse(bad).error?.issues[0]?.message).toBe('ID_INVALID');
    }
    expect(idParam().parse('42')).toBe(42);
    for (const bad of ['2147483648', 'abc', '', '1.5', '\u0000']) expect(idParam().safeParse(bad).success).toBe(false);
    expect(inputKindOf(idSchema().optional().unwrap())).toBe('id');
    expect(inputKindOf(idParam())).toBe('id');
  });
});
