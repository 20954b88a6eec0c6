/**
 * What the demo reads back between the steps it replays through the services (which organisations
 * to use, what a round advanced, who is a demo login), and its one bulk write: the synthetic
 * registry, inside the caller's audited mutation.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, OrganisationTable } from '../db/schema.js';

export async function countDemoOrganisations(db: Kysely<Database>): Promise<number> {
  return Number((await db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).where('is_demo', '=', 1).executeTakeFirstOrThrow()).n);
}

export async function insertOrganisations(db: Kysely<Database>, rows: readonly Insertable<OrganisationTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('organisations').values(rows.slice(i, i + 500)).execute();
}

/** Demo organisations by code, optionally of one kind, established before a day, the first `limit`. */
export function demoOrganisations(
  db: Kysely<Database>, filter: { kind?: string; establishedBefore?: string; limit?: number } = {},
): Promise<Selectable<OrganisationTable>[]> {
  let q = db.selectFrom('organisations').selectAll().where('is_demo', '=', 1);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.establishedBefore !== undefined) q = q.where('established', '<', filter.establishedBefore);
  q = q.orderBy('uscc');
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  return q.execute();
}

export async function userIdByName(db: Kysely<Database>, username: string): Promise<number | undefined> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())?.id;
}

/** Which of `usernames` have an account. */
export async function existingUsernames(db: Kysely<Database>, usernames: readonly string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  return (await db.selectFrom('users').select('username').where('username', 'in', usernames).execute()).map((u) => u.username);
}

/** The entries the closed round advanced, by id, with their code, organisation name and category. */
export function advancedOf(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('round_advancements').innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
    .select(['applications.id', 'applications.uscc', 'organisations.name', 'applications.category'])
    .where('round_advancements.round_id', '=', roundId).where('round_advancements.advanced', '=', 1)
    .orderBy('applications.id').execute();
}

/** Each screened entry's verdict and category in the round, by entry. */
export function verdictsOf(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('screening_results').innerJoin('applications', 'applications.id', 'screening_results.application_id')
    .select(['application_id', 'verdict', 'applications.category']).where('round_id', '=', roundId).orderBy('application_id').execute();
}

export async function countCertificates(db: Kysely<Database>, publicationId: number): Promise<number> {
  return Number((await db.selectFrom('certificates').select((eb) => eb.fn.countAll().as('n')).where('publication_id', '=', publicationId).executeTakeFirstOrThrow()).n);
}
