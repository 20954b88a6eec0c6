/**
 * A job definition is its id, its version and the schema of its input, with its handler beside it.
 * The input is checked when the job is queued and parsed again when it runs, so a handler receives
 * typed input; the version lets a worker refuse a job queued under an older definition.
 */
import { KepingError } from '@keping/core';
import type { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';

export interface JobRun {
  /** Reports progress in [0, 1]; cheap enough to call often (writes at most every 200 ms). */
  progress(fraction: number): Promise<void>;
  ctx: RequestContext;
}

export interface JobDefinition<Input extends z.ZodType = z.ZodType, Result = unknown> {
  /** What the jobs table calls it (`kind`): never renamed once jobs of it exist. */
  id: string;
  /** Raised whenever the input's meaning changes; a job runs only under the version it was queued under. */
  version: number;
  input: Input;
  handler(store: Store, input: z.output<Input>, run: JobRun): Promise<Result>;
}

export function defineJob<Input extends z.ZodType, Result>(definition: JobDefinition<Input, Result>): JobDefinition<Input, Result> {
  return definition;
}

/** The definition's parse of an input, or a field error per problem (`input.cycleId`) naming the job. */
export function parseJobInput<Input extends z.ZodType>(definition: JobDefinition<Input, unknown>, raw: unknown): z.output<Input> {
  const parsed = definition.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw KepingError.fromFieldErrors(parsed.error.issues.map((issue) => {
    const field = ['input', ...issue.path.map(String)].join('.');
    return { code: 'JOB_INPUT_INVALID', field, params: { kind: definition.id, detail: `${field}: ${issue.message}` } };
  }));
}

/** The definitions a worker runs, by id; two definitions with one id are a programming error. */
export type JobRegistry = ReadonlyMap<string, JobDefinition>;

export function jobRegistry(definitions: readonly JobDefinition[]): JobRegistry {
  const byId = new Map<string, JobDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) throw new Error(`two job definitions with the id ${definition.id}`);
    byId.set(definition.id, definition);
  }
  return byId;
}
