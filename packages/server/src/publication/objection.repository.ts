/** Queries on objections (异议) and the decisions that change the list when one is upheld. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PublicationDecisionTable, PublicationEntryTable, PublicationObjectionTable } from '../db/schema-publication.js';
import type { EntryRow, ObjectionRow } from './publication.repository.js';

/** How many objections an address filed on a publication after `since`. */
export async function objectionsFiledSince(db: Kysely<Database>, publicationId: number, ip: string, since: string): Promise<number> {
  const row = await db.selectFrom('publication_objections').select((eb) => eb.fn.countAll().as('n'))
    .where('publication_id', '=', publicationId).where('filed_ip', '=', ip).where('filed_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An entry of this publication (undefined for another publication's). */
export function entryOf(db: Kysely<Database>, publicationId: number, entryId: number): Promise<EntryRow | undefined> {
  return db.selectFrom('publication_entries').selectAll().where('id', '=', entryId).where('publication_id', '=', publicationId).executeTakeFirst();
}

export function insertObjection(db: Kysely<Database>, values: Insertable<PublicationObjectionTable>): Promise<ObjectionRow> {
  return db.insertInto('publication_objections').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateObjection(db: Kysely<Database>, id: number, set: Updateable<PublicationObjectionTable>): Promise<void> {
  await db.updateTable('publication_objections').set(set).where('id', '=', id).execute();
}

/** Resolves an objection still open or under investigation; false when another resolution got there first. */
export async function claimObjection(db: Kysely<Database>, id: number, set: Updateable<PublicationObjectionTable>): Promise<boolean> {
  const claimed = await db.updateTable('publication_objections').set(set)
    .where('id', '=', id).where('status', 'in', ['open', 'investigating']).executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function updateEntry(db: Kysely<Database>, id: number, set: Updateable<PublicationEntryTable>): Promise<void> {
  await db.updateTable('publication_entries').set(set).where('id', '=', id).execute();
}

export async function insertDecision(db: Kysely<Database>, values: Insertable<PublicationDecisionTable>): Promise<number> {
  return (await db.insertInto('publication_decisions').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Whether any objection or application file still refers to stored content. */
export async function contentHeld(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const held = await db.selectFrom('publication_objections').select('id').where('evidence_sha256', '=', sha256).executeTakeFirst();
  const attached = await db.selectFrom('application_files').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return held !== undefined || attached !== undefined;
}
