/**
 * Draft applications (申报草稿): an applicant creates several per call for its own organisation and
 * edits them until it submits. Form values are checked field by field; a draft may be incomplete.
 */
import {
  type Application, type ApplicationInput, type FieldError, type FormField, KepingError, type OrganisationKind, type ProgramCategory,
  validateFormValues,
} from '@keping/core';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import {
  ownOrganisation, presentApplications, visibleApplicationRow,
} from './application.repository.js';
import { assertCallOpen } from './call-window.js';
import { findProgramRow, type ProgramRow } from './program.repository.js';

export interface CheckedDraft {
  title: string;
  category: string | null;
  values: Record<string, string | number>;
  errors: FieldError[];
}

/** Checks title, category and form values; `complete` demands every required one (submission). */
export function checkDraft(program: ProgramRow, input: ApplicationInput, ctx: RequestContext, complete: boolean): CheckedDraft {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ code: 'REQUIRED', field: 'title' });
  const categories = JSON.parse(program.categories) as ProgramCategory[];
  const category = input.category === null || input.category.trim() === '' ? null : input.category.trim();
  if (category !== null && !categories.some((c) => c.key === category)) {
    errors.push({ code: 'VALUE_UNKNOWN', field: 'category', params: { value: category } });
  }
  if (category === null && complete && categories.length > 0) errors.push({ code: 'REQUIRED', field: 'category' });
  const form = validateFormValues(JSON.parse(program.form_fields) as FormField[], input.values, { complete, locale: ctx.locale });
  return { title, category, values: form.values, errors: [...errors, ...form.errors] };
}

async function presentOne(trx: Transaction<Database>, id: number): Promise<Application> {
  const row = await trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const [app] = await presentApplications(trx, [row]);
  return app as Application;
}

export function snapshot(a: Application): Record<string, unknown> {
  return { programId: a.programId, uscc: a.uscc, title: a.title, category: a.category, values: a.values, status: a.status };
}

export async function createApplication(
  store: Store, ctx: RequestContext, programId: number, input: ApplicationInput,
): Promise<Application> {
  const uscc = ownOrganisation(ctx);
  return store.db.transaction().execute(async (trx) => {
    const program = await findProgramRow(trx, programId);
    if (!program) throw new KepingError('NOT_FOUND', { field: 'programId', status: 404 });
    assertCallOpen(program, ctx.now());
    const org = await trx.selectFrom('organisations').select(['uscc', 'kind']).where('uscc', '=', uscc).executeTakeFirst();
    if (!org) throw new KepingError('ORGANISATION_UNKNOWN', { params: { uscc }, status: 403 });
    const allowed = JSON.parse(program.allowed_kinds) as OrganisationKind[];
    if (allowed.length > 0 && !allowed.includes(org.kind as OrganisationKind)) {
      throw new KepingError('KIND_NOT_ALLOWED', { params: { kind: org.kind ?? '—', allowed: allowed.join(', ') }, status: 403 });
    }
    const draft = checkDraft(program, input, ctx, false);
    if (draft.errors.length > 0) throw KepingError.fromFieldErrors(draft.errors);
    const at = ctx.now().toISOString();
    const row = await trx.insertInto('applications').values({
      program_id: programId, uscc, title: draft.title, category: draft.category, form_values: JSON.stringify(draft.values),
      status: 'draft', created_by: ctx.actor.id, created_at: at, updated_at: at, submitted_at: null, withdrawn_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    const app = await presentOne(trx, row.id);
    await appendAudit(trx, store.dialect, ctx, { action: 'application.create', subjectType: 'application', subjectId: String(app.id), after: snapshot(app) });
    return app;
  });
}

export async function updateApplication(store: Store, ctx: RequestContext, id: number, input: ApplicationInput): Promise<Application> {
  return store.db.transaction().execute(async (trx) => {
    const row = await visibleApplicationRow(trx, ctx, id);
    if (row.status !== 'draft') throw new KepingError('APPLICATION_NOT_EDITABLE', { params: { status: row.status }, status: 409 });
    const program = await findProgramRow(trx, row.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    assertCallOpen(program, ctx.now());
    const draft = checkDraft(program, input, ctx, false);
    if (draft.errors.length > 0) throw KepingError.fromFieldErrors(draft.errors);
    const before = await presentOne(trx, id);
    await trx.updateTable('applications').set({
      title: draft.title, category: draft.category, form_values: JSON.stringify(draft.values), updated_at: ctx.now().toISOString(),
    }).where('id', '=', id).execute();
    const after = await presentOne(trx, id);
    await appendAudit(trx, store.dialect, ctx, {
      action: 'application.update', subjectType: 'application', subjectId: String(id), before: snapshot(before), after: snapshot(after),
    });
    return after;
  });
}

export async function getApplication(store: Store, ctx: RequestContext, id: number): Promise<Application> {
  const row = await visibleApplicationRow(store.db, ctx, id);
  const [app] = await presentApplications(store.db, [row]);
  return app as Application;
}
