/**
 * The daily checkpoint: the job worker queues one per Shanghai day when KEPING_AUDIT_KEY_FILE is set
 * (scheduleDailyCheckpoint), and the job signs and publishes the trail's head unless that day has one.
 */
import { shanghaiDay } from '@keping/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { defineJob } from '../jobs/define-job.js';
import { enqueueJob } from '../jobs/job.service.js';
import { auditKeyFile, createCheckpoint, loadSigningKey } from './checkpoint.js';
import { checkpointJobQueued, checkpointOnDay } from './checkpoint.repository.js';

export const auditCheckpointJob = defineJob({
  id: 'audit.checkpoint',
  version: 1,
  input: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  async handler(store: Store, input, run) {
    const key = loadSigningKey(auditKeyFile());
    if (await checkpointOnDay(store.db, input.day)) return { written: false };
    const checkpoint = await createCheckpoint(store, key, run.ctx.now());
    return { written: true, sequence: checkpoint.sequence, hash: checkpoint.hash };
  },
});

/** Queues today's checkpoint job if a key is configured and neither a checkpoint nor a job exists for today. */
export async function scheduleDailyCheckpoint(db: Kysely<Database>, ctx: RequestContext, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.KEPING_AUDIT_KEY_FILE) return false;
  const day = shanghaiDay(ctx.now());
  if (await checkpointOnDay(db, day)) return false;
  if (await checkpointJobQueued(db, auditCheckpointJob.id, JSON.stringify({ day }))) return false;
  await enqueueJob(db, ctx, auditCheckpointJob, { day });
  return true;
}
