/**
 * An expert stands down from an entry (回避) on opening it: the assignment becomes recused, the
 * first reserve of the entry takes over and is notified; with no reserve left the office is.
 */
import { KepingError } from '@keping/core';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import { officeUsers } from '../../notifications/notification.repository.js';
import { notify } from '../../notifications/notification.service.js';
import { deleteSheet, firstReserve, updateAssignment } from './assignment.repository.js';
import { assertOpen, loadScoringRound, ownAssignment } from './scoring-round.js';
import { explanationOf, findSheet, roundParams } from './scoring.repository.js';

export async function recuse(store: Store, ctx: RequestContext, assignmentId: number, reason: string): Promise<{ status: 'recused'; replaced: boolean }> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // Two recusals (or a recusal and a submission) of one assignment run one after the other, and the
    // round cannot close in between: each reads what the other committed.
    await lockRow(m, 'scoring_assignments', assignmentId);
    const { row, expert } = await ownAssignment(trx, ctx, assignmentId);
    if (row.status === 'recused') throw new KepingError('ASSIGNMENT_RECUSED', { status: 409 });
    await lockRow(m, 'program_rounds', row.round_id, 'share');
    const s = await loadScoringRound(trx, row.round_id);
    assertOpen(s);
    const sheet = await findSheet(trx, row.id);
    if (sheet?.status === 'submitted') throw new KepingError('SCORE_SHEET_ALREADY_SUBMITTED', { status: 409 });
    if (sheet) await deleteSheet(trx, row.id);
    const at = ctx.now().toISOString();
    await updateAssignment(trx, row.id, {
      status: 'recused', updated_at: at,
      explanation: JSON.stringify([...explanationOf(row), { key: 'scoring.explain.recused', params: { reason } }]),
    });

    const reserve = await firstReserve(trx, row.round_id, row.application_id);
    if (reserve) {
      await updateAssignment(trx, reserve.id, {
        status: 'active', source: 'reserve', reserve_rank: null, updated_at: at,
        explanation: JSON.stringify([...explanationOf(reserve), { key: 'scoring.explain.tookOver', params: {} }]),
      });
      await notify(trx, reserve.user_id === null ? [] : [reserve.user_id], 'scoring.assigned', roundParams(s.round), at);
    } else {
      await notify(trx, await officeUsers(trx), 'scoring.recusedNoReserve', { ...roundParams(s.round), entry: row.application_id }, at);
    }
    await audit({
      action: 'scoring.recuse', subjectType: 'scoring_assignment', subjectId: String(row.id),
      before: { status: row.status, expertId: expert.id, applicationId: row.application_id },
      after: { status: 'recused', reason, reserveAssignmentId: reserve?.id ?? null, reserveExpertId: reserve?.expert_id ?? null },
    });
    return { status: 'recused', replaced: reserve !== undefined };
  });
}
