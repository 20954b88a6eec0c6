/**
 * Queries on applications (申报) and their files, how they are presented, and who may see one:
 * an applicant only reaches its own organisation's applications, anyone else's are "not found".
 */
import { type Application, type ApplicationFile, type ApplicationStatus, KepingError } from '@keping/core';
import type { Kysely, Selectable } from 'kysely';
import type { RequestContext } from '../context.js';
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

/** The applicant's own organisation; an applicant account without one cannot apply. */
export function ownOrganisation(ctx: RequestContext): string {
  const uscc = ctx.actor.organisationUscc;
  if (!uscc) throw new KepingError('APPLICANT_NEEDS_ORGANISATION', { status: 403 });
  return uscc;
}

/** The row if this actor may see it: an applicant gets "not found" for another organisation's. */
export async function visibleApplicationRow(db: Kysely<Database>, ctx: RequestContext, id: number): Promise<ApplicationRow> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  // A pool entry (the TOP100's) is the office's, not the organisation's application.
  if (!row || (ctx.actor.role === 'applicant' && (row.uscc !== ctx.actor.organisationUscc || row.origin !== 'applied'))) {
    throw new KepingError('NOT_FOUND', { status: 404 });
  }
  return row;
}

export function findApplicationRow(db: Kysely<Database>, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
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
