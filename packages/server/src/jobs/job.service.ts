/**
 * Background jobs in our own table, on both databases. A job is queued under its definition
 * (define-job.ts): the input is checked then, and parsed again by the worker, which runs it only
 * under the version it was queued under. Several server processes share work on PostgreSQL (claims
 * use FOR UPDATE SKIP LOCKED).
 */
import { type FieldError, type Job, KepingError } from '@keping/core';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { type JobDefinition, type JobRegistry, type JobRun, parseJobInput } from './define-job.js';
import { claimNextJob, failJob, findJob, finishJob, insertJob, type JobRow, releaseJob, setJobProgress, toJob } from './job.repository.js';

/** Queues a job after checking its input; pass a transaction to queue it only if that transaction commits. */
export async function enqueueJob<Input extends z.ZodType>(
  db: Kysely<Database>, ctx: RequestContext, definition: JobDefinition<Input, unknown>, input: z.input<Input>,
): Promise<Job> {
  parseJobInput(definition, input);
  const row = await insertJob(db, { kind: definition.id, version: definition.version, input, createdBy: ctx.actor.id, at: ctx.now().toISOString() });
  return toJob(row);
}

export async function getJob(store: Store, id: number): Promise<Job> {
  const row = await findJob(store.db, id);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return toJob(row);
}

/** The stored job as its definition's handler will receive it; a KepingError when it cannot run here. */
function runnable(registry: JobRegistry, row: JobRow): { definition: JobDefinition; input: unknown } {
  const definition = registry.get(row.kind);
  if (!definition) throw new KepingError('JOB_KIND_UNKNOWN', { params: { kind: row.kind } });
  if (definition.version !== row.version) {
    throw new KepingError('JOB_VERSION_MISMATCH', { status: 409, params: { kind: row.kind, queued: row.version, current: definition.version } });
  }
  return { definition, input: parseJobInput(definition, JSON.parse(row.input) as unknown) };
}

/** What a worker loop tells its caller: whether to take another job, and which job it is running. */
export interface WorkerState {
  stopping: boolean;
  current: number | null;
}

/**
 * Runs queued jobs until none is left, or until `state.stopping`; returns how many ran. A job that
 * fails records its error; the worker goes on.
 */
export async function runPendingJobs(store: Store, registry: JobRegistry, ctx: RequestContext, state: WorkerState = { stopping: false, current: null }): Promise<number> {
  let count = 0;
  for (;;) {
    if (state.stopping) return count;
    const row = await claimNextJob(store, ctx.now().toISOString());
    if (!row) return count;
    state.current = row.id;
    count++;
    let lastWrite = 0;
    const run: JobRun = {
      ctx,
      progress: async (fraction) => {
        const t = Date.now();
        if (t - lastWrite < 200 && fraction < 1) return;
        lastWrite = t;
        await setJobProgress(store.db, row.id, Math.max(0, Math.min(1, fraction)));
      },
    };
    try {
      const { definition, input } = runnable(registry, row);
      const result = await definition.handler(store, input, run);
      await finishJob(store.db, row.id, result, ctx.now().toISOString());
    } catch (error) {
      const fieldError: FieldError = error instanceof KepingError ? error.toFieldError() : { code: 'INTERNAL', params: { ref: `job-${row.id}` } };
      if (!(error instanceof KepingError)) console.error(`job ${row.id} (${row.kind}) failed`, error);
      await failJob(store.db, row.id, fieldError, ctx.now().toISOString());
    } finally {
      state.current = null;
    }
  }
}

/**
 * Polls for work until stopped. Stopping takes no further job and waits up to `graceMs` for the one
 * running; past that the job is released (queued again for another worker) and stopping returns.
 */
export function startJobWorker(store: Store, registry: JobRegistry, ctx: RequestContext, intervalMs = 300): (graceMs?: number) => Promise<void> {
  const state: WorkerState = { stopping: false, current: null };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (state.stopping) return;
    running = running.then(() => runPendingJobs(store, registry, ctx, state)).catch((e: unknown) => console.error('job worker', e));
  }, intervalMs);
  return async (graceMs = 10_000) => {
    state.stopping = true;
    clearInterval(timer);
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => { timeout = setTimeout(() => resolve('late'), graceMs); });
    const outcome = await Promise.race([running.then(() => 'done' as const), late]);
    clearTimeout(timeout);
    if (outcome === 'late' && state.current !== null) await releaseJob(store.db, state.current);
  };
}
