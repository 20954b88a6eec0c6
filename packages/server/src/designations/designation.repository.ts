/** Queries on designations (认定) and their dated events: every SQL statement of the feature. */
import type { DesignationTitle } from '@keping/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DesignationEventTable, DesignationTable } from '../db/schema-designations.js';

export type DesignationRow = Omit<DesignationTable, 'id'> & { id: number };
export type DesignationEventRow = Omit<DesignationEventTable, 'id'> & { id: number };
export type NewDesignation = Omit<DesignationTable, 'id'>;
export type NewDesignationEvent = Omit<DesignationEventTable, 'id'>;

/** Which kinds decide whether a designation is held, and which set its tier. */
const STATUS_KINDS = ['granted', 'suspended', 'reinstated', 'revoked', 'expired'];
const TIER_KINDS = ['granted', 'tier_changed'];

export interface HoldingFilter {
  title: DesignationTitle;
  tier?: string | undefined;
  /** YYYY-MM-DD */
  day: string;
}

/**
 * Designations held on a day, as a query of their rows: granted on or before it, still valid, the
 * last status step on or before it a grant or a reinstatement, and (if asked) that tier at the time.
 */
export function holdingQuery(db: Kysely<Database>, f: HoldingFilter) {
  let q = db.selectFrom('designations as d')
    .where('d.title', '=', f.title)
    .where('d.granted_on', '<=', f.day)
    .where((eb) => eb.or([eb('d.valid_until', 'is', null), eb('d.valid_until', '>', f.day)]))
    .where((eb) => eb(
      eb.selectFrom('designation_events as s').select('s.kind').whereRef('s.designation_id', '=', 'd.id')
        .where('s.day', '<=', f.day).where('s.kind', 'in', STATUS_KINDS).orderBy('s.day', 'desc').orderBy('s.id', 'desc').limit(1),
      'in', ['granted', 'reinstated'],
    ));
  if (f.tier) {
    const tier = f.tier;
    q = q.where((eb) => eb(
      eb.selectFrom('designation_events as t').select('t.tier').whereRef('t.designation_id', '=', 'd.id')
        .where('t.day', '<=', f.day).where('t.kind', 'in', TIER_KINDS).orderBy('t.day', 'desc').orderBy('t.id', 'desc').limit(1),
      '=', tier,
    ));
  }
  return q;
}

/** The organisations holding a designation on a day (a subquery of codes, for the registry's filter). */
export function holderUsccs(db: Kysely<Database>, f: HoldingFilter) {
  return holdingQuery(db, f).select('d.uscc');
}

/** The organisations holding a designation on a day, with their names, by code. */
export function holdersWithNames(db: Kysely<Database>, f: HoldingFilter) {
  return db.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', holderUsccs(db, f)).orderBy('uscc').execute();
}

export async function listHolders(
  db: Kysely<Database>, f: HoldingFilter, page: { page: number; pageSize: number },
): Promise<{ rows: (DesignationRow & { name: string })[]; total: number }> {
  const q = holdingQuery(db, f).innerJoin('organisations as o', 'o.uscc', 'd.uscc');
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('d').select('o.name').orderBy('o.name').orderBy('d.id')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return { rows, total };
}

export async function organisationExists(db: Kysely<Database>, uscc: string): Promise<boolean> {
  return (await db.selectFrom('organisations').select('uscc').where('uscc', '=', uscc).executeTakeFirst()) !== undefined;
}

/** Of these codes, the ones in the registry. */
export async function knownUsccs(db: Kysely<Database>, usccs: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < usccs.length; i += 500) {
    const rows = await db.selectFrom('organisations').select('uscc').where('uscc', 'in', usccs.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.uscc);
  }
  return found;
}

export async function findDesignation(db: Kysely<Database>, id: number): Promise<DesignationRow | undefined> {
  return db.selectFrom('designations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function designationRowsOf(db: Kysely<Database>, uscc: string): Promise<DesignationRow[]> {
  return db.selectFrom('designations').selectAll().where('uscc', '=', uscc).orderBy('granted_on', 'desc').orderBy('id', 'desc').execute();
}

/** The organisation's designations of a title not ended by an event, latest first. */
export async function openDesignationsOf(db: Kysely<Database>, uscc: string, title: string): Promise<DesignationRow[]> {
  return db.selectFrom('designations').selectAll().where('uscc', '=', uscc).where('title', '=', title)
    .where('status', 'in', ['active', 'suspended']).orderBy('id', 'desc').execute();
}

/** Which of these (uscc, title) pairs have a designation not ended by an event. */
export async function openPairs(db: Kysely<Database>, title: string, usccs: readonly string[]): Promise<Set<string>> {
  const open = new Set<string>();
  for (let i = 0; i < usccs.length; i += 500) {
    const rows = await db.selectFrom('designations').select('uscc').where('title', '=', title)
      .where('uscc', 'in', usccs.slice(i, i + 500)).where('status', 'in', ['active', 'suspended']).execute();
    for (const r of rows) open.add(r.uscc);
  }
  return open;
}

/** Events of these designations in recorded order (day, then id), grouped by designation. */
export async function eventsOf(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, DesignationEventRow[]>> {
  const out = new Map<number, DesignationEventRow[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('designation_events').selectAll().where('designation_id', 'in', ids.slice(i, i + 500))
      .orderBy('designation_id').orderBy('day').orderBy('id').execute();
    for (const r of rows) out.get(r.designation_id)?.push(r);
  }
  return out;
}

export async function insertDesignation(trx: Transaction<Database>, row: NewDesignation): Promise<DesignationRow> {
  return trx.insertInto('designations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Many new designations at once; returns their ids keyed by uscc (one per uscc in a batch). */
export async function insertDesignations(trx: Transaction<Database>, rows: readonly NewDesignation[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await trx.insertInto('designations').values(rows.slice(i, i + 200)).returning(['id', 'uscc']).execute();
    for (const r of inserted) ids.set(r.uscc, r.id);
  }
  return ids;
}

export async function insertEvents(trx: Transaction<Database>, rows: readonly NewDesignationEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('designation_events').values(rows.slice(i, i + 200)).execute();
}

export async function updateDesignation(
  trx: Transaction<Database>, id: number,
  values: Pick<DesignationTable, 'tier' | 'status' | 'granted_year' | 'granted_on' | 'valid_until' | 'ended_on' | 'ended_year' | 'updated_at'>,
): Promise<DesignationRow> {
  return trx.updateTable('designations').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
