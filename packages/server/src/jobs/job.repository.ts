/** Queries of the jobs table: queue, claim (one process per job), progress and outcome. */
import type { FieldError, Job, JobStatus } from '@keping/core';
import { type Kysely, sql } from 'kysely';
import type { Store } from '../db/database.js';
import type { Database, JobTable } from '../db/schema.js';

export type JobRow = Omit<JobTable, 'id'> & { id: number };

export function toJob(row: JobRow): Job {
  return {
    id: row.id, kind: row.kind, version: row.version, status: row.status as JobStatus, progress: row.progress,
    input: JSON.parse(row.input) as unknown, result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as FieldError),
    createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at,
  };
}

export function insertJob(
  db: Kysely<Database>, job: { kind: string; version: number; input: unknown; createdBy: number | null; at: string },
): Promise<JobRow> {
  return db.insertInto('jobs').values({
    kind: job.kind, version: job.version, status: 'queued', progress: 0, input: JSON.stringify(job.input), result: null, error: null,
    created_by: job.createdBy, created_at: job.at, started_at: null, finished_at: null,
  }).returningAll().executeTakeFirstOrThrow();
}

export function findJob(db: Kysely<Database>, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Takes the oldest queued job, so that no other process takes it too. */
export async function claimNextJob(store: Store, now: string): Promise<JobRow | undefined> {
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

export async function setJobProgress(db: Kysely<Database>, id: number, fraction: number): Promise<void> {
  await db.updateTable('jobs').set({ progress: fraction }).where('id', '=', id).execute();
}

// A job released by a stopping worker is queued again: its first run, finishing late, records nothing.
export async function finishJob(db: Kysely<Database>, id: number, result: unknown, at: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', progress: 1, result: JSON.stringify(result ?? null), finished_at: at })
    .where('id', '=', id).where('status', '=', 'running').execute();
}

export async function failJob(db: Kysely<Database>, id: number, error: FieldError, at: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'failed', error: JSON.stringify(error), finished_at: at })
    .where('id', '=', id).where('status', '=', 'running').execute();
}

/** Puts a running job back in the queue (its worker is stopping before it could finish), for another worker to take. */
export async function releaseJob(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('jobs').set({ status: 'queued', started_at: null, progress: 0 }).where('id', '=', id).where('status', '=', 'running').execute();
}
