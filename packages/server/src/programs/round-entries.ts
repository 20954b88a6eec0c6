/**
 * Which applications take part in a round, the one rule every round kind follows: the first round
 * takes every submitted application; each later round takes those its predecessor advanced, as
 * recorded in round_advancements when that round closed (whatever its kind: screening, scoring,
 * panel). A later round has no entries until its predecessor is closed.
 */
import { KepingError } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RoundRow } from './program.repository.js';

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

/** Records, inside the closing transaction, which entries of `roundId` go on. */
export async function recordAdvancements(
  db: Kysely<Database>, roundId: number, outcomes: readonly { applicationId: number; advanced: boolean }[], at: string,
): Promise<void> {
  for (let i = 0; i < outcomes.length; i += 500) {
    await db.insertInto('round_advancements')
      .values(outcomes.slice(i, i + 500).map((o) => ({ round_id: roundId, application_id: o.applicationId, advanced: o.advanced ? 1 : 0, decided_at: at })))
      .execute();
  }
}
