/** Queries on the organisations table and how its rows are presented. */
import {
  classify, type Contact, type IndustryGroup, type IndustryMappingRule, type ListingStatus, type Organisation, type OrganisationFields,
  type OrganisationKind, type TalentField, KEY_INDUSTRIES, LEADING_INDUSTRIES,
} from '@keping/core';
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Store } from '../db/database.js';
import { type HoldingFilter, holderUsccs } from '../designations/designation.repository.js';
import type { Database, OrganisationTable } from '../db/schema.js';

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

/** What a class gives under a mapping, with its sets already encoded as stored. */
interface Derived {
  groups: IndustryGroup[];
  talentFields: TalentField[];
  groupsText: string;
  talentFieldsText: string;
}

// Imports classify the same few hundred classes again and again: remember them per mapping.
const classified = new WeakMap<readonly IndustryMappingRule[], Map<string, Derived>>();
function classifyCached(code: string | null, mapping: readonly IndustryMappingRule[]): Derived {
  let cache = classified.get(mapping);
  if (!cache) classified.set(mapping, (cache = new Map()));
  const key = code ?? '';
  let result = cache.get(key);
  if (!result) {
    const { groups, talentFields } = classify(code, mapping);
    cache.set(key, (result = { groups, talentFields, groupsText: encodeSet(groups), talentFieldsText: encodeSet(talentFields) }));
  }
  return result;
}

/** The stored columns for validated fields: memberships derived from the class, overrides applied. */
export function toRow(
  f: OrganisationFields,
  mapping: readonly IndustryMappingRule[],
): Omit<OrganisationTable, 'created_at' | 'updated_at' | 'is_demo' | 'import_id'> {
  const derived = classifyCached(f.industryCode, mapping);
  const groupsOverride = f.groupsOverride === null ? null : encodeSet(f.groupsOverride);
  const talentFieldsOverride = f.talentFieldsOverride === null ? null : encodeSet(f.talentFieldsOverride);
  return {
    uscc: f.uscc, name: f.name, kind: f.kind, district: f.district, industry_code: f.industryCode,
    established: f.established, listing: f.listing,
    groups: groupsOverride ?? derived.groupsText,
    talent_fields: talentFieldsOverride ?? derived.talentFieldsText,
    derived_groups: derived.groupsText, derived_talent_fields: derived.talentFieldsText,
    groups_override: groupsOverride,
    talent_fields_override: talentFieldsOverride,
    contacts: f.contacts.length === 0 ? '[]' : JSON.stringify(f.contacts),
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
/** What an import may change on an existing organisation: its spreadsheet fields, not overrides or contacts. */
const UPDATED_ON_CONFLICT = [
  'kind', 'district', 'industry_code', 'established', 'listing', 'groups', 'talent_fields', 'derived_groups',
  'derived_talent_fields', 'import_id', 'updated_at',
] as const;

/** An imported row whose code is registered under another name: left as it is, and reported. */
export interface NameMismatch {
  /** Index of the row in the batch. */
  index: number;
  registeredName: string;
}

/** What writing a batch did. */
export interface UpsertResult {
  created: number;
  updated: number;
  mismatched: NameMismatch[];
}

// The guard leaves an organisation registered under another name alone: the run reports no change.
const UPSERT_SQL = `INSERT INTO organisations (${UPSERT_COLUMNS.join(', ')}, is_demo, created_at)
  VALUES (${UPSERT_COLUMNS.map(() => '?').join(', ')}, 0, ?)
  ON CONFLICT (uscc) DO UPDATE SET ${UPDATED_ON_CONFLICT.map((c) => `${c} = excluded.${c}`).join(', ')}
  WHERE organisations.name = excluded.name`;

interface Statements {
  upsert: SQLite.Statement;
  name: SQLite.Statement;
  maxRowid: SQLite.Statement;
}
/** The import's statements, prepared once per embedded connection. */
const prepared = new WeakMap<SQLite.Database, Statements>();
function statements(sqlite: SQLite.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      upsert: sqlite.prepare(UPSERT_SQL),
      name: sqlite.prepare('SELECT name FROM organisations WHERE uscc = ?').pluck(),
      maxRowid: sqlite.prepare('SELECT max(rowid) FROM organisations').pluck(),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * Writes imported rows, inserting new organisations and updating existing ones, except those whose
 * code is registered under another name (returned; the caller rolls the import back). `db` must be
 * the transaction the import runs in.
 *
 * On SQLite the same connection runs one cached prepared statement per row (a multi-row VALUES
 * upsert measured slower there), and no lookup precedes the write: a row the guard left alone
 * reports no change, and new rows are counted by how far the largest rowid moved (SQLite gives a
 * new row the largest rowid plus one; this import holds the write lock).
 */
export async function upsertImported(
  db: Kysely<Database>, store: Store, rows: ImportedRow[], stamp: ImportStamp,
): Promise<UpsertResult> {
  if (rows.length === 0) return { created: 0, updated: 0, mismatched: [] };
  if (store.sqlite) {
    const { upsert, name, maxRowid } = statements(store.sqlite);
    const before = (maxRowid.get() as number | null) ?? 0;
    if (before < Number.MAX_SAFE_INTEGER - rows.length) {
      const mismatched: NameMismatch[] = [];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        // Positional arguments in UPSERT_COLUMNS order, without building an array per row.
        const { changes } = upsert.run(r.uscc, r.name, r.kind, r.district, r.industry_code, r.established, r.listing, r.groups,
          r.talent_fields, r.derived_groups, r.derived_talent_fields, r.groups_override, r.talent_fields_override, r.contacts,
          stamp.importId, stamp.at, stamp.at);
        if (changes === 0) mismatched.push({ index: i, registeredName: name.get(r.uscc) as string });
      }
      const created = ((maxRowid.get() as number | null) ?? 0) - before;
      return { created, updated: rows.length - mismatched.length - created, mismatched };
    }
  }
  // Looked up first, then written only when every name matches (the import rolls back otherwise).
  const names = await registeredNames(db, store, rows.map((r) => r.uscc));
  const mismatched: NameMismatch[] = [];
  rows.forEach((r, index) => {
    const registeredName = names.get(r.uscc);
    if (registeredName !== undefined && registeredName !== r.name) mismatched.push({ index, registeredName });
  });
  if (mismatched.length > 0) return { created: 0, updated: 0, mismatched };
  if (store.sqlite) {
    const { upsert } = statements(store.sqlite);
    for (const r of rows) {
      upsert.run(r.uscc, r.name, r.kind, r.district, r.industry_code, r.established, r.listing, r.groups, r.talent_fields,
        r.derived_groups, r.derived_talent_fields, r.groups_override, r.talent_fields_override, r.contacts, stamp.importId, stamp.at,
        stamp.at);
    }
  } else {
    await db.insertInto('organisations')
      .values(rows.map((r) => ({ ...r, import_id: stamp.importId, updated_at: stamp.at, is_demo: 0, created_at: stamp.at })))
      .onConflict((oc) => oc.column('uscc').doUpdateSet((eb) => Object.fromEntries(
        UPDATED_ON_CONFLICT.map((c) => [c, eb.ref(`excluded.${c}`)]),
      )))
      .execute();
  }
  return { created: rows.length - names.size, updated: names.size, mismatched };
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
