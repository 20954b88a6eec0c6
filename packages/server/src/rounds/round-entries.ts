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

/** The round before `round` in its program, or undefined for the first. */
export async function previousRound(db: Kysely<Database>, round: RoundRow): Promise<RoundRow | undefined> {
  return db.selectFrom('program_rounds').selectAll()
    .where('program_id', '=', round.program_id).where('position', '<', round.position)
    .orderBy('position', 'desc').limit(1).executeTakeFirst();
}

/** Ids of the applications in `round`, ascending. Refused while the previous round is open. */
export async function entriesOfRound(db: Kysely<Database>, round: RoundRow): Promise<number[]> {
  const before = await previousRound(db, round);
  if (!before) {
    const rows = await db.selectFrom('applications').select('id')
      .where('program_id', '=', round.program_id).where('status', '=', 'submitted').orderBy('id').execute();
    return rows.map((r) => r.id);
  }
  if (before.status !== 'closed') {
    throw new KepingError('ROUND_PREVIOUS_OPEN', { params: { round: before.key }, status: 409 });
  }
  const rows = await db.selectFrom('round_advancements').innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .select('round_advancements.application_id as id')
    .where('round_advancements.round_id', '=', before.id).where('round_advancements.advanced', '=', 1)
    .where('applications.status', '=', 'submitted')
    .orderBy('round_advancements.application_id').execute();
  return rows.map((r) => r.id);
}

/**
 * Closes `round` inside the caller's transaction, once: a conditional update that only an open round
 * passes (two parallel closes: one succeeds, the other is told the round is closed, nothing written
 * twice), then its decisions recorded. Returns them.
 */
export async function closeAndDecide(db: Kysely<Database>, round: RoundRow, at: string): Promise<EntryDecision[]> {
  const updated = await db.updateTable('program_rounds').set({ status: 'closed', closed_at: at })
    .where('id', '=', round.id).where('status', '!=', 'closed').executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new KepingError('ROUND_CLOSED', { status: 409 });
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
  const apps = new Map<number, { uscc: string; category: string | null }>();
  for (let i = 0; i < entries.length; i += 500) {
    for (const a of await db.selectFrom('applications').select(['id', 'uscc', 'category']).where('id', 'in', entries.slice(i, i + 500)).execute()) {
      apps.set(a.id, { uscc: a.uscc, category: a.category });
    }
  }
  const kind = serverRoundKind(round.kind);
  const record = await kind.bundleRound(db, round, program);
  const decisions = ROUND_KIND_MODULES[kind.kind].decide(record as never, {
    entries, applications: apps, program: { ruleSetId: program.rule_set_id, closesAt: program.closes_at }, facts: {},
  });
  for (let i = 0; i < decisions.length; i += 500) {
    await db.insertInto('round_advancements').values(decisions.slice(i, i + 500).map((d) => ({
      round_id: round.id, application_id: d.applicationId, advanced: d.advanced ? 1 : 0, decided_at: at,
      category: d.category, score: d.score, rank: d.rank, reason: d.reason, detail: d.detail, note: d.note,
    }))).execute();
  }
  return decisions;
}

/** What the closed round `roundId` decided, by entry. */
export async function decisionsOf(db: Kysely<Database>, roundIds: readonly number[]): Promise<(EntryDecision & { roundId: number })[]> {
  if (roundIds.length === 0) return [];
  const rows = await db.selectFrom('round_advancements').selectAll().where('round_id', 'in', roundIds)
    .orderBy('round_id').orderBy('application_id').execute();
  return rows.map((r) => ({
    roundId: r.round_id, applicationId: r.application_id, advanced: r.advanced === 1, category: r.category,
    score: r.score === null ? null : Number(r.score), rank: r.rank, reason: (r.reason ?? 'no_score') as DecisionReason, detail: r.detail, note: r.note,
  }));
}
