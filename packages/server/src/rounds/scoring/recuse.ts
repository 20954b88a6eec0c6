/**
 * An expert stands down from an entry (回避) on opening it: the assignment becomes recused, the
 * first reserve of the entry takes over and is notified; with no reserve left the office is.
 */
import { KepingError } from '@keping/core';
import { appendAudit } from '../../audit/audit.repository.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { officeUsers } from '../../notifications/notification.repository.js';
import { notify } from '../../notifications/notification.service.js';
import {
  assertOpen, explanationOf, findSheet, loadScoringRound, ownAssignment, roundParams,
} from './scoring.repository.js';

export async function recuse(store: Store, ctx: RequestContext, assignmentId: number, reason: string): Promise<{ status: 'recused'; replaced: boolean }> {
  return store.db.transaction().execute(async (trx) => {
    const { row, expert } = await ownAssignment(trx, ctx, assignmentId);
    if (row.status === 'recused') throw new KepingError('ASSIGNMENT_RECUSED', { status: 409 });
    const s = await loadScoringRound(trx, row.round_id);
    assertOpen(s);
    const sheet = await findSheet(trx, row.id);
    if (sheet?.status === 'submitted') throw new KepingError('SCORE_ALREADY_SUBMITTED', { status: 409 });
    if (sheet) await trx.deleteFrom('scoring_scores').where('assignment_id', '=', row.id).execute();
    const at = ctx.now().toISOString();
    await trx.updateTable('scoring_assignments').set({
      status: 'recused', updated_at: at,
      explanation: JSON.stringify([...explanationOf(row), { key: 'scoring.explain.recused', params: { reason } }]),
    }).where('id', '=', row.id).execute();

    const reserve = await trx.selectFrom('scoring_assignments').innerJoin('experts', 'experts.id', 'scoring_assignments.expert_id')
      .selectAll('scoring_assignments').select('experts.user_id')
      .where('scoring_assignments.round_id', '=', row.round_id).where('scoring_assignments.application_id', '=', row.application_id)
      .where('scoring_assignments.status', '=', 'reserve').where('experts.active', '=', 1).where('experts.user_id', 'is not', null)
      .orderBy('scoring_assignments.reserve_rank').executeTakeFirst();
    if (reserve) {
      await trx.updateTable('scoring_assignments').set({
        status: 'active', source: 'reserve', reserve_rank: null, updated_at: at,
        explanation: JSON.stringify([...explanationOf(reserve), { key: 'scoring.explain.tookOver', params: {} }]),
      }).where('id', '=', reserve.id).execute();
      await notify(trx, reserve.user_id === null ? [] : [reserve.user_id], 'scoring.assigned', roundParams(s.round), at);
    } else {
      await notify(trx, await officeUsers(trx), 'scoring.recusedNoReserve', { ...roundParams(s.round), entry: row.application_id }, at);
    }
    await appendAudit(trx, store.dialect, ctx, {
      action: 'scoring.recuse', subjectType: 'scoring_assignment', subjectId: String(row.id),
      before: { status: row.status, expertId: expert.id, applicationId: row.application_id },
      after: { status: 'recused', reason, reserveAssignmentId: reserve?.id ?? null, reserveExpertId: reserve?.expert_id ?? null },
    });
    return { status: 'recused', replaced: reserve !== undefined };
  });
}
