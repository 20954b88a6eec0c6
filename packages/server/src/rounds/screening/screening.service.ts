/**
 * The screening round (初筛): the rules first, on every submitted application, verdict and explanation
 * stored; then the office confirms or overrides each with a reason code (and a note for an override);
 * the round closes only when every submitted application is decided. Each step is one audited transaction.
 * The rules read the facts frozen on the application at submission, never the registry as it is now.
 */
import { type FactsSnapshot, KepingError, type ScreeningDecision, type ScreeningDecisionInput, type ScreeningRunSummary } from '@keping/core';
import { closeAndDecide } from '../round-entries.js';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import { updateApplicationRow } from '../../programs/application.repository.js';
import { evaluateSnapshot } from '../../programs/eligibility.service.js';
import { findProgramRow } from '../../programs/program.repository.js';
import { setRoundStatus } from '../round.repository.js';
import { automaticOutcome, screeningRound, toDecision } from './screening-view.js';
import {
  applicationBrief, findResult, insertResult, outcomesOfSubmitted, resultsOfRound, submittedCodes, updateResult,
} from './screening.repository.js';

/** A snapshot's result as a screening row stores it: the explanation keeps each fact's source beside the result. */
export function storedResult(s: FactsSnapshot, at: string): { verdict: 'eligible' | 'ineligible' | 'unknown'; explanation: string | null; ran_at: string } {
  const sources = Object.fromEntries(Object.entries(s.facts).map(([k, f]) => [k, f.source]));
  return { verdict: s.result?.verdict ?? 'unknown', explanation: s.result ? JSON.stringify({ ...s.result, sources }) : null, ran_at: at };
}

/** Shortest note accepted for an override. */
export const NOTE_MIN = 4;

export async function runScreening(store: Store, ctx: RequestContext, roundId: number): Promise<ScreeningRunSummary> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // one run at a time (each inserts the results it finds missing), and none under a decision or the close
    await lockRow(m, 'program_rounds', roundId);
    const round = await screeningRound(trx, roundId);
    if (round.status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
    const program = await findProgramRow(trx, round.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    const apps = await submittedCodes(trx, program.id);
    const existing = new Map((await resultsOfRound(trx, roundId)).map((r) => [r.application_id, r]));
    const summary: ScreeningRunSummary = { screened: 0, eligible: 0, ineligible: 0, unknown: 0, kept: 0 };
    const at = ctx.now().toISOString();
    for (const app of apps) {
      const old = existing.get(app.id);
      if (old?.outcome) {
        summary.kept++;
        continue;
      }
      let frozen = app.facts_snapshot === null ? null : JSON.parse(app.facts_snapshot) as FactsSnapshot;
      if (!frozen) {
        // Submitted before facts were frozen (or drawn from a pool): frozen now, at their first screening.
        frozen = await evaluateSnapshot(trx, program, app.uscc, at);
        await updateApplicationRow(trx, app.id, { facts_snapshot: JSON.stringify(frozen) });
      }
      const values = storedResult(frozen, at);
      const verdict = values.verdict;
      if (old) await updateResult(trx, roundId, app.id, values);
      else {
        await insertResult(trx, {
          round_id: roundId, application_id: app.id, ...values, outcome: null, reason_code: null, note: null, decided_by: null, decided_at: null,
        });
      }
      summary.screened++;
      summary[verdict]++;
    }
    if (round.status === 'pending') await setRoundStatus(trx, roundId, 'open');
    await audit({
      action: 'screening.run', subjectType: 'round', subjectId: String(roundId), after: { ruleSet: program.rule_set_id, ...summary },
    });
    return summary;
  });
}

export async function decideScreening(store: Store, ctx: RequestContext, roundId: number, input: ScreeningDecisionInput): Promise<ScreeningDecision> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // decisions hold the round shared; a run or the close takes it alone, so each reads what the others committed
    await lockRow(m, 'program_rounds', roundId, 'share');
    const round = await screeningRound(trx, roundId);
    if (round.status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
    const app = await applicationBrief(trx, input.applicationId);
    if (!app || app.program_id !== round.program_id) throw new KepingError('NOT_FOUND', { field: 'applicationId', status: 404 });
    if (app.status !== 'submitted') throw new KepingError('APPLICATION_WITHDRAWN', { field: 'applicationId', status: 409 });
    const row = await findResult(trx, roundId, app.id);
    if (!row) throw new KepingError('SCREENING_NOT_RUN', { field: 'applicationId', status: 409 });
    if ((input.reasonCode === 'rule_passed' && input.outcome !== 'advance') || (input.reasonCode === 'rule_failed' && input.outcome !== 'reject')) {
      throw KepingError.fromFieldErrors([{ code: 'REASON_CONTRADICTS', field: 'reasonCode', params: { reason: input.reasonCode, outcome: input.outcome } }]);
    }
    const note = input.note.trim();
    const override = automaticOutcome(row.verdict) !== input.outcome;
    if (override && [...note].length < NOTE_MIN) {
      throw KepingError.fromFieldErrors([{ code: 'NOTE_REQUIRED', field: 'note', params: { min: NOTE_MIN } }]);
    }
    const at = ctx.now().toISOString();
    const values = { outcome: input.outcome, reason_code: input.reasonCode, note: note || null, decided_by: ctx.actor.id, decided_at: at };
    await updateResult(trx, roundId, app.id, values);
    await audit({
      action: override ? 'screening.override' : 'screening.confirm', subjectType: 'application', subjectId: String(app.id),
      before: { roundId, verdict: row.verdict, outcome: row.outcome, reasonCode: row.reason_code, note: row.note },
      after: { roundId, verdict: row.verdict, outcome: input.outcome, reasonCode: input.reasonCode, note: values.note },
    });
    return toDecision({ ...row, ...values }, ctx.locale) as ScreeningDecision;
  });
}

export async function closeRound(store: Store, ctx: RequestContext, roundId: number): Promise<{ closedAt: string; advanced: number; rejected: number }> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // decisions in flight finish first: the undecided count below is final
    await lockRow(m, 'program_rounds', roundId);
    const round = await screeningRound(trx, roundId);
    if (round.status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
    const rows = await outcomesOfSubmitted(trx, round.program_id, roundId);
    const undecided = rows.filter((r) => r.outcome === null);
    if (undecided.length > 0) {
      throw new KepingError('ROUND_UNDECIDED', { params: { count: undecided.length, ids: undecided.slice(0, 20).map((r) => r.id).join(', ') }, status: 409 });
    }
    const closedAt = ctx.now().toISOString();
    await closeAndDecide(trx, round, closedAt);
    const result = {
      closedAt, advanced: rows.filter((r) => r.outcome === 'advance').length, rejected: rows.filter((r) => r.outcome === 'reject').length,
    };
    await audit({
      action: 'round.close', subjectType: 'round', subjectId: String(roundId), before: { status: round.status }, after: { status: 'closed', ...result },
    });
    return result;
  });
}
