/**
 * The office's hand changes to a scoring round's assignment: add an expert to an entry, remove an
 * assignment, replace its expert. Each carries a reason, is checked against conflicts of interest
 * and is one audited transaction; an assignment whose scores were submitted stays.
 */
import { KepingError, type Message } from '@keping/core';
import type { Kysely } from 'kysely';
import { type Mutation, mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import type { Database } from '../../db/schema.js';
import { notify } from '../../notifications/notification.service.js';
import { entriesOfRound } from '../round-entries.js';
import {
  deleteAssignment, deleteSheet, findExpertBrief, findPairAssignment, insertAssignment, updateAssignment,
} from './assignment.repository.js';
import { assertOpen, conflictsWith, loadScoringRound, type ScoringRound } from './scoring-round.js';
import {
  type AssignmentRow, applicationsById, explanationOf, findAssignment, findSheet, roundParams,
} from './scoring.repository.js';

function snapshot(row: AssignmentRow): Record<string, unknown> {
  return { roundId: row.round_id, applicationId: row.application_id, expertId: row.expert_id, status: row.status, source: row.source };
}

/** Puts `expertId` on `applicationId`: a reserve there is promoted, anything else on the pair refused. */
async function assign(
  trx: Kysely<Database>, ctx: RequestContext, s: ScoringRound, applicationId: number, expertId: number, reason: string,
): Promise<AssignmentRow> {
  const entries = await entriesOfRound(trx, s.round);
  if (!entries.includes(applicationId)) {
    throw new KepingError('ENTRY_NOT_IN_ROUND', { field: 'applicationId', params: { id: applicationId }, status: 409 });
  }
  const expert = await findExpertBrief(trx, expertId);
  if (!expert) throw new KepingError('EXPERT_UNKNOWN', { field: 'expertId', params: { id: expertId }, status: 404 });
  if (expert.active !== 1 || expert.user_id === null) {
    throw new KepingError('EXPERT_INACTIVE', { field: 'expertId', params: { expert: expert.name }, status: 409 });
  }
  const [app] = await applicationsById(trx, [applicationId]);
  if (app && (await conflictsWith(trx, ctx, [expertId], [app])).length > 0) {
    throw new KepingError('ASSIGNMENT_CONFLICTED', { field: 'expertId', params: { expert: expert.name }, status: 409 });
  }
  const at = ctx.now().toISOString();
  const why: Message = { key: 'scoring.explain.manual', params: { reason } };
  const existing = await findPairAssignment(trx, s.round.id, applicationId, expertId);
  if (existing && existing.status !== 'reserve') {
    throw new KepingError('ASSIGNMENT_EXISTS', { field: 'expertId', params: { expert: expert.name, status: existing.status }, status: 409 });
  }
  let id: number;
  if (existing) {
    await updateAssignment(trx, existing.id, {
      status: 'active', reserve_rank: null, source: 'manual', updated_at: at, explanation: JSON.stringify([...explanationOf(existing), why]),
    });
    id = existing.id;
  } else {
    id = await insertAssignment(trx, {
      round_id: s.round.id, application_id: applicationId, expert_id: expertId, status: 'active', reserve_rank: null, source: 'manual',
      explanation: JSON.stringify([why]), created_at: at, updated_at: at,
    });
  }
  await notify(trx, [expert.user_id], 'scoring.assigned', roundParams(s.round), at);
  return (await findAssignment(trx, id)) as AssignmentRow;
}

/** Takes an assignment off its entry; its draft goes with it, submitted scores keep it. */
async function unassign(m: Mutation, assignmentId: number): Promise<{ row: AssignmentRow; s: ScoringRound }> {
  const { trx } = m;
  // Locked first, so a parallel removal, recusal or submission of the same assignment is seen here.
  await lockRow(m, 'scoring_assignments', assignmentId);
  const row = await findAssignment(trx, assignmentId);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  await lockRow(m, 'program_rounds', row.round_id, 'share');
  const s = await loadScoringRound(trx, row.round_id);
  assertOpen(s);
  if (row.status === 'recused') throw new KepingError('ASSIGNMENT_NOT_ACTIVE', { params: { status: row.status }, status: 409 });
  const sheet = await findSheet(trx, row.id);
  if (sheet?.status === 'submitted') throw new KepingError('ASSIGNMENT_SUBMITTED', { status: 409 });
  if (sheet) await deleteSheet(trx, row.id);
  await deleteAssignment(trx, row.id);
  return { row, s };
}

export async function addAssignment(
  store: Store, ctx: RequestContext, roundId: number, input: { applicationId: number; expertId: number; reason: string },
): Promise<AssignmentRow> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const s = await loadScoringRound(trx, roundId);
    assertOpen(s);
    const row = await assign(trx, ctx, s, input.applicationId, input.expertId, input.reason);
    await audit({
      action: 'scoring.assignment.add', subjectType: 'scoring_assignment', subjectId: String(row.id), after: { ...snapshot(row), reason: input.reason },
    });
    return row;
  });
}

export async function removeAssignment(store: Store, ctx: RequestContext, assignmentId: number, input: { reason: string }): Promise<{ removed: number }> {
  return mutate(store, ctx, async (m) => {
    const { audit } = m;
    const { row } = await unassign(m, assignmentId);
    await audit({
      action: 'scoring.assignment.remove', subjectType: 'scoring_assignment', subjectId: String(row.id),
      before: snapshot(row), after: { reason: input.reason },
    });
    return { removed: row.id };
  });
}

export async function replaceAssignment(
  store: Store, ctx: RequestContext, assignmentId: number, input: { expertId: number; reason: string },
): Promise<AssignmentRow> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    const { row, s } = await unassign(m, assignmentId);
    const next = await assign(trx, ctx, s, row.application_id, input.expertId, input.reason);
    await audit({
      action: 'scoring.assignment.replace', subjectType: 'scoring_assignment', subjectId: String(row.id),
      before: snapshot(row), after: { ...snapshot(next), assignmentId: next.id, reason: input.reason },
    });
    return next;
  });
}
