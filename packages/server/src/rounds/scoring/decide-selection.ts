/**
 * The office's decision on a scoring round (确定入围名单) and closing it. The decision confirms the
 * proposed selection or departs from it; more than a category's quota, or other entries than the
 * ranking proposes, need an override reason, and deciding before every sheet is in needs a reason
 * too. Closing records the decision as the round's advancements (recordAdvancements).
 */
import { type FieldError, KepingError, type SelectionDecision, type SelectionDecisionInput } from '@keping/core';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import { closeAndDecide, entriesOfRound } from '../round-entries.js';
import { computeResults } from './results.js';
import { assertOpen, loadScoringRound } from './scoring-round.js';
import { countSheets, roundState, saveRoundState } from './scoring.repository.js';

/** Shortest reason accepted for an override or for deciding on incomplete scores. */
export const REASON_MIN = 4;

export async function decideSelection(store: Store, ctx: RequestContext, roundId: number, input: SelectionDecisionInput): Promise<SelectionDecision> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // Submissions in flight finish first (they hold the round shared): the counts below are final.
    await lockRow(m, 'program_rounds', roundId);
    const s = await loadScoringRound(trx, roundId);
    assertOpen(s);
    const results = await computeResults(trx, s, ctx.locale);
    const overrideReason = input.overrideReason?.trim() || null;
    const acceptReason = input.acceptIncompleteReason?.trim() || null;
    const short: FieldError[] = [];
    if (overrideReason !== null && [...overrideReason].length < REASON_MIN) short.push({ code: 'OVERRIDE_REASON_SHORT', field: 'overrideReason', params: { min: REASON_MIN } });
    if (acceptReason !== null && [...acceptReason].length < REASON_MIN) short.push({ code: 'OVERRIDE_REASON_SHORT', field: 'acceptIncompleteReason', params: { min: REASON_MIN } });
    if (short.length > 0) throw KepingError.fromFieldErrors(short);
    if (results.outstanding > 0 && acceptReason === null) {
      throw new KepingError('SCORING_INCOMPLETE', { field: 'acceptIncompleteReason', params: { count: results.outstanding }, status: 409 });
    }
    const entries = new Map(results.entries.map((e) => [e.applicationId, e]));
    const selected = [...new Set(input.selected ?? results.proposed)].sort((a, b) => a - b);
    const unknown: FieldError[] = [];
    (input.selected ?? []).forEach((id, i) => {
      if (!entries.has(id)) unknown.push({ code: 'ENTRY_NOT_IN_ROUND', field: `selected.${i}`, params: { id } });
    });
    if (unknown.length > 0) throw KepingError.fromFieldErrors(unknown);

    const counts = new Map<string, number>();
    for (const id of selected) {
      const category = entries.get(id)?.category;
      if (category) counts.set(category, (counts.get(category) ?? 0) + 1);
    }
    const overQuota = [...counts].flatMap(([category, count]) => {
      const quota = s.quotas[category];
      return quota !== undefined && count > quota ? [{ category, count, quota }] : [];
    });
    const proposed = new Set(results.proposed);
    const chosen = new Set(selected);
    const departures = [...results.proposed.filter((id) => !chosen.has(id)), ...selected.filter((id) => !proposed.has(id))].sort((a, b) => a - b);
    if ((overQuota.length > 0 || departures.length > 0) && overrideReason === null) {
      throw KepingError.fromFieldErrors([
        ...overQuota.map((o) => ({ code: 'SELECTION_OVER_QUOTA', field: 'overrideReason', params: o })),
        ...(departures.length > 0 ? [{ code: 'SELECTION_DEPARTS', field: 'overrideReason', params: { count: departures.length } }] : []),
      ], 409);
    }
    const decision: SelectionDecision = {
      selected, proposed: results.proposed, overQuota, departures, overrideReason, acceptIncompleteReason: acceptReason,
      submittedCount: results.submittedCount, outstanding: results.outstanding,
      scores: results.entries.map((e) => ({ applicationId: e.applicationId, category: e.category, score: e.score, rank: e.rank, flags: e.flags })),
      decidedAt: ctx.now().toISOString(), decidedBy: ctx.actor.id,
    };
    const previous = await roundState(trx, roundId);
    await saveRoundState(trx, roundId, { decision: JSON.stringify(decision), decided_by: ctx.actor.id, decided_at: decision.decidedAt });
    await audit({
      action: 'scoring.decide', subjectType: 'round', subjectId: String(roundId),
      ...(previous?.decision ? { before: JSON.parse(previous.decision) as unknown } : {}),
      after: decision,
    });
    return decision;
  });
}

export async function currentDecision(store: Store, roundId: number): Promise<SelectionDecision | null> {
  const state = await roundState(store.db, roundId);
  return state?.decision ? (JSON.parse(state.decision) as SelectionDecision) : null;
}

export async function closeScoringRound(store: Store, ctx: RequestContext, roundId: number): Promise<{ closedAt: string; advanced: number; stopped: number }> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // Submissions in flight finish first (they hold the round shared): the counts below are final.
    await lockRow(m, 'program_rounds', roundId);
    const s = await loadScoringRound(trx, roundId);
    assertOpen(s);
    const state = await roundState(trx, roundId);
    if (!state?.decision) throw new KepingError('SCORING_NOT_DECIDED', { status: 409 });
    const decision = JSON.parse(state.decision) as SelectionDecision;
    if ((await countSheets(trx, roundId, 'submitted')) !== decision.submittedCount) {
      throw new KepingError('SCORING_DECISION_STALE', { status: 409 });
    }
    const chosen = new Set(decision.selected);
    const entries = await entriesOfRound(trx, s.round);
    const closedAt = ctx.now().toISOString();
    await closeAndDecide(trx, s.round, closedAt);
    const result = { closedAt, advanced: entries.filter((id) => chosen.has(id)).length, stopped: entries.filter((id) => !chosen.has(id)).length };
    await audit({
      action: 'round.close', subjectType: 'round', subjectId: String(roundId), before: { status: s.round.status },
      after: { status: 'closed', ...result, selected: decision.selected },
    });
    return result;
  });
}
