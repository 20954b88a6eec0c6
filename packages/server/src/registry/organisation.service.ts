/** The registry (机构名录): create, edit and read organisations; every change is audited. */
import {
  KepingError, normaliseUscc, type RawOrganisation, SELF_DECLARABLE_FIELDS, type SelfDeclarableField, type SelfDeclaredMark, shanghaiDay,
  translate, validateOrganisation,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { type AuditEntry, toEntry } from '../audit/audit.repository.js';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { loadMapping } from './mapping.service.js';
import { toRow } from './organisation-fields.js';
import {
  clearSelfDeclared, findOrganisation, insertOrganisation, lockSelfDeclared, markSelfDeclared, type Organisation, organisationAuditRows,
  selfDeclaredOf, toOrganisation, updateOrganisationRow,
} from './organisation.repository.js';

const isFactField = (k: string): k is SelfDeclarableField => (SELF_DECLARABLE_FIELDS as readonly string[]).includes(k);

function validated(raw: RawOrganisation, ctx: RequestContext) {
  const result = validateOrganisation(raw, shanghaiDay(ctx.now()));
  if (!result.value) throw KepingError.fromFieldErrors(result.errors);
  return result.value;
}

/** What the audit trail keeps of an organisation: its fields, not its derived bookkeeping. */
function snapshot(o: Organisation): Record<string, unknown> {
  return {
    uscc: o.uscc, name: o.name, kind: o.kind, district: o.district, industryCode: o.industryCode,
    established: o.established, listing: o.listing, groupsOverride: o.groupsOverride,
    talentFieldsOverride: o.talentFieldsOverride, contacts: o.contacts,
  };
}

export async function createOrganisation(
  store: Store, ctx: RequestContext, raw: RawOrganisation, options: { isDemo?: boolean } = {},
): Promise<Organisation> {
  const fields = validated(raw, ctx);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const existing = await findOrganisation(trx, fields.uscc);
    if (existing) throw new KepingError('USCC_TAKEN', { field: 'uscc', params: { uscc: fields.uscc }, status: 409 });
    const at = ctx.now().toISOString();
    const row = { ...toRow(fields, await loadMapping(trx)), is_demo: options.isDemo ? 1 : 0, import_id: null, created_at: at, updated_at: at };
    await insertOrganisation(trx, row);
    const org = toOrganisation(row);
    await audit({ action: 'organisation.create', subjectType: 'organisation', subjectId: org.uscc, after: snapshot(org) });
    return org;
  });
}

export async function updateOrganisation(store: Store, ctx: RequestContext, uscc: string, raw: RawOrganisation): Promise<Organisation> {
  // The code is the organisation's identity: a body naming another one is a mistake, not a rename.
  if (typeof raw.uscc === 'string' && raw.uscc.trim() !== '' && normaliseUscc(raw.uscc) !== normaliseUscc(uscc)) {
    throw new KepingError('USCC_IMMUTABLE', { field: 'uscc', params: { value: raw.uscc } });
  }
  const fields = validated({ ...raw, uscc }, ctx);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const existing = await findOrganisation(trx, uscc);
    if (!existing) throw new KepingError('NOT_FOUND', { status: 404 });
    const before = toOrganisation(existing);
    const row = { ...existing, ...toRow(fields, await loadMapping(trx)), updated_at: ctx.now().toISOString() };
    const after = toOrganisation(row);
    const b = snapshot(before);
    const a = snapshot(after);
    // Only the fields that changed, so the history reads as a diff; a save that changes nothing writes nothing.
    const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    if (changed.length === 0) return before;
    await updateOrganisationRow(trx, uscc, row);
    // Fact fields the applicant changes are its own word until the office confirms them; the office's own edit is registry data.
    const facts = changed.filter(isFactField);
    if (ctx.actor.role === 'applicant') {
      await markSelfDeclared(trx, facts.map((field) => ({ uscc, field, declared_by: ctx.actor.id, declared_at: row.updated_at })));
    } else await clearSelfDeclared(trx, uscc, facts);
    await audit({
      action: 'organisation.update', subjectType: 'organisation', subjectId: uscc,
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      // The marks need no entry of their own: an applicant's edit of a fact field is what makes it self-declared.
      after: Object.fromEntries(changed.map((k) => [k, a[k]])),
    });
    return after;
  });
}

export async function getOrganisation(db: Kysely<Database>, uscc: string): Promise<Organisation> {
  const row = await findOrganisation(db, uscc.toUpperCase());
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return toOrganisation(row);
}

/** An organisation's history: its own entries and the import that brought it in, newest first. */
export async function organisationHistory(db: Kysely<Database>, uscc: string): Promise<AuditEntry[]> {
  const row = await findOrganisation(db, uscc.toUpperCase());
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return (await organisationAuditRows(db, row.uscc, row.import_id)).map(toEntry);
}

export function toMark(row: { field: string; declared_by: number | null; declared_at: string }, ctx: RequestContext): SelfDeclaredMark {
  return { field: row.field as SelfDeclarableField, fieldText: translate(ctx.locale, `fields.${row.field}`), by: row.declared_by, at: row.declared_at };
}

/** The organisation's fact fields marked self-declared. */
export async function selfDeclaredMarks(db: Kysely<Database>, ctx: RequestContext, uscc: string): Promise<SelfDeclaredMark[]> {
  const row = await findOrganisation(db, uscc.toUpperCase());
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return (await selfDeclaredOf(db, row.uscc)).map((m) => toMark(m, ctx));
}

/**
 * The office confirms self-declared fields (核实): their marks are cleared in one audited step. Fields
 * not marked (or cleared meanwhile by a confirmation racing this one) are skipped, so a repeat writes nothing.
 */
export async function confirmFacts(
  store: Store, ctx: RequestContext, uscc: string, fields: readonly SelfDeclarableField[],
): Promise<{ confirmed: SelfDeclarableField[]; marks: SelfDeclaredMark[] }> {
  return mutate(store, ctx, async ({ trx, dialect, audit }) => {
    const org = await findOrganisation(trx, uscc.toUpperCase());
    if (!org) throw new KepingError('NOT_FOUND', { status: 404 });
    const marked = await lockSelfDeclared(trx, dialect, org.uscc, [...new Set(fields)]);
    if (marked.length > 0) {
      await clearSelfDeclared(trx, org.uscc, marked.map((m) => m.field));
      await audit({
        action: 'organisation.facts_confirm', subjectType: 'organisation', subjectId: org.uscc,
        before: { selfDeclared: marked.map((m) => ({ field: m.field, by: m.declared_by, at: m.declared_at })) },
        after: { confirmed: marked.map((m) => m.field) },
      });
    }
    return {
      confirmed: marked.map((m) => m.field as SelfDeclarableField),
      marks: (await selfDeclaredOf(trx, org.uscc)).map((m) => toMark(m, ctx)),
    };
  });
}
