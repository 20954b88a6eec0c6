/** fast-check arbitraries built from a route's zod schemas, mixed with hostile values (wrong types, huge numbers, NUL, deep nesting…). */
import fc from 'fast-check';
import type { z } from 'zod';
import { OTHER_USCC, OWN_USCC } from '../harness.js';
import { defOf } from './zod-walk.js';

const ONE_MB = 'x'.repeat(1_048_576);
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}
// Deep enough to break a recursive walk, shallow enough for this side's JSON.stringify; 5,000 levels go as raw JSON (deepJson).
const DEEP = nested(1000);
/** 5,000 levels of nesting as JSON text: JSON.stringify here would overflow the stack before the server saw it. */
export const DEEP_JSON = `${'{"a":'.repeat(2500)}${'['.repeat(2500)}1${']'.repeat(2500)}${'}'.repeat(2500)}`;
// JSON.parse gives an own "__proto__" key, which JSON.stringify then sends as such.
const PROTO = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}') as unknown;

export const HOSTILE_NUMBERS: readonly number[] = [2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 1e308, -1e308, -1, 0, 0.5, -0.5, 1e21, Number.MIN_VALUE];
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\uDBFF\uDFFF', '😀', '', ' ', '\t\n', '%00', "'; drop table users; --", '../../etc/passwd',
  '\u202Eabc', '0', '-1', '2147483648', '9007199254740991', '1e308', 'NaN', 'null', 'true', '[]', '{}', 'x'.repeat(10_000),
];
const PLAUSIBLE: readonly string[] = [OWN_USCC, OTHER_USCC, OWN_USCC.toLowerCase(), '2026-11-25', '2025-01-01', '2026-10-01 09:00', 'summary', 'title', '测试单位', 'a@example.cn', '13800138000', 'zh-CN', 'en', 'admin', 'C3973'];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, DEEP, PROTO, ONE_MB, [null], { '': '' }),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_STRINGS),
);
/** Hostile values small enough for a URL. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom<unknown>(true, null, ''));

const stringArb = (max: number): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: Math.min(max, 30) }) },
  { weight: 2, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
);

/** A value shaped like the schema most of the time, something hostile otherwise. */
export function valueOf(schema: z.ZodType, hostile: fc.Arbitrary<unknown>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  return fc.oneof({ weight: 6, arbitrary: shapedOf(schema, hostile, depth) }, { weight: 1, arbitrary: hostile });
}

function shapedOf(schema: z.ZodType, hostile: fc.Arbitrary<unknown>, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: z.ZodType | null | undefined): fc.Arbitrary<unknown> => (s ? valueOf(s, hostile, depth + 1) : fc.constant(undefined));
  switch (def.type) {
    case 'string': return stringArb((schema as z.ZodString).maxLength ?? 60);
    case 'number': {
      const n = schema as z.ZodNumber;
      const min = Math.max(n.minValue ?? -1e6, -1e6);
      const max = Math.min(n.maxValue ?? 1e6, 1e6);
      const ranged = n.isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }) : fc.double({ min, max: Math.max(min, max), noNaN: true });
      return fc.oneof(fc.integer({ min: 1, max: 8 }), ranged);
    }
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'literal': return fc.constantFrom(...(def.values ?? [null]));
    case 'null': return fc.constant(null);
    case 'object': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(def.shape ?? {})) model[key] = inner(child);
      return fc.record(model);
    }
    case 'array': return fc.array(inner(def.element), { maxLength: 3 });
    case 'record': return fc.dictionary(fc.oneof(stringArb(40), fc.constantFrom(...HOSTILE_STRINGS.slice(0, 4))), inner(def.valueType), { maxKeys: 3 });
    case 'tuple': return fc.tuple(...(def.items ?? []).map(inner));
    case 'union': return fc.oneof(...(def.options ?? []).map(inner));
    case 'optional': return fc.oneof(fc.constant(undefined), inner(def.innerType));
    case 'nullable': return fc.oneof(fc.constant(null), inner(def.innerType));
    case 'default': case 'prefault': case 'catch': case 'readonly': case 'nonoptional':
      return fc.oneof(fc.constant(undefined), inner(def.innerType));
    case 'pipe': return inner(def.in);
    case 'lazy': return def.getter ? inner(def.getter()) : fc.constant(null);
    default: return fc.jsonValue({ maxDepth: 3 });
  }
}

/** Raw path segments, some not even valid percent-encoding. */
export const HOSTILE_SEGMENTS: readonly string[] = [
  '0', '-1', '2147483647', '2147483648', '4294967296', '9007199254740991', '9007199254740992', '1e308', '0.5', '1e3', '0x10', 'abc', ' 1',
  '%00', 'a%00b', '%ED%A0%80', '%F0%9F%98%80', '%E4%B8%AD', '%', '%zz', '%20', '..', '%2e%2e', 'x'.repeat(5000), '%C0%80',
];

export function segmentOf(name: string): fc.Arbitrary<string> {
  const plausible = name === 'uscc' ? fc.constantFrom(OWN_USCC, OTHER_USCC, OWN_USCC.toLowerCase(), 'DEMO') : fc.integer({ min: 1, max: 12 }).map(String);
  return fc.oneof(
    { weight: 4, arbitrary: plausible },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }).map(encodeURIComponentLoose) },
  );
}

/** encodeURIComponent, which refuses lone surrogates: those are sent as their (invalid) UTF-8 bytes. */
export function encodeURIComponentLoose(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => { try { return encodeURIComponent(c); } catch { return '%ED%A0%80'; } }).join('');
  }
}

/** A query string from a generated object: arrays repeat the key, objects go as JSON. */
export function queryOf(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value === undefined ? '' : `v=${encodeURIComponentLoose(String(value))}`;
  const pairs: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      const text = typeof one === 'object' && one !== null ? JSON.stringify(one) : String(one);
      pairs.push(`${encodeURIComponentLoose(key)}=${encodeURIComponentLoose(text.slice(0, 20_000))}`);
    }
  }
  return pairs.join('&');
}

export const hostileQuery: fc.Arbitrary<string> = fc.constantFrom(
  'a=%00', '__proto__=1', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'page=1&page=2', 'page=%ED%A0%80', '%=%', 'id=1e308', '&&&', `q=${'x'.repeat(20_000)}`,
);
