/**
 * An expert's score sheet (评分表): criterion scores with comments, saved as a draft any number of
 * times, then submitted once and locked: one conditional upsert, so parallel requests cannot submit
 * twice. Every score is checked against its criterion's scale and step by core's scoreReview; a draft
 * may leave criteria empty, a submission may not.
 */
import { type FieldError, KepingError, rubricOf, type ScoreInput, scoreReview, type Sheet } from '@keping/core';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { ensure } from '../../policies/ensure.js';
import { canReachAssignment } from '../../policies/scoring.policy.js';
import { upsertOpenSheet } from './assignment.repository.js';
import { toSheet } from './expert-items.js';
import { conflictsWith, scoringConfigOf } from './scoring-round.js';
import { sheetSaveContext } from './scoring.repository.js';

export async function saveSheet(
  store: Store, ctx: RequestContext, assignmentId: number, input: ScoreInput, submit: boolean,
): Promise<Sheet & { weightedScore: number | null }> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // One read locks the assignment and its round (neither may change under the save: a recusal, a
    // removal, the close) and brings everything the checks below need.
    const row = await sheetSaveContext(trx, m.dialect, assignmentId);
    // The caller reaches it only through their own active expert record (scoring.policy).
    const mine = row !== undefined && ctx.actor.id !== null && row.expert_user_id === ctx.actor.id && row.expert_active === 1;
    ensure(row !== undefined && mine && canReachAssignment({ id: row.expert_id }, row), 'hide', 'SCORING_NOT_ASSIGNED');
    if (row.status === 'recused') throw new KepingError('ASSIGNMENT_RECUSED', { status: 409 });
    const expert = { id: row.expert_id, name: row.expert_name };
    const app = { id: row.application_id, uscc: row.uscc, organisationName: row.organisation_name };
    if ((await conflictsWith(trx, ctx, [expert.id], [app])).length > 0) {
      throw new KepingError('ASSIGNMENT_CONFLICTED', { params: { expert: expert.name }, status: 409 });
    }
    if (row.round_kind !== 'scoring') throw new KepingError('ROUND_NOT_SCORING', { params: { kind: row.round_kind }, status: 409 });
    const config = scoringConfigOf(row.round_config);
    if (row.round_status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
    const existing = row.sheet_status === null ? undefined : { status: row.sheet_status, scores: row.sheet_scores ?? '{}' };
    if (existing?.status === 'submitted') throw new KepingError('SCORE_SHEET_ALREADY_SUBMITTED', { status: 409 });

    const rubric = rubricOf(config);
    const keys = new Set(rubric.criteria.map((c) => c.id));
    const scored = scoreReview(rubric, { entry: String(row.application_id), expert: String(expert.id), scores: input.scores });
    const errors: FieldError[] = scored.ok ? [] : scored.errors.filter((e) => submit || e.code !== 'SCORE_MISSING');
    for (const key of Object.keys(input.comments)) {
      if (!keys.has(key)) errors.push({ code: 'CRITERION_UNKNOWN', field: `comments.${key}`, params: { value: key } });
    }
    if (errors.length > 0) throw KepingError.fromFieldErrors(errors);

    const at = ctx.now().toISOString();
    const comments = { criteria: Object.fromEntries(Object.entries(input.comments).map(([k, v]) => [k, v.trim()])), overall: input.comment.trim() };
    const values = {
      scores: JSON.stringify(input.scores), comments: JSON.stringify(comments), status: submit ? 'submitted' : 'draft',
      updated_at: at, submitted_at: submit ? at : null,
    };
    // One conditional upsert: the first save of a sheet never collides with a parallel one, and a
    // submitted sheet is never written again — whoever reads it first, only one submission succeeds.
    if (!(await upsertOpenSheet(trx, { assignment_id: row.id, round_id: row.round_id }, values))) throw new KepingError('SCORE_SHEET_ALREADY_SUBMITTED', { status: 409 });
    const weightedScore = scored.ok ? scored.score.score : null;
    await audit({
      action: submit ? 'scoring.submit' : 'scoring.draft', subjectType: 'scoring_assignment', subjectId: String(row.id),
      ...(existing ? { before: { status: existing.status, scores: JSON.parse(existing.scores) as unknown } } : {}),
      after: { roundId: row.round_id, applicationId: row.application_id, expertId: expert.id, status: values.status, scores: input.scores, weightedScore },
    });
    return { ...toSheet({ ...values, assignment_id: row.id, round_id: row.round_id }), weightedScore };
  });
}
