/** Queries on the organisations table and how its rows are presented. */
import {
  type Contact, type ListingStatus, type Organisation, type OrganisationKind, KEY_INDUSTRIES, LEADING_INDUSTRIES,
} from '@keping/core';
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Dialect, Store } from '../db/database.js';
import { type HoldingFilter, holderUsccs } from '../designations/designation.repository.js';
import type { AuditLogTable, Database, OrganisationTable, SelfDeclaredFactTable } from '../db/schema.js';

export type { Organisation };

/** ",a,b," ⇄ [a, b]: the delimiters let one LIKE '%,a,%' find members. */
export function encodeSet(values: readonly string[]): string {
  return values.length === 0 ? ',' : `,${values.join(',')},`;
}
export function decodeSet<T extends string>(text: string | null): T[] {
  return (text ?? '').split(',').filter(Boolean) as T[];
}

export function toOrganisation(row: OrganisationTable): Organisation {
  return {
    uscc: row.uscc, name: row.name, kind: row.kind as OrganisationKind | null, district: row.district,
    industryCode: row.industry_code, established: row.established, listing: row.listing as ListingStatus | null,
    groups: decodeSet(row.groups), talentFields: decodeSet(row.talent_fields),
    derivedGroups: decodeSet(row.derived_groups), derivedTalentFields: decodeSet(row.derived_talent_fields),
    groupsOverride: row.groups_override === null ? null : decodeSet(row.groups_override),
    talentFieldsOverride: row.talent_fields_override === null ? null : decodeSet(row.talent_fields_override),
    contacts: JSON.parse(row.contacts) as Contact[], isDemo: row.is_demo === 1, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export interface OrganisationFilter {
  q?: string | undefined;
  district?: string | undefined;
  kind?: string | undefined;
  listing?: string | undefined;
  group?: string | undefined;
  talentField?: string | undefined;
  /** Only holders of a designation on a day. */
  holding?: HoldingFilter | undefined;
}

export const SORTABLE = { name: 'name', uscc: 'uscc', established: 'established', updatedAt: 'updated_at' } as const;

function filtered(db: Kysely<Database>, f: OrganisationFilter) {
  let q = db.selectFrom('organisations');
  if (f.q?.trim()) {
    const needle = `%${f.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([
      eb(eb.fn('lower', ['name']), 'like', needle),
      eb(eb.fn('lower', ['uscc']), 'like', needle),
    ]));
  }
  if (f.district) q = q.where('district', '=', f.district);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.listing) q = q.where('listing', '=', f.listing);
  if (f.group === 'leading' || f.group === 'key') {
    const members: readonly string[] = f.group === 'leading' ? LEADING_INDUSTRIES : KEY_INDUSTRIES;
    q = q.where((eb) => eb.or(members.map((g) => eb('groups', 'like', `%,${g},%`))));
  } else if (f.group) {
    q = q.where('groups', 'like', `%,${f.group},%`);
  }
  if (f.talentField) q = q.where('talent_fields', 'like', `%,${f.talentField},%`);
  if (f.holding) q = q.where('uscc', 'in', holderUsccs(db, f.holding));
  return q;
}

export async function listOrganisations(
  db: Kysely<Database>,
  f: OrganisationFilter & { page: number; pageSize: number; sort: keyof typeof SORTABLE; order: 'asc' | 'desc' },
): Promise<{ items: Organisation[]; total: number }> {
  const q = filtered(db, f);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy(SORTABLE[f.sort], f.order).orderBy('uscc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(toOrganisation), total };
}

/** Every matching organisation, in pages, for export without holding all rows at once. */
export async function* eachOrganisation(db: Kysely<Database>, f: OrganisationFilter): AsyncGenerator<Organisation> {
  let after = '';
  for (;;) {
    const rows = await filtered(db, f).selectAll().where('uscc', '>', after).orderBy('uscc').limit(2000).execute();
    if (rows.length === 0) return;
    for (const row of rows) yield toOrganisation(row);
    after = rows[rows.length - 1]?.uscc ?? after;
  }
}

export function findOrganisation(db: Kysely<Database>, uscc: string): Promise<OrganisationTable | undefined> {
  return db.selectFrom('organisations').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

/** Registered names of the given codes (those not registered are absent). */
export async function organisationNames(db: Kysely<Database>, usccs: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < usccs.length; i += 500) {
    const rows = await db.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', usccs.slice(i, i + 500)).execute();
    for (const r of rows) names.set(r.uscc, r.name);
  }
  return names;
}

export async function insertOrganisation(db: Kysely<Database>, row: OrganisationTable): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisationRow(db: Kysely<Database>, uscc: string, set: Partial<OrganisationTable>): Promise<void> {
  await db.updateTable('organisations').set(set).where('uscc', '=', uscc).execute();
}

/** The fact fields of an organisation its applicant changed and the office has not confirmed. */
export function selfDeclaredOf(db: Kysely<Database>, uscc: string): Promise<SelfDeclaredFactTable[]> {
  return db.selectFrom('self_declared_facts').selectAll().where('uscc', '=', uscc).orderBy('field').execute();
}

/**
 * The marks of `fields`, locked on PostgreSQL until the transaction ends, so of two confirmations
 * racing the second waits and then finds them gone (SQLite runs one transaction at a time).
 */
export function lockSelfDeclared(db: Kysely<Database>, dialect: Dialect, uscc: string, fields: readonly string[]): Promise<SelfDeclaredFactTable[]> {
  if (fields.length === 0) return Promise.resolve([]);
  const q = db.selectFrom('self_declared_facts').selectAll().where('uscc', '=', uscc).where('field', 'in', fields).orderBy('field');
  return (dialect === 'postgres' ? q.forUpdate() : q).execute();
}

/** Marks fields self-declared (a later edit by the applicant moves the mark to its time). */
export async function markSelfDeclared(db: Kysely<Database>, rows: readonly SelfDeclaredFactTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('self_declared_facts').values([...rows])
    .onConflict((oc) => oc.columns(['uscc', 'field']).doUpdateSet((eb) => ({
      declared_by: eb.ref('excluded.declared_by'), declared_at: eb.ref('excluded.declared_at'),
    })))
    .execute();
}

/** Clears the marks of `fields`. */
export async function clearSelfDeclared(db: Kysely<Database>, uscc: string, fields: readonly string[]): Promise<void> {
  if (fields.length === 0) return;
  await db.deleteFrom('self_declared_facts').where('uscc', '=', uscc).where('field', 'in', fields).execute();
}

/** The organisations after a code, in code order: a page of a walk over the whole registry. */
export function organisationsAfter(db: Kysely<Database>, afterUscc: string, limit: number): Promise<OrganisationTable[]> {
  return db.selectFrom('organisations').selectAll().where('uscc', '>', afterUscc).orderBy('uscc').limit(limit).execute();
}

/** Audit entries about an organisation, and about the import that brought it in (if any), newest first. */
export function organisationAuditRows(db: Kysely<Database>, uscc: string, importId: number | null): Promise<AuditLogTable[]> {
  return db.selectFrom('audit_log').selectAll().where((eb) => {
    const own = eb.and([eb('subject_type', '=', 'organisation'), eb('subject_id', '=', uscc)]);
    return importId === null ? own : eb.or([own, eb.and([eb('subject_type', '=', 'import'), eb('subject_id', '=', String(importId))])]);
  }).orderBy('id', 'desc').execute();
}

/** An imported row's stored columns; the import's id and time are the same for every row (ImportStamp). */
export type ImportedRow = Omit<OrganisationTable, 'is_demo' | 'created_at' | 'updated_at' | 'import_id'>;
export interface ImportStamp {
  importId: number;
  at: string;
}

const UPSERT_COLUMNS = [
  'uscc', 'name', 'kind', 'district', 'industry_code', 'established', 'listing', 'groups', 'talent_fields', 'derived_groups',
  'derived_talent_fields', 'groups_override', 'talent_fields_override', 'contacts', 'import_id', 'updated_at',
] as const satisfies readonly (keyof OrganisationTable)[];
/** A column an import writes; on an organisation already registered, the import service says which it may change. */
export type ImportedColumn = (typeof UPSERT_COLUMNS)[number];

// No guard in the statement: the import service checks names first and writes only rows that match.
function upsertSql(updated: readonly ImportedColumn[]): string {
  return `INSERT INTO organisations (${UPSERT_COLUMNS.join(', ')}, is_demo, created_at)
  VALUES (${UPSERT_COLUMNS.map(() => '?').join(', ')}, 0, ?)
  ON CONFLICT (uscc) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}

interface Statements {
  upserts: Map<string, SQLite.Statement>;
  name: SQLite.Statement;
}
/** The import's statements, prepared once per embedded connection (and per set of updated columns). */
const prepared = new WeakMap<SQLite.Database, Statements>();
function statements(sqlite: SQLite.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = { upserts: new Map(), name: sqlite.prepare('SELECT name FROM organisations WHERE uscc = ?').pluck() };
    prepared.set(sqlite, s);
  }
  return s;
}
function upsertStatement(sqlite: SQLite.Database, updated: readonly ImportedColumn[]): SQLite.Statement {
  const { upserts } = statements(sqlite);
  const key = updated.join(',');
  let upsert = upserts.get(key);
  if (!upsert) upserts.set(key, (upsert = sqlite.prepare(upsertSql(updated))));
  return upsert;
}

/**
 * Writes imported rows, inserting new organisations and updating the `updated` columns of existing
 * ones. `db` must be the transaction the import runs in. On SQLite the same connection runs one cached
 * prepared statement per row (a multi-row VALUES upsert measured slower there).
 */
export async function upsertImported(
  db: Kysely<Database>, store: Store, rows: readonly ImportedRow[], stamp: ImportStamp, updated: readonly ImportedColumn[],
): Promise<void> {
  if (rows.length === 0) return;
  if (store.sqlite) {
    const upsert = upsertStatement(store.sqlite, updated);
    for (const r of rows) {
      // Positional arguments in UPSERT_COLUMNS order, without building an array per row.
      upsert.run(r.uscc, r.name, r.kind, r.district, r.industry_code, r.established, r.listing, r.groups, r.talent_fields,
        r.derived_groups, r.derived_talent_fields, r.groups_override, r.talent_fields_override, r.contacts, stamp.importId, stamp.at,
        stamp.at);
    }
    return;
  }
  await db.insertInto('organisations')
    .values(rows.map((r) => ({ ...r, import_id: stamp.importId, updated_at: stamp.at, is_demo: 0, created_at: stamp.at })))
    .onConflict((oc) => oc.column('uscc').doUpdateSet((eb) => Object.fromEntries(
      updated.map((c) => [c, eb.ref(`excluded.${c}`)]),
    )))
    .execute();
}

/** Registered names of the given codes (those not registered are absent). */
export async function registeredNames(db: Kysely<Database>, store: Store, usccs: string[]): Promise<Map<string, string>> {
  if (usccs.length === 0) return new Map();
  if (store.sqlite) {
    const { name } = statements(store.sqlite);
    const names = new Map<string, string>();
    for (const uscc of usccs) {
      const registered = name.get(uscc) as string | undefined;
      if (registered !== undefined) names.set(uscc, registered);
    }
    return names;
  }
  const rows = await db.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', usccs).execute();
  return new Map(rows.map((r) => [r.uscc, r.name]));
}
