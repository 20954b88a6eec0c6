/** Honours an achievement already holds (国家级 / 省部级荣誉), recorded by the office with an optional note. */
import { type HonourInput, KepingError } from '@keping/core';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { applicationStatus, findHonour, saveHonour } from './panel.repository.js';

export async function setHonour(store: Store, ctx: RequestContext, applicationId: number, input: HonourInput) {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const app = await applicationStatus(trx, applicationId);
    if (!app) throw new KepingError('NOT_FOUND', { status: 404 });
    if (app.status !== 'submitted') throw new KepingError('APPLICATION_NOT_SUBMITTED', { field: 'applicationId', params: { status: app.status }, status: 409 });
    const previous = await findHonour(trx, applicationId);
    const values = { level: input.level, note: input.note || null, decided_by: ctx.actor.id, decided_at: ctx.now().toISOString() };
    await saveHonour(trx, { application_id: applicationId, ...values }, previous !== undefined);
    await audit({
      action: 'application.honour', subjectType: 'application', subjectId: String(applicationId),
      before: previous ? { level: previous.level, note: previous.note } : undefined, after: { level: values.level, note: values.note },
    });
    return { applicationId, level: input.level, note: values.note, decidedAt: values.decided_at };
  });
}
