/**
 * Background jobs in our own table, on both databases. A job definition holds only a kind and its
 * handler; several server processes share work on PostgreSQL (claims use FOR UPDATE SKIP LOCKED).
 */
import { type FieldError, type Job, type JobStatus, KepingError } from '@keping/core';
import { type Kysely, sql } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database, JobTable } from '../db/schema.js';

export interface JobRun {
  /** Reports progress in [0, 1]; cheap enough to call often (writes at most every 200 ms). */
  progress(fraction: number): Promise<void>;
  ctx: RequestContext;
}

export type JobHandler = (store: Store, input: unknown, run: JobRun) => Promise<unknown>;

type JobRow = Omit<JobTable, 'id'> & { id: number };

function toJob(row: JobRow): Job {
  return {
    id: row.id, kind: row.kind, status: row.status as JobStatus, progress: row.progress,
    input: JSON.parse(row.input) as unknown, result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as FieldError),
    createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at,
  };
}

/** Queues a job; pass a transaction to queue it only if that transaction commits. */
export async function enqueueJob(db: Kysely<Database>, ctx: RequestContext, kind: string, input: unknown): Promise<Job> {
  const row = await db.insertInto('jobs').values({
    kind, status: 'queued', progress: 0, input: JSON.stringify(input), result: null, error: null,
    created_by: ctx.actor.id, created_at: ctx.now().toISOString(), started_at: null, finished_at: null,
  }).returningAll().executeTakeFirstOrThrow();
  return toJob(row);
}

export async function getJob(store: Store, id: number): Promise<Job> {
  const row = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return toJob(row);
}

/** Takes the oldest queued job, so that no other process takes it too. */
async function claim(store: Store, now: string): Promise<JobRow | undefined> {
  if (store.dialect === 'postgres') {
    const r = await sql<JobRow>`UPDATE jobs SET status = 'running', started_at = ${now}
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING *`.execute(store.db);
    return r.rows[0];
  }
  // SQLite has one writer at a time: the UPDATE … WHERE status = 'queued' is the claim.
  const next = await store.db.selectFrom('jobs').select('id').where('status', '=', 'queued').orderBy('id').executeTakeFirst();
  if (!next) return undefined;
  return store.db.updateTable('jobs').set({ status: 'running', started_at: now })
    .where('id', '=', next.id).where('status', '=', 'queued').returningAll().executeTakeFirst();
}

/** Runs queued jobs until none is left; returns how many ran. */
export async function runPendingJobs(store: Store, handlers: Record<string, JobHandler>, ctx: RequestContext): Promise<number> {
  let count = 0;
  for (;;) {
    const row = await claim(store, ctx.now().toISOString());
    if (!row) return count;
    count++;
    let lastWrite = 0;
    const run: JobRun = {
      ctx,
      progress: async (fraction) => {
        const t = Date.now();
        if (t - lastWrite < 200 && fraction < 1) return;
        lastWrite = t;
        await store.db.updateTable('jobs').set({ progress: Math.max(0, Math.min(1, fraction)) }).where('id', '=', row.id).execute();
      },
    };
    try {
      const handler = handlers[row.kind];
      if (!handler) throw new KepingError('JOB_KIND_UNKNOWN', { params: { kind: row.kind } });
      const result = await handler(store, JSON.parse(row.input) as unknown, run);
      await store.db.updateTable('jobs').set({
        status: 'done', progress: 1, result: JSON.stringify(result ?? null), finished_at: ctx.now().toISOString(),
      }).where('id', '=', row.id).execute();
    } catch (error) {
      const fieldError: FieldError = error instanceof KepingError ? error.toFieldError() : { code: 'INTERNAL', params: { ref: `job-${row.id}` } };
      if (!(error instanceof KepingError)) console.error(`job ${row.id} (${row.kind}) failed`, error);
      await store.db.updateTable('jobs').set({
        status: 'failed', error: JSON.stringify(fieldError), finished_at: ctx.now().toISOString(),
      }).where('id', '=', row.id).execute();
    }
  }
}

/** Polls for work in the serving process until stopped. */
export function startJobWorker(store: Store, handlers: Record<string, JobHandler>, ctx: RequestContext, intervalMs = 300): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => runPendingJobs(store, handlers, ctx)).catch((e: unknown) => console.error('job worker', e));
  }, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
