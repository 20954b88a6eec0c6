/** Withdrawal (撤回): a draft or a submitted application leaves the call while it is still open. */
import { type Application, KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { visibleApplicationRow } from './application-access.js';
import { moveApplication, presentApplications } from './application.repository.js';
import { assertCallOpen } from './call-window.js';
import { findProgramRow } from './program.repository.js';

export async function withdrawApplication(store: Store, ctx: RequestContext, id: number): Promise<Application> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await visibleApplicationRow(trx, ctx, id);
    if (row.status === 'withdrawn') throw new KepingError('APPLICATION_WITHDRAWN', { status: 409 });
    const program = await findProgramRow(trx, row.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    assertCallOpen(program, ctx.now());
    const at = ctx.now().toISOString();
    if (!(await moveApplication(trx, id, row.status, { status: 'withdrawn', withdrawn_at: at, updated_at: at }))) throw new KepingError('APPLICATION_WITHDRAWN', { status: 409 });
    const [app] = await presentApplications(trx, [{ ...row, status: 'withdrawn', withdrawn_at: at, updated_at: at }]);
    await audit({
      action: 'application.withdraw', subjectType: 'application', subjectId: String(id), before: { status: row.status }, after: { status: 'withdrawn' },
    });
    return app as Application;
  });
}
