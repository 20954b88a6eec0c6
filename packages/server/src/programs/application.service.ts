/**
 * Draft applications (申报草稿): an applicant creates several per call for its own organisation and
 * edits them until it submits. Form values are checked field by field; a draft may be incomplete.
 */
import {
  type Application, type ApplicationInput, type FieldError, type FormField, KepingError, type OrganisationKind, type ProgramCategory,
  validateFormValues,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { findOrganisation } from '../registry/organisation.repository.js';
import { ownOrganisation, visibleApplicationRow } from './application-access.js';
import { findApplicationRow, insertApplication, presentApplications, updateApplicationRow } from './application.repository.js';
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

async function presentOne(db: Kysely<Database>, id: number): Promise<Application> {
  const row = await findApplicationRow(db, id);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  const [app] = await presentApplications(db, [row]);
  return app as Application;
}

export function snapshot(a: Application): Record<string, unknown> {
  return { programId: a.programId, uscc: a.uscc, title: a.title, category: a.category, values: a.values, status: a.status };
}

export async function createApplication(
  store: Store, ctx: RequestContext, programId: number, input: ApplicationInput,
): Promise<Application> {
  const uscc = ownOrganisation(ctx);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const program = await findProgramRow(trx, programId);
    if (!program) throw new KepingError('NOT_FOUND', { field: 'programId', status: 404 });
    assertCallOpen(program, ctx.now());
    const org = await findOrganisation(trx, uscc);
    if (!org) throw new KepingError('ORGANISATION_UNKNOWN', { params: { uscc }, status: 403 });
    const allowed = JSON.parse(program.allowed_kinds) as OrganisationKind[];
    if (allowed.length > 0 && !allowed.includes(org.kind as OrganisationKind)) {
      throw new KepingError('KIND_NOT_ALLOWED', { params: { kind: org.kind ?? '—', allowed: allowed.join(', ') }, status: 403 });
    }
    const draft = checkDraft(program, input, ctx, false);
    if (draft.errors.length > 0) throw KepingError.fromFieldErrors(draft.errors);
    const at = ctx.now().toISOString();
    const id = await insertApplication(trx, {
      program_id: programId, uscc, title: draft.title, category: draft.category, form_values: JSON.stringify(draft.values),
      status: 'draft', created_by: ctx.actor.id, created_at: at, updated_at: at, submitted_at: null, withdrawn_at: null,
    });
    const app = await presentOne(trx, id);
    await audit({ action: 'application.create', subjectType: 'application', subjectId: String(app.id), after: snapshot(app) });
    return app;
  });
}

export async function updateApplication(store: Store, ctx: RequestContext, id: number, input: ApplicationInput): Promise<Application> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await visibleApplicationRow(trx, ctx, id);
    if (row.status !== 'draft') throw new KepingError('APPLICATION_NOT_EDITABLE', { params: { status: row.status }, status: 409 });
    const program = await findProgramRow(trx, row.program_id);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    assertCallOpen(program, ctx.now());
    const draft = checkDraft(program, input, ctx, false);
    if (draft.errors.length > 0) throw KepingError.fromFieldErrors(draft.errors);
    const before = await presentOne(trx, id);
    await updateApplicationRow(trx, id, {
      title: draft.title, category: draft.category, form_values: JSON.stringify(draft.values), updated_at: ctx.now().toISOString(),
    });
    const after = await presentOne(trx, id);
    await audit({
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
