/**
 * The shared input schemas every route uses for ids and text. PostgreSQL refuses integers above
 * 2^31−1 and strings holding NUL, and would answer a 500: these schemas refuse both first, with a
 * translated 400 naming the field (a path id out of range is simply 404). Both are marked in
 * `inputKinds` so a test can walk every route and find a plain z.string or an unbounded id.
 */
import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` (serial ids). */
export const ID_MAX = 2_147_483_647;
/** The issue messages the server turns into error codes (http/errors.ts). */
export const ID_INVALID = 'ID_INVALID';
export const TEXT_INVALID_CHARACTER = 'TEXT_INVALID_CHARACTER';

export type InputKind = 'id' | 'text';
/** A registry of our own (not zod's global one, which would leak into the OpenAPI document); zod clones made by .max() and the like inherit the mark. */
export const inputKinds = z.registry<{ kind: InputKind }>();

export function inputKindOf(schema: z.ZodType): InputKind | undefined {
  return inputKinds.get(schema)?.kind;
}

// NUL, or a UTF-16 surrogate without its partner (not encodable as UTF-8).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasBadCharacter(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** A string without NUL or lone surrogates; chain .max(), .min(), .trim(), .regex() as with z.string(). */
export function text(): z.ZodString {
  return z.string().refine((s) => !hasBadCharacter(s), { error: TEXT_INVALID_CHARACTER, abort: true }).register(inputKinds, { kind: 'text' });
}

const idError = { error: ID_INVALID };

/** An id in a JSON body: a positive integer that fits a PostgreSQL integer. */
export function idSchema(): z.ZodNumber {
  return z.number(idError).int(idError).min(1, idError).max(ID_MAX, idError).register(inputKinds, { kind: 'id' });
}

/** An id in a path or query string, coerced from its text; out of range in a path answers 404. */
export function idParam(): z.ZodCoercedNumber<unknown> {
  return z.coerce.number(idError).int(idError).min(1, idError).max(ID_MAX, idError).register(inputKinds, { kind: 'id' });
}

/** The `:id` path parameter most routes take. */
export const idParams = z.object({ id: idParam() });
