/**
 * Typed jobs, on both databases: a job is queued only with input its definition's schema accepts
 * (a field error otherwise, nothing queued); the worker parses the stored input again, hands the
 * handler the parsed value, and records an error — never crashes — for a job queued under another
 * version of its definition or whose stored input no longer parses.
 */
import { type FieldError, KepingError } from '@keping/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { defineJob, jobRegistry } from '../src/jobs/define-job.js';
import { enqueueJob, getJob, runPendingJobs, startJobWorker } from '../src/jobs/job.service.js';
import { JOBS } from '../src/jobs/registry.js';
import { computeIndexJob } from '../src/rounds/index/compute.job.js';
import { DATABASES } from './databases.js';

const ctx = systemContext('en', () => new Date('2026-12-07T10:00:00Z'));

const received: unknown[] = [];
const doubleJob = defineJob({
  id: 'test.double',
  version: 2,
  input: z.object({ n: z.number().int(), label: z.string().default('none') }),
  async handler(_store, input) {
    received.push(input);
    return { doubled: input.n * 2, label: input.label };
  },
});
let releaseSlow: () => void = () => undefined;
const slowJob = defineJob({
  id: 'test.slow',
  version: 1,
  input: z.object({}),
  async handler() {
    await new Promise<void>((resolve) => { releaseSlow = resolve; });
    return { finished: true };
  },
});
const registry = jobRegistry([doubleJob, slowJob]);

async function refusal(work: Promise<unknown>): Promise<KepingError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(KepingError);
  return error as KepingError;
}

describe.each(DATABASES)('typed jobs on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await database.open());
  });
  afterAll(async () => dispose());

  const queued = async () => (await store.db.selectFrom('jobs').select('id').where('status', '=', 'queued').execute()).length;

  it('refuses input that fails the schema at enqueue, with a field error, and queues nothing', async () => {
    const before = await queued();
    // @ts-expect-error the input's type is the definition's: a string is no number
    const error = await refusal(enqueueJob(store.db, ctx, doubleJob, { n: 'three' }));
    expect(error.code).toBe('JOB_INPUT_INVALID');
    expect(error.field).toBe('input.n');
    expect(error.params).toMatchObject({ kind: 'test.double' });
    // The real definitions check theirs too.
    // @ts-expect-error cycleId is a number
    const compute = await refusal(enqueueJob(store.db, ctx, computeIndexJob, { cycleId: 'x' }));
    expect(compute.toFieldError()).toMatchObject({ code: 'JOB_INPUT_INVALID', field: 'input.cycleId' });
    expect(await queued()).toBe(before);
  });

  it('hands the handler the parsed input and records its result under the definition version', async () => {
    received.length = 0;
    const job = await enqueueJob(store.db, ctx, doubleJob, { n: 21 });
    expect(job).toMatchObject({ kind: 'test.double', version: 2, status: 'queued' });
    expect(await runPendingJobs(store, registry, ctx)).toBe(1);
    expect(received).toEqual([{ n: 21, label: 'none' }]);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'done', result: { doubled: 42, label: 'none' }, error: null });
  });

  it('fails a stored job of another version with a recorded error, and goes on with the next job', async () => {
    received.length = 0;
    const old = await enqueueJob(store.db, ctx, { ...doubleJob, version: 1 }, { n: 1 });
    const next = await enqueueJob(store.db, ctx, doubleJob, { n: 2 });
    expect(await runPendingJobs(store, registry, ctx)).toBe(2);
    const failed = await getJob(store, old.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual<FieldError>({ code: 'JOB_VERSION_MISMATCH', params: { kind: 'test.double', queued: 1, current: 2 } });
    expect(received).toEqual([{ n: 2, label: 'none' }]);
    expect((await getJob(store, next.id)).status).toBe('done');
  });

  it('fails a stored job whose input no longer parses, without calling its handler', async () => {
    received.length = 0;
    const job = await enqueueJob(store.db, ctx, doubleJob, { n: 5 });
    await store.db.updateTable('jobs').set({ input: JSON.stringify({ n: 5.5 }) }).where('id', '=', job.id).execute();
    await runPendingJobs(store, registry, ctx);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'failed', error: { code: 'JOB_INPUT_INVALID', field: 'input.n' } });
    expect(received).toEqual([]);
  });

  it('records a job of a kind no definition has, and the server lists each definition once', async () => {
    const job = await enqueueJob(store.db, ctx, doubleJob, { n: 1 });
    await runPendingJobs(store, JOBS, ctx);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'failed', error: { code: 'JOB_KIND_UNKNOWN', params: { kind: 'test.double' } } });
    expect([...JOBS.keys()].sort()).toEqual(['audit.checkpoint', 'index.compute', 'mail.send']);
    expect(() => jobRegistry([doubleJob, { ...doubleJob, version: 3 }])).toThrow(/test.double/);
  });

  it('stopping takes no further job; a job still running past the grace is queued again, and its late finish records nothing', async () => {
    const slow = await enqueueJob(store.db, ctx, slowJob, {});
    const next = await enqueueJob(store.db, ctx, doubleJob, { n: 1 });
    const stop = startJobWorker(store, registry, ctx, 10);
    await expect.poll(async () => (await getJob(store, slow.id)).status, { timeout: 10_000 }).toBe('running');
    await stop(200);
    expect((await getJob(store, slow.id)).status).toBe('queued');
    expect((await getJob(store, next.id)).status).toBe('queued'); // not taken once stopping
    releaseSlow(); // the first run ends after its release: nothing recorded
    await new Promise((r) => setTimeout(r, 50));
    expect((await getJob(store, slow.id)).status).toBe('queued');
    // another worker takes both, the released job first
    const ran = runPendingJobs(store, registry, ctx);
    await expect.poll(async () => (await getJob(store, slow.id)).status, { timeout: 10_000 }).toBe('running');
    releaseSlow();
    expect(await ran).toBe(2);
    expect((await getJob(store, slow.id)).status).toBe('done');
    expect((await getJob(store, next.id)).status).toBe('done');
  });
});
