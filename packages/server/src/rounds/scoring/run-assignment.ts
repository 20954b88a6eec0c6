/**
 * Assigning experts to a scoring round's entries: the entries are the round's (entriesOfRound), the
 * experts the active pool members with a login (optionally those carrying given tags), conflicts
 * from the pool's conflict engine and earlier recusals are excluded and listed, and core's
 * assignReviewers decides. Re-running replaces the assignment only while nothing has been scored.
 */
import { assignReviewers, type AssignmentInput, type AssignmentRunSummary, KepingError, type Message, normaliseTag } from '@keping/core';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { loadExperts } from '../../experts/expert.repository.js';
import { entriesOfRound } from '../round-entries.js';
import { setRoundStatus } from '../round.repository.js';
import { deleteLiveAssignments, insertAssignments } from './assignment.repository.js';
import { assertOpen, conflictsWith, loadScoringRound } from './scoring-round.js';
import { applicationsById, assignmentsOf, countSheets, saveRoundState } from './scoring.repository.js';

export async function runAssignment(store: Store, ctx: RequestContext, roundId: number): Promise<AssignmentRunSummary> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const s = await loadScoringRound(trx, roundId);
    assertOpen(s);
    const scored = await countSheets(trx, roundId);
    if (scored > 0) throw new KepingError('ASSIGNMENT_HAS_SCORES', { params: { count: scored }, status: 409 });
    const apps = await applicationsById(trx, await entriesOfRound(trx, s.round));
    const a = s.config.assignment;
    const wanted = new Set(a.expertTags.map(normaliseTag));
    const pool = (await loadExperts(trx, { activeOnly: true }))
      .filter((e) => e.userId !== null && e.available && (wanted.size === 0 || e.tags.some((t) => wanted.has(t))));
    if (pool.length === 0) throw new KepingError('SCORING_NO_EXPERTS', { status: 409 });

    const conflicts = await conflictsWith(trx, ctx, pool.map((e) => e.id), apps);
    const previous = await assignmentsOf(trx, roundId);
    const recused = previous.filter((r) => r.status === 'recused');
    const pairs = [
      ...conflicts.map((c) => ({ entryId: String(c.applicationId), expertId: String(c.expertId) })),
      ...recused.map((r) => ({ entryId: String(r.application_id), expertId: String(r.expert_id) })),
    ];
    // Affinity: an expert whose tags name the entry's category (by key or name) is preferred.
    const categoryWords = new Map(s.categories.map((c) => [c.key, new Set([c.key, c.name.zh, c.name.en].map(normaliseTag))]));
    const affinity = apps.flatMap((app) => {
      const words = app.category ? categoryWords.get(app.category) : undefined;
      if (!words) return [];
      return pool.filter((e) => e.tags.some((t) => words.has(t))).map((e) => ({ entryId: String(app.id), expertId: String(e.id), score: 1 }));
    });
    const input: AssignmentInput = {
      entries: apps.map((app) => ({ id: String(app.id) })),
      experts: pool.map((e) => ({ id: String(e.id) })),
      affinity, candidates: 'all', conflicts: pairs,
      perEntry: a.perEntry, minLoad: a.minLoad, maxLoad: a.maxLoad, mode: a.mode,
      ...(a.seed ? { seed: a.seed } : {}),
      ...(a.mode === 'random' ? { reserves: a.reserves } : {}),
    };
    const result = apps.length === 0 ? undefined : assignReviewers(input);
    if (result && !result.ok) throw KepingError.fromFieldErrors(result.errors, 409);

    const at = ctx.now().toISOString();
    await deleteLiveAssignments(trx, roundId);
    const rows = [
      ...(result?.value.assignments ?? []).map((x) => {
        const why: Message[] = [{ key: 'scoring.explain.engine', params: { mode: a.mode, score: x.score } }];
        if (x.drawPosition !== undefined) why.push({ key: 'scoring.explain.draw', params: { position: x.drawPosition, seed: a.seed ?? '' } });
        return { application_id: Number(x.entryId), expert_id: Number(x.expertId), status: 'active', reserve_rank: null, explanation: JSON.stringify(why) };
      }),
      ...(result?.value.reserves ?? []).map((x) => ({
        application_id: Number(x.entryId), expert_id: Number(x.expertId), status: 'reserve', reserve_rank: x.rank,
        explanation: JSON.stringify([{ key: 'scoring.explain.reserve', params: { rank: x.rank, position: x.drawPosition } }]),
      })),
    ];
    await insertAssignments(trx, rows.map((r) => ({ ...r, round_id: roundId, source: 'engine', created_at: at, updated_at: at })));
    const summary: AssignmentRunSummary = {
      mode: a.mode, seed: a.seed ?? null, entries: apps.length, experts: pool.length,
      assignments: result?.value.assignments.length ?? 0, reserves: result?.value.reserves.length ?? 0,
      conflicts, loads: (result?.value.explanation.loads ?? []).map((l) => ({ expertId: Number(l.expertId), load: l.load })),
      excluded: { ...(result?.value.explanation.excluded ?? {}) }, ranAt: at,
    };
    await saveRoundState(trx, roundId, { assignment: JSON.stringify(summary), assigned_at: at });
    if (s.round.status === 'pending') await setRoundStatus(trx, roundId, 'open');
    await audit({
      action: 'scoring.assign', subjectType: 'round', subjectId: String(roundId),
      before: { assignments: previous.filter((r) => r.status !== 'recused').length },
      after: {
        mode: summary.mode, seed: summary.seed, entries: summary.entries, experts: summary.experts, assignments: summary.assignments,
        reserves: summary.reserves, conflictsExcluded: conflicts.length, recusalsExcluded: recused.length,
      },
    });
    return summary;
  });
}
