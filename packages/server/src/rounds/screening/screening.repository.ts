/**
 * Queries of the screening round (初筛): each application's stored verdict and the office's
 * decision on it. How they read and who may read them is decided in screening-view.ts.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ScreeningResultTable } from '../../db/schema.js';

export type ScreeningRow = Selectable<ScreeningResultTable>;

/** The program's applications that are submitted or were screened, with their result in the round if any. */
export function screeningLines(db: Kysely<Database>, programId: number, roundId: number) {
  return db.selectFrom('applications')
    .leftJoin('screening_results', (j) => j.onRef('screening_results.application_id', '=', 'applications.id').on('screening_results.round_id', '=', roundId))
    .innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
    .select([
      'applications.id as applicationId', 'applications.uscc', 'organisations.name as organisationName', 'applications.title',
      'applications.category', 'applications.status as applicationStatus', 'screening_results.verdict', 'screening_results.explanation',
      'screening_results.ran_at', 'screening_results.outcome', 'screening_results.reason_code', 'screening_results.note',
      'screening_results.decided_by', 'screening_results.decided_at', 'applications.facts_snapshot',
    ])
    .where('applications.program_id', '=', programId)
    .where((eb) => eb.or([eb('applications.status', '=', 'submitted'), eb('screening_results.verdict', 'is not', null)]))
    .orderBy('applications.id').execute();
}

/** Results on `applicationIds` in rounds whose status is `roundStatus`, with the round's names, in round order. */
export function resultsInRounds(db: Kysely<Database>, applicationIds: readonly number[], roundStatus: string) {
  return db.selectFrom('screening_results').innerJoin('program_rounds', 'program_rounds.id', 'screening_results.round_id')
    .selectAll('screening_results').select(['program_rounds.name_zh', 'program_rounds.name_en'])
    .where('program_rounds.status', '=', roundStatus).where('screening_results.application_id', 'in', applicationIds)
    .orderBy('program_rounds.position').execute();
}

export function resultsOfRound(db: Kysely<Database>, roundId: number): Promise<ScreeningRow[]> {
  return db.selectFrom('screening_results').selectAll().where('round_id', '=', roundId).orderBy('application_id').execute();
}

export function findResult(db: Kysely<Database>, roundId: number, applicationId: number): Promise<ScreeningRow | undefined> {
  return db.selectFrom('screening_results').selectAll().where('round_id', '=', roundId).where('application_id', '=', applicationId).executeTakeFirst();
}

export async function insertResult(db: Kysely<Database>, values: Insertable<ScreeningResultTable>): Promise<void> {
  await db.insertInto('screening_results').values(values).execute();
}

export async function updateResult(db: Kysely<Database>, roundId: number, applicationId: number, values: Updateable<ScreeningResultTable>): Promise<void> {
  await db.updateTable('screening_results').set(values).where('round_id', '=', roundId).where('application_id', '=', applicationId).execute();
}

/** Code and frozen facts of each submitted application of the program, by id. */
export function submittedCodes(db: Kysely<Database>, programId: number): Promise<{ id: number; uscc: string; facts_snapshot: string | null }[]> {
  return db.selectFrom('applications').select(['id', 'uscc', 'facts_snapshot']).where('program_id', '=', programId)
    .where('status', '=', 'submitted').orderBy('id').execute();
}

export function applicationBrief(db: Kysely<Database>, id: number) {
  return db.selectFrom('applications').select(['id', 'status', 'program_id']).where('id', '=', id).executeTakeFirst();
}

/** Each submitted application of the program with the outcome decided in the round, or null. */
export function outcomesOfSubmitted(db: Kysely<Database>, programId: number, roundId: number) {
  return db.selectFrom('applications')
    .leftJoin('screening_results', (j) => j.onRef('screening_results.application_id', '=', 'applications.id').on('screening_results.round_id', '=', roundId))
    .select(['applications.id', 'screening_results.outcome'])
    .where('applications.program_id', '=', programId).where('applications.status', '=', 'submitted').execute();
}

/** An application's results in screening rounds, with each round's status. */
export function screeningResultsOf(db: Kysely<Database>, applicationId: number) {
  return db.selectFrom('screening_results').innerJoin('program_rounds', 'program_rounds.id', 'screening_results.round_id')
    .selectAll('screening_results').select(['program_rounds.status as roundStatus'])
    .where('screening_results.application_id', '=', applicationId).where('program_rounds.kind', '=', 'screening')
    .orderBy('program_rounds.position').execute();
}
