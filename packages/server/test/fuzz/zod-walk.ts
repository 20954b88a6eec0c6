/** Walks a route's zod schemas: the shared-input check (route-schemas.test.ts) and the fuzzer's arbitraries both read them through here. */
import { ID_MAX, inputKindOf } from '@keping/core';
import type { z } from 'zod';

export type Part = 'params' | 'querystring' | 'body';
export const PARTS: readonly Part[] = ['params', 'querystring', 'body'];

/** The zod def fields this walk reads (zod v4's internal definition, typed loosely on purpose). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  getter?: () => z.ZodType;
}

export function defOf(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def;
}


export function isZod(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Calls `visit` on every schema node with its path (array items as `[]`, record values as `{}`). */
export function walk(schema: z.ZodType, path: string[], visit: (node: z.ZodType, path: string[]) => void, seen = new Set<z.ZodType>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  visit(schema, path);
  const def = defOf(schema);
  const next = (s: z.ZodType | null | undefined, p: string[]) => { if (s) walk(s, p, visit, seen); };
  for (const [key, child] of Object.entries(def.shape ?? {})) next(child, [...path, key]);
  next(def.element, [...path, '[]']);
  next(def.keyType, [...path, '{key}']);
  next(def.valueType, [...path, '{}']);
  for (const option of def.options ?? []) next(option, path);
  for (const item of def.items ?? []) next(item, [...path, '[]']);
  next(def.rest, [...path, '[]']);
  next(def.innerType, path);
  next(def.in, path);
  next(def.out, path);
  next(def.left, path);
  next(def.right, path);
  if (def.type === 'lazy' && def.getter) next(def.getter(), path);
}

const ID_NAME = /^(id|.*Id|.*Ids)$/;

/** The last named segment of a path (array and record markers skipped). */
function nameOf(path: string[]): string {
  return [...path].reverse().find((p) => !p.startsWith('[') && !p.startsWith('{')) ?? '';
}

/** What is wrong with one route part's schema: plain strings, ids not the shared schema, unbounded integers. */
export function schemaProblems(schema: z.ZodType, part: Part): string[] {
  const problems: string[] = [];
  walk(schema, [part], (node, path) => {
    const def = defOf(node);
    const where = path.join('.');
    const kind = inputKindOf(node);
    if (def.type === 'string' && kind !== 'text') problems.push(`${where}: a plain z.string(), not text()`);
    if (def.type === 'number') {
      const number = node as z.ZodNumber;
      const integer = number.format === 'safeint' || number.format === 'int32';
      const name = nameOf(path);
      if (kind !== 'id' && (ID_NAME.test(name) || (part === 'params' && integer && name === 'id'))) {
        problems.push(`${where}: an id not made by idSchema()/idParam()`);
      }
      if (integer && kind !== 'id' && (number.maxValue === null || number.maxValue > ID_MAX)) {
        problems.push(`${where}: an integer without a maximum within 2^31-1`);
      }
    }
  });
  return problems;
}
