/** Queries on applications (申报) and their files, and how they are presented. */
import type { Application, ApplicationFile, ApplicationStatus } from '@keping/core';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { ApplicationFileTable, ApplicationTable, Database } from '../db/schema.js';

export type ApplicationRow = Selectable<ApplicationTable>;
export type FileRow = Selectable<ApplicationFileTable>;

export function toFile(row: FileRow): ApplicationFile {
  return {
    id: row.id, key: row.attachment_key, sha256: row.sha256, size: row.size, originalName: row.original_name, mime: row.mime,
    uploadedAt: row.uploaded_at,
  };
}

export function toApplication(row: ApplicationRow, files: FileRow[], organisationName: string | null): Application {
  return {
    id: row.id, programId: row.program_id, uscc: row.uscc, organisationName, title: row.title, category: row.category,
    values: JSON.parse(row.form_values) as Record<string, string | number>, status: row.status as ApplicationStatus,
    createdAt: row.created_at, updatedAt: row.updated_at, submittedAt: row.submitted_at, withdrawnAt: row.withdrawn_at,
    files: files.map(toFile),
  };
}

export function findApplicationRow(db: Kysely<Database>, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row, locked on PostgreSQL until the transaction ends, so two re-runs on it take turns (SQLite runs one transaction at a time). */
export function lockApplicationRow(db: Kysely<Database>, dialect: Dialect, id: number): Promise<ApplicationRow | undefined> {
  const q = db.selectFrom('applications').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertApplication(db: Kysely<Database>, values: Insertable<ApplicationTable>): Promise<number> {
  return (await db.insertInto('applications').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateApplicationRow(db: Kysely<Database>, id: number, set: Updateable<ApplicationTable>): Promise<void> {
  await db.updateTable('applications').set(set).where('id', '=', id).execute();
}

/** Moves an application on from `from`, conditionally: false when its status changed meanwhile. */
export async function moveApplication(db: Kysely<Database>, id: number, from: string, set: Updateable<ApplicationTable>): Promise<boolean> {
  const updated = await db.updateTable('applications').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A file of this application (undefined for another application's). */
export function fileOf(db: Kysely<Database>, applicationId: number, fileId: number): Promise<FileRow | undefined> {
  return db.selectFrom('application_files').selectAll().where('id', '=', fileId).where('application_id', '=', applicationId).executeTakeFirst();
}

export function fileUnderKey(db: Kysely<Database>, applicationId: number, key: string): Promise<FileRow | undefined> {
  return db.selectFrom('application_files').selectAll().where('application_id', '=', applicationId).where('attachment_key', '=', key).executeTakeFirst();
}

/** Replaces the file under a key (the earlier upload, if any, is dropped). */
export async function replaceFile(db: Kysely<Database>, previousId: number | null, values: Insertable<ApplicationFileTable>): Promise<FileRow> {
  if (previousId !== null) await db.deleteFrom('application_files').where('id', '=', previousId).execute();
  return db.insertInto('application_files').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Whether any application file refers to stored content. */
export async function fileContentHeld(db: Kysely<Database>, sha256: string): Promise<boolean> {
  return (await db.selectFrom('application_files').select('id').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
}

export function filesOf(db: Kysely<Database>, applicationIds: number[]): Promise<FileRow[]> {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('application_files').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute();
}

export async function presentApplications(db: Kysely<Database>, rows: ApplicationRow[]): Promise<Application[]> {
  const files = await filesOf(db, rows.map((r) => r.id));
  const usccs = [...new Set(rows.map((r) => r.uscc))];
  const orgs = usccs.length ? await db.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', usccs).execute() : [];
  const names = new Map(orgs.map((o) => [o.uscc, o.name]));
  return rows.map((r) => toApplication(r, files.filter((f) => f.application_id === r.id), names.get(r.uscc) ?? null));
}

export async function listApplicationRows(
  db: Kysely<Database>, filter: { programId?: number | undefined; uscc?: string | undefined; status?: string | undefined; origin?: 'applied' | 'pool' },
): Promise<ApplicationRow[]> {
  let q = db.selectFrom('applications').selectAll().orderBy('id');
  if (filter.programId !== undefined) q = q.where('program_id', '=', filter.programId);
  if (filter.uscc !== undefined) q = q.where('uscc', '=', filter.uscc);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.origin !== undefined) q = q.where('origin', '=', filter.origin);
  return q.execute();
}

/** Every application of a program, pool entries included, by id (the record bundle's list). */
export function applicationsOfProgram(db: Kysely<Database>, programId: number): Promise<ApplicationRow[]> {
  return db.selectFrom('applications').selectAll().where('program_id', '=', programId).orderBy('id').execute();
}

/** The codes of the organisations already in a program's pool. */
export async function poolUsccs(db: Kysely<Database>, programId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('applications').select('uscc').where('program_id', '=', programId).where('origin', '=', 'pool').execute();
  return new Set(rows.map((r) => r.uscc));
}

/** Adds pool entries (no application: submitted, named after the organisation) with the source they were drawn from. */
export async function insertPoolEntries(
  db: Kysely<Database>, programId: number, orgs: readonly { uscc: string; name: string }[], sources: string, actorId: number | null, at: string,
): Promise<void> {
  for (let i = 0; i < orgs.length; i += 500) {
    await db.insertInto('applications').values(orgs.slice(i, i + 500).map((o) => ({
      program_id: programId, uscc: o.uscc, title: o.name, category: null, form_values: '{}', status: 'submitted', created_by: actorId,
      created_at: at, updated_at: at, submitted_at: at, withdrawn_at: null, origin: 'pool', sources,
    }))).execute();
  }
}
