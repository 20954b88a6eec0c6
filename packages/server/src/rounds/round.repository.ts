/**
 * Queries every round kind shares: a round by id, its place in the program, its status and config,
 * the entries a round takes, and the decisions recorded when it closed (round_advancements).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, RoundAdvancementTable } from '../db/schema.js';
import type { RoundRow } from '../programs/program.repository.js';

export type AdvancementRow = Selectable<RoundAdvancementTable>;

export function findRound(db: Kysely<Database>, roundId: number): Promise<RoundRow | undefined> {
  return db.selectFrom('program_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
}

/** The round before `round` in its program, or undefined for the first. */
export function previousRound(db: Kysely<Database>, round: RoundRow): Promise<RoundRow | undefined> {
  return db.selectFrom('program_rounds').selectAll()
    .where('program_id', '=', round.program_id).where('position', '<', round.position)
    .orderBy('position', 'desc').limit(1).executeTakeFirst();
}

export async function setRoundStatus(db: Kysely<Database>, roundId: number, status: string): Promise<void> {
  await db.updateTable('program_rounds').set({ status }).where('id', '=', roundId).execute();
}

export async function setRoundConfig(db: Kysely<Database>, roundId: number, config: string): Promise<void> {
  await db.updateTable('program_rounds').set({ config }).where('id', '=', roundId).execute();
}

/** Closes the round unless it is closed already; true when this call closed it. */
export async function closeRoundOnce(db: Kysely<Database>, roundId: number, at: string): Promise<boolean> {
  const updated = await db.updateTable('program_rounds').set({ status: 'closed', closed_at: at })
    .where('id', '=', roundId).where('status', '!=', 'closed').executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Ids of the program's submitted applications, ascending. */
export async function submittedApplicationIds(db: Kysely<Database>, programId: number): Promise<number[]> {
  const rows = await db.selectFrom('applications').select('id')
    .where('program_id', '=', programId).where('status', '=', 'submitted').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Ids of the still-submitted applications the closed round `roundId` advanced, ascending. */
export async function advancedApplicationIds(db: Kysely<Database>, roundId: number): Promise<number[]> {
  const rows = await db.selectFrom('round_advancements').innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .select('round_advancements.application_id as id')
    .where('round_advancements.round_id', '=', roundId).where('round_advancements.advanced', '=', 1)
    .where('applications.status', '=', 'submitted')
    .orderBy('round_advancements.application_id').execute();
  return rows.map((r) => r.id);
}

/** Code and category of each application, by id. */
export async function applicantsOf(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, { uscc: string; category: string | null }>> {
  const out = new Map<number, { uscc: string; category: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const a of await db.selectFrom('applications').select(['id', 'uscc', 'category']).where('id', 'in', ids.slice(i, i + 500)).execute()) {
      out.set(a.id, { uscc: a.uscc, category: a.category });
    }
  }
  return out;
}

/** Ids among `ids` in `category`, ascending. */
export async function idsInCategory(db: Kysely<Database>, ids: readonly number[], category: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('applications').select('id').where('id', 'in', ids).where('category', '=', category).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function insertAdvancements(db: Kysely<Database>, rows: readonly AdvancementRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('round_advancements').values(rows.slice(i, i + 500)).execute();
}

export function advancementsOf(db: Kysely<Database>, roundIds: readonly number[]): Promise<AdvancementRow[]> {
  return db.selectFrom('round_advancements').selectAll().where('round_id', 'in', roundIds)
    .orderBy('round_id').orderBy('application_id').execute();
}
