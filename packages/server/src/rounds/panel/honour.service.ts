/** Honours an achievement already holds (国家级 / 省部级荣誉), recorded by the office with an optional note. */
import { type HonourInput, KepingError } from '@keping/core';
import { appendAudit } from '../../audit/audit.repository.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';

export async function setHonour(store: Store, ctx: RequestContext, applicationId: number, input: HonourInput) {
  return store.db.transaction().execute(async (trx) => {
    const app = await trx.selectFrom('applications').select(['id', 'status']).where('id', '=', applicationId).executeTakeFirst();
    if (!app) throw new KepingError('NOT_FOUND', { status: 404 });
    if (app.status !== 'submitted') throw new KepingError('APPLICATION_NOT_SUBMITTED', { field: 'applicationId', params: { status: app.status }, status: 409 });
    const previous = await trx.selectFrom('application_honours').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
    const values = { level: input.level, note: input.note || null, decided_by: ctx.actor.id, decided_at: ctx.now().toISOString() };
    if (previous) await trx.updateTable('application_honours').set(values).where('application_id', '=', applicationId).execute();
    else await trx.insertInto('application_honours').values({ application_id: applicationId, ...values }).execute();
    await appendAudit(trx, store.dialect, ctx, {
      action: 'application.honour', subjectType: 'application', subjectId: String(applicationId),
      before: previous ? { level: previous.level, note: previous.note } : undefined, after: { level: values.level, note: values.note },
    });
    return { applicationId, level: input.level, note: values.note, decidedAt: values.decided_at };
  });
}
