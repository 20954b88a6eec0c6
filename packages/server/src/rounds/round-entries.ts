/**
 * Which applications take part in a round, the one rule every round kind follows: the first round
 * takes every submitted application; each later round takes those its predecessor advanced, as
 * recorded in round_advancements when that round closed (whatever its kind). A later round has no entries until its predecessor is closed.
 */
import { type DecisionReason, type EntryDecision, KepingError, ROUND_KIND_MODULES } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findProgramRow, type RoundRow } from '../programs/program.repository.js';
import { serverRoundKind } from './registry.js';
import {
  advancedApplicationIds, advancementsOf, applicantsOf, closeRoundOnce, insertAdvancements, previousRound, submittedApplicationIds,
} from './round.repository.js';

/** Ids of the applications in `round`, ascending. Refused while the previous round is open. */
export async function entriesOfRound(db: Kysely<Database>, round: RoundRow): Promise<number[]> {
  const before = await previousRound(db, round);
  if (!before) return submittedApplicationIds(db, round.program_id);
  if (before.status !== 'closed') {
    throw new KepingError('ROUND_PREVIOUS_OPEN', { params: { round: before.key }, status: 409 });
  }
  return advancedApplicationIds(db, before.id);
}

/**
 * Closes `round` inside the caller's transaction, once: a conditional update that only an open round
 * passes (two parallel closes: one succeeds, the other is told the round is closed, nothing written
 * twice), then its decisions recorded. Returns them.
 */
export async function closeAndDecide(db: Kysely<Database>, round: RoundRow, at: string): Promise<EntryDecision[]> {
  if (!(await closeRoundOnce(db, round.id, at))) throw new KepingError('ROUND_CLOSED', { status: 409 });
  return recordDecisions(db, { ...round, status: 'closed', closed_at: at }, at);
}

/**
 * Records a closing round's decisions: its kind decides every entry (score, rank,
 * advanced, reason) from the round's recorded inputs, exactly as the bundle's recompute will, and
 * the decisions are stored. Returns them.
 */
async function recordDecisions(db: Kysely<Database>, round: RoundRow, at: string): Promise<EntryDecision[]> {
  const program = await findProgramRow(db, round.program_id);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  const entries = await entriesOfRound(db, round);
  const apps = await applicantsOf(db, entries);
  const kind = serverRoundKind(round.kind);
  const record = await kind.bundleRound(db, round, program);
  const decisions = ROUND_KIND_MODULES[kind.kind].decide(record as never, {
    entries, applications: apps, program: { ruleSetId: program.rule_set_id, closesAt: program.closes_at }, facts: {},
  });
  await insertAdvancements(db, decisions.map((d) => ({
    round_id: round.id, application_id: d.applicationId, advanced: d.advanced ? 1 : 0, decided_at: at,
    category: d.category, score: d.score, rank: d.rank, reason: d.reason, detail: d.detail, note: d.note,
  })));
  return decisions;
}

/** What the closed round `roundId` decided, by entry. */
export async function decisionsOf(db: Kysely<Database>, roundIds: readonly number[]): Promise<(EntryDecision & { roundId: number })[]> {
  if (roundIds.length === 0) return [];
  const rows = await advancementsOf(db, roundIds);
  return rows.map((r) => ({
    roundId: r.round_id, applicationId: r.application_id, advanced: r.advanced === 1, category: r.category,
    score: r.score === null ? null : Number(r.score), rank: r.rank, reason: (r.reason ?? 'no_score') as DecisionReason, detail: r.detail, note: r.note,
  }));
}
