/**
 * Designations (认定) held by organisations over time: granted by a program's decision or imported
 * from elsewhere, then evaluated, changed in tier, suspended, reinstated, revoked or expired, each
 * step on a Shanghai calendar day. The rules live in core (nextEventProblems); this file replays
 * the history, keeps the current-state row in step and audits every write in its transaction.
 */
import {
  type Designation, type DesignationEvent, type DesignationEventInput, type DesignationGrantInput, type DesignationHistory,
  type DesignationEventKind, type DesignationStatus, type DesignationTitle, designationFacts, type EventStep, designationStateOn, evaluationDueOn, type EvaluationGrade, type FactValue,
  type FieldError, isDesignationTitle, isTierOf, KepingError, type Locale, nextEventProblems, shanghaiDay, titleSpec,
} from '@keping/core';
import type { Kysely, Transaction } from 'kysely';
import { type Mutation, mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import {
  type DesignationEventRow, type DesignationRow, designationRowsOf, eventsOf, findDesignation, insertDesignation, insertEvents,
  type NewDesignationEvent, openDesignationsOf, organisationExists, updateDesignation,
} from './designation.repository.js';

export type { Designation };

/** A step to record, as the service receives it from a route, an import or a publication. */
export type NewStep = DesignationEventInput & { source?: string | undefined; programId?: number | undefined };

/**
 * What the audit trail keeps of a write: the designation's state and the step just recorded (not
 * the whole history, which the events table holds).
 */
export function auditView(d: Designation) {
  const { events, ...state } = d;
  const step = events.at(-1);
  return { ...state, ...(step ? { step: { ...step, actorId: undefined, createdAt: undefined } } : {}) };
}

function stateOnly(d: Designation) {
  return { tier: d.tier, status: d.status, validUntil: d.validUntil, endedOn: d.endedOn };
}

/** Stored rows as the steps core replays (kinds are written only from DESIGNATION_EVENT_KINDS). */
function steps(rows: readonly DesignationEventRow[]): EventStep[] {
  return rows.map((r) => ({ kind: r.kind as DesignationEventKind, day: r.day, tier: r.tier, grade: r.grade }));
}

function stepOf(step: NewStep): EventStep {
  return { kind: step.kind, day: step.day, tier: 'tier' in step ? step.tier : null, grade: 'grade' in step ? step.grade : null };
}

/** Problems with the title and its tiers named in the reader's language instead of by key. */
export function localised(problems: FieldError[], title: DesignationTitle, locale: Locale): FieldError[] {
  const spec = titleSpec(title);
  const name = (b: { zh: string; en: string }) => (locale === 'en' ? b.en : b.zh);
  return problems.map((p) => ({
    ...p,
    params: {
      ...p.params,
      ...(p.params?.title !== undefined ? { title: name(spec.name) } : {}),
      ...(p.params?.tiers !== undefined ? { tiers: spec.tiers.map((t) => name(t.name)).join(locale === 'en' ? ', ' : '、') } : {}),
    },
  }));
}

export function today(ctx: RequestContext): string {
  return shanghaiDay(ctx.now());
}

/** The designation as of `on`, its events with the tier each one replaced. */
export function present(row: DesignationRow, events: readonly DesignationEventRow[], on: string): Designation {
  let held: string | null = null;
  const out: DesignationEvent[] = events.map((e) => {
    const fromTier = e.kind === 'granted' || e.kind === 'tier_changed' ? held : null;
    if (e.tier !== null && (e.kind === 'granted' || e.kind === 'tier_changed')) held = e.tier;
    return {
      id: e.id, kind: e.kind as DesignationEvent['kind'], day: e.day, tier: e.tier, fromTier, grade: e.grade as EvaluationGrade | null,
      reason: e.reason, source: e.source, programId: e.program_id, decisionRef: e.decision_ref, actorId: e.actor_id, createdAt: e.created_at,
    };
  });
  const state = designationStateOn(steps(events), on, row.validity_years);
  return {
    id: row.id, uscc: row.uscc, title: row.title, tier: state.tier ?? row.tier,
    status: state.status === 'none' ? (row.status as DesignationStatus) : state.status,
    grantedOn: row.granted_on ?? `${row.granted_year}-01-01`, validUntil: state.validUntil, endedOn: state.endedOn,
    evaluationDue: isDesignationTitle(row.title) ? evaluationDueOn(row.title, steps(events), on, row.validity_years) : null, events: out,
  };
}

export async function designationsOf(db: Kysely<Database>, ctx: RequestContext, uscc: string): Promise<Designation[]> {
  const rows = await designationRowsOf(db, uscc.toUpperCase());
  const events = await eventsOf(db, rows.map((r) => r.id));
  return rows.map((r) => present(r, events.get(r.id) ?? [], today(ctx)));
}

/** Every designation history of an organisation, for eligibility facts. */
export async function designationFactsOf(db: Kysely<Database>, uscc: string, asOf: string): Promise<Record<string, FactValue>> {
  const rows = await designationRowsOf(db, uscc);
  const events = await eventsOf(db, rows.map((r) => r.id));
  const histories: DesignationHistory[] = rows.map((r) => ({ title: r.title, validityYears: r.validity_years, events: steps(events.get(r.id) ?? []) }));
  return designationFacts(histories, asOf);
}

function eventRow(designationId: number, step: NewStep, ctx: RequestContext): NewDesignationEvent {
  const pick = <K extends string>(key: K): string | null => {
    const v = (step as Partial<Record<K, unknown>>)[key];
    return typeof v === 'string' ? v : null;
  };
  return {
    designation_id: designationId, kind: step.kind, day: step.day, tier: pick('tier'), grade: pick('grade'), reason: pick('reason'),
    source: step.source ?? null, program_id: step.programId ?? null, decision_ref: pick('decisionRef'), actor_id: ctx.actor.id,
    created_at: ctx.now().toISOString(),
  };
}

/** The current-state columns after `events`, as of today. */
function stateColumns(events: readonly DesignationEventRow[], validityYears: number | null, ctx: RequestContext) {
  const state = designationStateOn(steps(events), today(ctx), validityYears);
  const first = events.find((e) => e.kind === 'granted');
  if (!first || state.tier === null || state.status === 'none') throw new Error('a designation starts with a grant');
  return {
    tier: state.tier, status: state.status, granted_on: first.day, granted_year: Number(first.day.slice(0, 4)),
    valid_until: state.validUntil, ended_on: state.endedOn, ended_year: state.endedOn ? Number(state.endedOn.slice(0, 4)) : null,
    updated_at: ctx.now().toISOString(),
  };
}

/** Appends one step to a designation after checking it against the history; returns the new state. */
async function appendStep(trx: Transaction<Database>, row: DesignationRow, step: NewStep, ctx: RequestContext): Promise<Designation> {
  const events = (await eventsOf(trx, [row.id])).get(row.id) ?? [];
  const problems = nextEventProblems(row.title as DesignationTitle, steps(events), stepOf(step), today(ctx), row.validity_years);
  if (problems.length > 0) {
    throw KepingError.fromFieldErrors(localised(problems, row.title as DesignationTitle, ctx.locale), problems.some((p) => p.code === 'DESIGNATION_ENDED') ? 409 : 400);
  }
  const added = eventRow(row.id, step, ctx);
  await insertEvents(trx, [added]);
  const all = (await eventsOf(trx, [row.id])).get(row.id) ?? [];
  const updated = await updateDesignation(trx, row.id, stateColumns(all, row.validity_years, ctx));
  return present(updated, all, today(ctx));
}

export interface GrantOptions {
  isDemo?: boolean;
}

/**
 * Grants a title inside the caller's transaction: a renewal (a further `granted` step, possibly in
 * another tier) when the organisation holds it on that day, otherwise a new designation. Audited.
 */
export async function grantIn(
  { trx, ctx, audit }: Pick<Mutation, 'trx' | 'ctx' | 'audit'>, input: DesignationGrantInput, options: GrantOptions = {},
): Promise<{ designation: Designation; created: boolean }> {
  const uscc = input.uscc.trim().toUpperCase();
  if (!isTierOf(input.title, input.tier)) {
    throw KepingError.fromFieldErrors(localised([{ code: 'DESIGNATION_TIER_UNKNOWN', field: 'tier', params: { value: input.tier, title: '', tiers: '' } }], input.title, ctx.locale));
  }
  if (input.source === undefined && input.decisionRef === undefined) throw KepingError.fromFieldErrors([{ code: 'DESIGNATION_SOURCE_REQUIRED', field: 'source' }]);
  if (!(await organisationExists(trx, uscc))) throw new KepingError('ORGANISATION_UNKNOWN', { field: 'uscc', params: { uscc: input.uscc }, status: 404 });
  const step: NewStep = {
    kind: 'granted', day: input.grantedOn, tier: input.tier, decisionRef: input.decisionRef, source: input.source, programId: input.programId,
  };
  for (const open of await openDesignationsOf(trx, uscc, input.title)) {
    const events = (await eventsOf(trx, [open.id])).get(open.id) ?? [];
    const state = designationStateOn(steps(events), input.grantedOn, open.validity_years);
    // A grant dated before the one held would make two overlapping histories of one title.
    if (state.status === 'none') {
      throw KepingError.fromFieldErrors([{ code: 'DESIGNATION_EVENT_ORDER', field: 'grantedOn', params: { value: input.grantedOn, last: open.granted_on ?? '' } }]);
    }
    if (state.status !== 'active' && state.status !== 'suspended') continue;
    const before = present(open, events, today(ctx));
    const designation = await appendStep(trx, open, step, ctx);
    await audit({
      action: 'designation.event.granted', subjectType: 'organisation', subjectId: uscc, before: stateOnly(before), after: auditView(designation),
    });
    return { designation, created: false };
  }
  const problems = nextEventProblems(input.title, [], stepOf(step), today(ctx), null);
  if (problems.length > 0) throw KepingError.fromFieldErrors(localised(problems, input.title, ctx.locale));
  const at = ctx.now().toISOString();
  const validity = input.validityYears ?? titleSpec(input.title).validityYears;
  const row = await insertDesignation(trx, {
    uscc, title: input.title, tier: input.tier, granted_year: Number(input.grantedOn.slice(0, 4)), status: 'active', ended_year: null,
    note: null, is_demo: options.isDemo ? 1 : 0, created_at: at, updated_at: at, granted_on: input.grantedOn, valid_until: null,
    ended_on: null, validity_years: validity,
  });
  await insertEvents(trx, [eventRow(row.id, step, ctx)]);
  const all = (await eventsOf(trx, [row.id])).get(row.id) ?? [];
  const designation = present(await updateDesignation(trx, row.id, stateColumns(all, validity, ctx)), all, today(ctx));
  await audit({ action: 'designation.grant', subjectType: 'organisation', subjectId: uscc, after: auditView(designation) });
  return { designation, created: true };
}

export async function grantDesignation(store: Store, ctx: RequestContext, input: DesignationGrantInput): Promise<Designation> {
  return mutate(store, ctx, async (m) => (await grantIn(m, input)).designation);
}

export async function recordEvent(store: Store, ctx: RequestContext, id: number, input: DesignationEventInput): Promise<Designation> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await findDesignation(trx, id);
    if (!row) throw new KepingError('DESIGNATION_UNKNOWN', { params: { id }, status: 404 });
    const before = present(row, (await eventsOf(trx, [id])).get(id) ?? [], today(ctx));
    const after = await appendStep(trx, row, input, ctx);
    await audit({
      action: `designation.event.${input.kind}`, subjectType: 'organisation', subjectId: row.uscc, before: stateOnly(before), after: auditView(after),
    });
    return after;
  });
}

/** The organisation a designation belongs to (for the applicant's own-organisation check). */
export async function designationOwner(db: Kysely<Database>, id: number): Promise<string> {
  const row = await findDesignation(db, id);
  if (!row) throw new KepingError('DESIGNATION_UNKNOWN', { params: { id }, status: 404 });
  return row.uscc;
}
