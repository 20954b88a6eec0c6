/**
 * Writes and lookups behind a scoring round's assignments and sheets: the office's hand changes, the
 * engine's run, a recusal and its reserve, the expert's items and files, a sheet's conditional upsert,
 * and the experts named on them.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ScoringAssignmentTable, ScoringScoreTable } from '../../db/schema.js';
import type { AssignmentRow } from './scoring.repository.js';

export function findExpertBrief(db: Kysely<Database>, expertId: number) {
  return db.selectFrom('experts').select(['id', 'name', 'active', 'user_id']).where('id', '=', expertId).executeTakeFirst();
}

/** Id, name and login of each expert in `ids`. */
export function expertsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<{ id: number; name: string; user_id: number | null }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('experts').select(['id', 'name', 'user_id']).where('id', 'in', ids).execute();
}

/** The experts among `ids` with an e-mail address, with their login's language. */
export function expertsWithEmail(db: Kysely<Database>, ids: readonly number[]) {
  return db.selectFrom('experts').innerJoin('users', 'users.id', 'experts.user_id')
    .select(['experts.id', 'experts.name', 'experts.email', 'users.locale'])
    .where('experts.id', 'in', ids).where('experts.email', 'is not', null).orderBy('experts.id').execute();
}

export function findPairAssignment(db: Kysely<Database>, roundId: number, applicationId: number, expertId: number): Promise<AssignmentRow | undefined> {
  return db.selectFrom('scoring_assignments').selectAll().where('round_id', '=', roundId)
    .where('application_id', '=', applicationId).where('expert_id', '=', expertId).executeTakeFirst();
}

export async function insertAssignment(db: Kysely<Database>, values: Insertable<ScoringAssignmentTable>): Promise<number> {
  return (await db.insertInto('scoring_assignments').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAssignments(db: Kysely<Database>, rows: readonly Insertable<ScoringAssignmentTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('scoring_assignments').values(rows.slice(i, i + 200)).execute();
}

export async function updateAssignment(db: Kysely<Database>, id: number, values: Updateable<ScoringAssignmentTable>): Promise<void> {
  await db.updateTable('scoring_assignments').set(values).where('id', '=', id).execute();
}

export async function deleteAssignment(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('scoring_assignments').where('id', '=', id).execute();
}

/** Removes the round's active and reserve assignments (recusals stay on record). */
export async function deleteLiveAssignments(db: Kysely<Database>, roundId: number): Promise<void> {
  await db.deleteFrom('scoring_assignments').where('round_id', '=', roundId).where('status', 'in', ['active', 'reserve']).execute();
}

export async function deleteSheet(db: Kysely<Database>, assignmentId: number): Promise<void> {
  await db.deleteFrom('scoring_scores').where('assignment_id', '=', assignmentId).execute();
}

/** The entry's first reserve whose expert is active with a login, with that login. */
export function firstReserve(db: Kysely<Database>, roundId: number, applicationId: number) {
  return db.selectFrom('scoring_assignments').innerJoin('experts', 'experts.id', 'scoring_assignments.expert_id')
    .selectAll('scoring_assignments').select('experts.user_id')
    .where('scoring_assignments.round_id', '=', roundId).where('scoring_assignments.application_id', '=', applicationId)
    .where('scoring_assignments.status', '=', 'reserve').where('experts.active', '=', 1).where('experts.user_id', 'is not', null)
    .orderBy('scoring_assignments.reserve_rank').executeTakeFirst();
}

/** The active assignments on an entry, in the order they were made. */
export function activeOnEntry(db: Kysely<Database>, roundId: number, applicationId: number): Promise<AssignmentRow[]> {
  return db.selectFrom('scoring_assignments').selectAll().where('round_id', '=', roundId)
    .where('application_id', '=', applicationId).where('status', '=', 'active').orderBy('id').execute();
}

/** An expert's active assignments across rounds, with the round's names and status and the sheet's status. */
export function activeItemsOf(db: Kysely<Database>, expertId: number) {
  return db.selectFrom('scoring_assignments').innerJoin('program_rounds', 'program_rounds.id', 'scoring_assignments.round_id')
    .leftJoin('scoring_scores', 'scoring_scores.assignment_id', 'scoring_assignments.id')
    .select(['scoring_assignments.id', 'scoring_assignments.round_id', 'scoring_assignments.application_id', 'program_rounds.name_zh',
      'program_rounds.name_en', 'program_rounds.status as roundStatus', 'scoring_scores.status as sheetStatus'])
    .where('scoring_assignments.expert_id', '=', expertId).where('scoring_assignments.status', '=', 'active')
    .orderBy('scoring_assignments.round_id').orderBy('scoring_assignments.application_id').execute();
}

export function filesOfEntry(db: Kysely<Database>, applicationId: number) {
  return db.selectFrom('application_files').select(['id', 'attachment_key', 'sha256', 'size', 'mime', 'original_name'])
    .where('application_id', '=', applicationId).orderBy('id').execute();
}

/**
 * Writes a sheet unless it is submitted: one conditional upsert, so the first save never collides
 * with a parallel one and a submitted sheet is never written again. False when the sheet was submitted.
 */
export async function upsertOpenSheet(
  db: Kysely<Database>, key: { assignment_id: number; round_id: number }, values: Omit<Insertable<ScoringScoreTable>, 'assignment_id' | 'round_id'>,
): Promise<boolean> {
  const written = await db.insertInto('scoring_scores').values({ ...values, ...key })
    .onConflict((oc) => oc.column('assignment_id').doUpdateSet(values).where('scoring_scores.status', '!=', 'submitted'))
    .returning('assignment_id').executeTakeFirst();
  return written !== undefined;
}
