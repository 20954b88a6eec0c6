/** The expert pool (专家库): create, edit, deactivate and read experts; every change is audited. */
import { type Expert, type ExpertFields, type ExpertInput, KepingError, validateExpert } from '@keping/core';
import type { Kysely, Transaction } from 'kysely';
import { type AuditEntry, toEntry } from '../audit/audit.repository.js';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { findOrganisation } from '../registry/organisation.repository.js';
import { findUserById } from '../users/user.repository.js';
import {
  expertAuditRows, findByEmail, findByUser, findExpert, findExpertRow, insertExpert, replaceUnavailability, toValues,
  updateExpertRow,
} from './expert.repository.js';

export function validated(raw: ExpertInput): ExpertFields {
  const result = validateExpert(raw);
  if (!result.value) throw KepingError.fromFieldErrors(result.errors);
  return result.value;
}

/** What the audit trail keeps of an expert: its fields, not derived memberships or bookkeeping. */
export function snapshot(e: ExpertFields): Record<string, unknown> {
  return {
    name: e.name, professionalTitle: e.professionalTitle, employerUscc: e.employerUscc, employerName: e.employerName,
    tags: e.tags, employment: e.employment, shareholdings: e.shareholdings, declared: e.declared, available: e.available,
    unavailable: e.unavailable, phone: e.phone, email: e.email, userId: e.userId,
  };
}

/** Only the fields that changed, so the history reads as a diff; undefined when nothing did. */
export function diff(before: ExpertFields, after: ExpertFields): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  const b = snapshot(before);
  const a = snapshot(after);
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (changed.length === 0) return undefined;
  return { before: Object.fromEntries(changed.map((k) => [k, b[k]])), after: Object.fromEntries(changed.map((k) => [k, a[k]])) };
}

/** The link to a user account must name an existing expert-role user that no other expert holds. */
async function checkLinks(db: Kysely<Database>, fields: ExpertFields, self: number | null): Promise<void> {
  if (fields.userId !== null) {
    const user = await findUserById(db, fields.userId);
    if (!user) throw new KepingError('EXPERT_USER_UNKNOWN', { field: 'userId', params: { userId: fields.userId } });
    // A panel chair (院士领衔) is an expert of the pool who logs in with the chair role.
    if (user.role !== 'expert' && user.role !== 'chair') throw new KepingError('EXPERT_USER_ROLE', { field: 'userId', params: { username: user.username } });
    const holder = await findByUser(db, fields.userId);
    if (holder && holder.id !== self) {
      throw new KepingError('EXPERT_USER_TAKEN', { field: 'userId', params: { username: user.username, name: holder.name }, status: 409 });
    }
  }
  if (fields.email !== null) {
    const holder = await findByEmail(db, fields.email);
    if (holder && holder.id !== self) {
      throw new KepingError('EXPERT_EMAIL_TAKEN', { field: 'email', params: { email: fields.email, name: holder.name }, status: 409 });
    }
  }
}

/** An employer given by code only takes its registered name, so lists and conflicts can show it. */
export async function withEmployerName(db: Kysely<Database>, fields: ExpertFields): Promise<ExpertFields> {
  if (fields.employerUscc === null || fields.employerName !== null) return fields;
  const org = await findOrganisation(db, fields.employerUscc);
  return org ? { ...fields, employerName: org.name } : fields;
}

async function reload(trx: Transaction<Database>, id: number): Promise<Expert> {
  const expert = await findExpert(trx, id);
  if (!expert) throw new KepingError('NOT_FOUND', { status: 404 });
  return expert;
}

export async function createExpert(
  store: Store, ctx: RequestContext, raw: ExpertInput, options: { isDemo?: boolean } = {},
): Promise<Expert> {
  const input = validated(raw);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const fields = await withEmployerName(trx, input);
    await checkLinks(trx, fields, null);
    const id = await insertExpert(trx, toValues(fields), { importId: null, isDemo: options.isDemo === true, at: ctx.now().toISOString() });
    await replaceUnavailability(trx, id, fields.unavailable);
    const expert = await reload(trx, id);
    await audit({ action: 'expert.create', subjectType: 'expert', subjectId: String(id), after: snapshot(expert) });
    return expert;
  });
}

export async function updateExpert(store: Store, ctx: RequestContext, id: number, raw: ExpertInput): Promise<Expert> {
  const input = validated(raw);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const before = await findExpert(trx, id);
    if (!before) throw new KepingError('NOT_FOUND', { status: 404 });
    const fields = await withEmployerName(trx, input);
    await checkLinks(trx, fields, id);
    const change = diff(before, fields);
    if (!change) return before;
    await updateExpertRow(trx, id, { ...toValues(fields), updated_at: ctx.now().toISOString() });
    await replaceUnavailability(trx, id, fields.unavailable);
    await audit({ action: 'expert.update', subjectType: 'expert', subjectId: String(id), ...change });
    return reload(trx, id);
  });
}

/** Deactivated experts stay on record (their past reviews refer to them) but leave lists and checks. */
export async function setExpertActive(store: Store, ctx: RequestContext, id: number, active: boolean): Promise<Expert> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await findExpertRow(trx, id);
    if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
    if ((row.active === 1) === active) return reload(trx, id);
    await updateExpertRow(trx, id, { active: active ? 1 : 0, updated_at: ctx.now().toISOString() });
    await audit({
      action: active ? 'expert.activate' : 'expert.deactivate', subjectType: 'expert', subjectId: String(id),
      before: { active: !active }, after: { active },
    });
    return reload(trx, id);
  });
}

export async function getExpert(db: Kysely<Database>, id: number): Promise<Expert> {
  const expert = await findExpert(db, id);
  if (!expert) throw new KepingError('NOT_FOUND', { status: 404 });
  return expert;
}

/** An expert's history: its own entries and the import that last wrote it, newest first. */
export async function expertHistory(db: Kysely<Database>, id: number): Promise<AuditEntry[]> {
  const row = await findExpertRow(db, id);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return (await expertAuditRows(db, id, row.import_id)).map(toEntry);
}
