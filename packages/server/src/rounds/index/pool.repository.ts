/**
 * Queries behind an index round's pool and program: pool entries (application rows with origin
 * 'pool') and the registry lists a pool is drawn from; the cycle's program row and its round.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ApplicationTable, Database, ProgramTable } from '../../db/schema.js';

/** The program's pool entries among `usccs`, with their sources (JSON). */
export function poolEntriesIn(db: Kysely<Database>, programId: number, usccs: readonly string[]) {
  return db.selectFrom('applications').select(['id', 'uscc', 'sources'])
    .where('program_id', '=', programId).where('origin', '=', 'pool').where('uscc', 'in', usccs).execute();
}

export async function insertEntry(db: Kysely<Database>, values: Insertable<ApplicationTable>): Promise<number> {
  return (await db.insertInto('applications').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEntry(db: Kysely<Database>, id: number, values: Updateable<ApplicationTable>): Promise<void> {
  await db.updateTable('applications').set(values).where('id', '=', id).execute();
}

/** Organisations holding a designation `title` of one of `tiers` in `status`, by code. */
export function holdersOf(db: Kysely<Database>, title: string, tiers: readonly string[], status: string) {
  return db.selectFrom('organisations').innerJoin('designations', 'designations.uscc', 'organisations.uscc')
    .select(['organisations.uscc', 'organisations.name']).distinct()
    .where('designations.title', '=', title).where('designations.tier', 'in', tiers)
    .where('designations.status', '=', status).orderBy('organisations.uscc').execute();
}

/** Organisations whose listing is one of `listings`, by code. */
export function organisationsListed(db: Kysely<Database>, listings: readonly string[]) {
  return db.selectFrom('organisations').select(['uscc', 'name']).where('listing', 'in', listings).orderBy('uscc').execute();
}

/** Registered organisations among `usccs` (at most a few hundred at a time), with their names. */
export function organisationsNamed(db: Kysely<Database>, usccs: readonly string[]): Promise<{ uscc: string; name: string }[]> {
  return db.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', usccs).execute();
}

export async function insertProgramRow(db: Kysely<Database>, values: Insertable<ProgramTable>): Promise<number> {
  return (await db.insertInto('programs').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProgramRow(db: Kysely<Database>, id: number, values: Updateable<ProgramTable>): Promise<void> {
  await db.updateTable('programs').set(values).where('id', '=', id).execute();
}

/** Opens every round of the program; returns the id of its first. */
export async function openRoundsOf(db: Kysely<Database>, programId: number): Promise<number> {
  await db.updateTable('program_rounds').set({ status: 'open' }).where('program_id', '=', programId).execute();
  return (await db.selectFrom('program_rounds').select('id').where('program_id', '=', programId).executeTakeFirstOrThrow()).id;
}

/** The round with its program's titles and year. */
export function roundWithProgram(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('program_rounds').innerJoin('programs', 'programs.id', 'program_rounds.program_id')
    .select(['program_rounds.id', 'program_rounds.kind', 'program_rounds.config', 'programs.title_zh', 'programs.title_en', 'programs.cycle_year'])
    .where('program_rounds.id', '=', roundId).executeTakeFirst();
}
