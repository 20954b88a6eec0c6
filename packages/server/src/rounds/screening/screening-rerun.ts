/**
 * Re-running screening on live facts (按最新信息重新初筛): the office, giving a reason, replaces an
 * application's frozen facts and verdict with the registry's now. Its results in open screening
 * rounds take the new verdict (a decision on a verdict that changed is cleared, to be taken again);
 * a closed round's result stands, so then nothing is re-run. The previous facts and verdict stay in
 * the audit entry. One transaction; the application row is locked so racing re-runs take turns, and
 * a re-run that would change nothing writes nothing.
 */
import { KepingError, type RerunResult, type RerunScreeningInput } from '@keping/core';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { parseSnapshot } from '../../programs/application-facts.js';
import { lockApplicationRow, updateApplicationRow } from '../../programs/application.repository.js';
import { evaluateSnapshot } from '../../programs/eligibility.service.js';
import { findProgramRow } from '../../programs/program.repository.js';
import { screeningResultsOf, updateResult } from './screening.repository.js';
import { storedResult } from './screening.service.js';

export async function rerunScreening(store: Store, ctx: RequestContext, applicationId: number, input: RerunScreeningInput): Promise<RerunResult> {
  return mutate(store, ctx, async ({ trx, dialect, audit }) => {
    const row = await lockApplicationRow(trx, dialect, applicationId);
    if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
    if (row.status !== 'submitted') throw new KepingError('APPLICATION_NOT_SUBMITTED', { status: 409 });
    const program = await findProgramRow(trx, row.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    const results = await screeningResultsOf(trx, row.id);
    if (results.some((r) => r.roundStatus === 'closed')) throw new KepingError('ROUND_CLOSED', { status: 409 });

    const at = ctx.now().toISOString();
    const before = parseSnapshot(row.facts_snapshot);
    const after = await evaluateSnapshot(trx, program, row.uscc, at);
    const verdictBefore = before?.result?.verdict ?? null;
    const verdictAfter = after.result?.verdict ?? null;
    const same = before !== null && JSON.stringify([before.facts, before.result]) === JSON.stringify([after.facts, after.result]);
    if (same) return { changed: false, verdictBefore, verdictAfter, rounds: [] };

    await updateApplicationRow(trx, row.id, { facts_snapshot: JSON.stringify(after) });
    const stored = storedResult(after, at);
    const rounds: { roundId: number; verdict: string; outcome: string | null; reasonCode: string | null; decisionCleared: boolean }[] = [];
    for (const r of results) {
      const cleared = r.outcome !== null && r.verdict !== stored.verdict;
      await updateResult(trx, r.round_id, row.id, {
        ...stored, ...(cleared ? { outcome: null, reason_code: null, note: null, decided_by: null, decided_at: null } : {}),
      });
      rounds.push({ roundId: r.round_id, verdict: r.verdict, outcome: r.outcome, reasonCode: r.reason_code, decisionCleared: cleared });
    }
    const brief = (s: typeof before) => s && { asOf: s.asOf, evaluatedAt: s.evaluatedAt, verdict: s.result?.verdict ?? null, facts: s.facts };
    await audit({
      action: 'screening.rerun', subjectType: 'application', subjectId: String(row.id),
      before: { snapshot: brief(before), rounds: rounds.map(({ roundId, verdict, outcome, reasonCode }) => ({ roundId, verdict, outcome, reasonCode })) },
      after: { reason: input.reason, snapshot: brief(after), rounds: rounds.map(({ roundId, decisionCleared }) => ({ roundId, verdict: stored.verdict, decisionCleared })) },
    });
    return { changed: true, verdictBefore, verdictAfter, rounds: rounds.map((r) => r.roundId) };
  });
}
