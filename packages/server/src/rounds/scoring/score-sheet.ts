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
import { lockRow } from '../../db/locks.repository.js';
import { scorableAssignment, toSheet } from './expert-items.js';
import { upsertOpenSheet } from './assignment.repository.js';
import { assertOpen, loadScoringRound } from './scoring-round.js';
import { findSheet } from './scoring.repository.js';

export async function saveSheet(
  store: Store, ctx: RequestContext, assignmentId: number, input: ScoreInput, submit: boolean,
): Promise<Sheet & { weightedScore: number | null }> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // The assignment and its round must not change under the save (a recusal, a removal, the close).
    await lockRow(m, 'scoring_assignments', assignmentId);
    const { row, expert } = await scorableAssignment(trx, ctx, assignmentId);
    await lockRow(m, 'program_rounds', row.round_id, 'share');
    const s = await loadScoringRound(trx, row.round_id);
    assertOpen(s);
    const existing = await findSheet(trx, row.id);
    if (existing?.status === 'submitted') throw new KepingError('SCORE_SHEET_ALREADY_SUBMITTED', { status: 409 });

    const rubric = rubricOf(s.config);
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
