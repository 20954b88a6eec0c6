/** The registry (机构名录): create, edit and read organisations; every change is audited. */
import { KepingError, normaliseUscc, type RawOrganisation, shanghaiDay, validateOrganisation } from '@keping/core';
import type { Kysely } from 'kysely';
import { type AuditEntry, toEntry } from '../audit/audit.repository.js';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { loadMapping } from './mapping.service.js';
import { toRow } from './organisation-fields.js';
import {
  findOrganisation, insertOrganisation, type Organisation, organisationAuditRows, toOrganisation, updateOrganisationRow,
} from './organisation.repository.js';

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
    await audit({
      action: 'organisation.update', subjectType: 'organisation', subjectId: uscc,
      before: Object.fromEntries(changed.map((k) => [k, b[k]])), after: Object.fromEntries(changed.map((k) => [k, a[k]])),
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
