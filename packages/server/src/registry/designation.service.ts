/**
 * Designations (认定) held by organisations over time: tech-centre tiers (国家级/市级/区级), the
 * national technology innovation demonstration title, quality benchmarks. History is kept: a
 * designation ends (revoked or expired) with a year, it is never deleted.
 */
import { KepingError } from '@keping/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database, DesignationTable } from '../db/schema.js';

export const DESIGNATION_TITLES = {
  tech_center: ['national', 'municipal', 'district'],
  innovation_demo: ['national'],
  quality_benchmark: ['national', 'shanghai'],
} as const;
export type DesignationTitle = keyof typeof DESIGNATION_TITLES;

export interface Designation {
  id: number;
  uscc: string;
  title: DesignationTitle;
  tier: string;
  grantedYear: number;
  status: 'active' | 'revoked' | 'expired';
  endedYear: number | null;
  note: string | null;
}

function toDesignation(row: Omit<DesignationTable, 'id'> & { id: number }): Designation {
  return {
    id: row.id, uscc: row.uscc, title: row.title as DesignationTitle, tier: row.tier, grantedYear: row.granted_year,
    status: row.status as Designation['status'], endedYear: row.ended_year, note: row.note,
  };
}

export async function designationsOf(db: Kysely<Database>, uscc: string): Promise<Designation[]> {
  const rows = await db.selectFrom('designations').selectAll().where('uscc', '=', uscc.toUpperCase())
    .orderBy('granted_year', 'desc').orderBy('id').execute();
  return rows.map(toDesignation);
}

export async function grantDesignation(
  store: Store, ctx: RequestContext, input: { uscc: string; title: DesignationTitle; tier: string; grantedYear: number; note?: string | undefined },
): Promise<Designation> {
  const tiers: readonly string[] = DESIGNATION_TITLES[input.title];
  if (!tiers.includes(input.tier)) throw KepingError.fromFieldErrors([{ code: 'VALUE_UNKNOWN', field: 'tier', params: { value: input.tier } }]);
  const thisYear = ctx.now().getUTCFullYear();
  if (input.grantedYear > thisYear) {
    throw KepingError.fromFieldErrors([{ code: 'DATE_IN_FUTURE', field: 'grantedYear', params: { value: input.grantedYear, today: thisYear } }]);
  }
  return store.db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisations').select('uscc').where('uscc', '=', input.uscc.toUpperCase()).executeTakeFirst();
    if (!org) throw new KepingError('ORGANISATION_UNKNOWN', { field: 'uscc', params: { uscc: input.uscc }, status: 404 });
    const at = ctx.now().toISOString();
    const row = await trx.insertInto('designations').values({
      uscc: org.uscc, title: input.title, tier: input.tier, granted_year: input.grantedYear, status: 'active', ended_year: null,
      note: input.note ?? null, is_demo: 0, created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow();
    const d = toDesignation(row);
    await appendAudit(trx, store.dialect, ctx, { action: 'designation.grant', subjectType: 'organisation', subjectId: d.uscc, after: d });
    return d;
  });
}

export async function endDesignation(
  store: Store, ctx: RequestContext, id: number, input: { status: 'revoked' | 'expired'; endedYear: number; note?: string | undefined },
): Promise<Designation> {
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('designations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
    if (row.status !== 'active') throw new KepingError('DESIGNATION_ENDED', { status: 409 });
    if (input.endedYear < row.granted_year) {
      throw KepingError.fromFieldErrors([{ code: 'YEAR_BEFORE_GRANT', field: 'endedYear', params: { granted: row.granted_year } }]);
    }
    const updated = await trx.updateTable('designations').set({
      status: input.status, ended_year: input.endedYear, note: input.note ?? row.note, updated_at: ctx.now().toISOString(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const d = toDesignation(updated);
    await appendAudit(trx, store.dialect, ctx, {
      action: `designation.${input.status === 'revoked' ? 'revoke' : 'expire'}`, subjectType: 'organisation', subjectId: d.uscc,
      before: toDesignation(row), after: d,
    });
    return d;
  });
}
