/** Queries on the experts tables and how their rows are presented. */
import {
  type DateRange, type DeclaredConflict, type Expert, type ExpertEmployment, type ExpertFields, expertiseOf, normaliseTag,
  type Shareholding,
} from '@keping/core';
import { type Kysely, sql } from 'kysely';
import type { AuditLogTable, Database, ExpertTable } from '../db/schema.js';
import { decodeSet, encodeSet } from '../registry/organisation.repository.js';

export type ExpertRow = Omit<ExpertTable, 'id'> & { id: number };
/** The columns a write sets from validated fields. */
export type ExpertValues = Omit<ExpertTable, 'id' | 'active' | 'is_demo' | 'import_id' | 'created_at' | 'updated_at'>;

export function toExpert(row: ExpertRow, unavailable: DateRange[]): Expert {
  const tags = decodeSet<string>(row.tags);
  return {
    id: row.id, name: row.name, professionalTitle: row.professional_title, employerUscc: row.employer_uscc,
    employerName: row.employer_name, tags, ...expertiseOf(tags),
    employment: JSON.parse(row.employment) as ExpertEmployment[],
    shareholdings: JSON.parse(row.shareholdings) as Shareholding[],
    declared: JSON.parse(row.declared) as DeclaredConflict[],
    available: row.available === 1, unavailable, phone: row.phone, email: row.email, userId: row.user_id,
    active: row.active === 1, isDemo: row.is_demo === 1, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export function toValues(f: ExpertFields): ExpertValues {
  return {
    name: f.name, professional_title: f.professionalTitle, employer_uscc: f.employerUscc, employer_name: f.employerName,
    tags: encodeSet(f.tags), employment: JSON.stringify(f.employment), shareholdings: JSON.stringify(f.shareholdings),
    declared: JSON.stringify(f.declared), available: f.available ? 1 : 0, phone: f.phone, email: f.email, user_id: f.userId,
  };
}

export interface ExpertFilter {
  q?: string | undefined;
  tag?: string | undefined;
  available?: boolean | undefined;
  /** YYYY-MM-DD: available and outside every unavailable period on that day. */
  availableOn?: string | undefined;
  status?: 'active' | 'inactive' | 'all' | undefined;
}

/** A LIKE pattern for text inside a value, with the wildcards in it taken literally (ESCAPE '\'). */
function contains(needle: string): string {
  return `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Kysely<Database>, f: ExpertFilter) {
  let q = db.selectFrom('experts');
  const status = f.status ?? 'active';
  if (status !== 'all') q = q.where('active', '=', status === 'active' ? 1 : 0);
  const text = f.q?.trim();
  if (text) {
    const needle = contains(text);
    const tag = contains(`,${normaliseTag(text)},`);
    q = q.where(sql<boolean>`(lower(name) LIKE ${needle} ESCAPE '\\' OR lower(coalesce(employer_name, '')) LIKE ${needle} ESCAPE '\\'
      OR lower(coalesce(professional_title, '')) LIKE ${needle} ESCAPE '\\' OR lower(tags) LIKE ${needle} ESCAPE '\\'
      OR lower(tags) LIKE ${tag} ESCAPE '\\')`);
  }
  if (f.tag?.trim()) q = q.where(sql<boolean>`lower(tags) LIKE ${contains(`,${normaliseTag(f.tag)},`)} ESCAPE '\\'`);
  if (f.available !== undefined) q = q.where('available', '=', f.available ? 1 : 0);
  if (f.availableOn) {
    const day = f.availableOn;
    q = q.where('available', '=', 1).where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('expert_unavailability as u').select('u.expert_id')
        .whereRef('u.expert_id', '=', 'experts.id').where('u.start_date', '<=', day).where('u.end_date', '>=', day),
    )));
  }
  return q;
}

async function withUnavailability(db: Kysely<Database>, rows: ExpertRow[]): Promise<Expert[]> {
  if (rows.length === 0) return [];
  const ranges = new Map<number, DateRange[]>();
  // Chunks keep the IN list well below SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const found = await db.selectFrom('expert_unavailability').selectAll().where('expert_id', 'in', ids)
      .orderBy('expert_id').orderBy('start_date').execute();
    for (const u of found) {
      const list = ranges.get(u.expert_id) ?? [];
      list.push({ from: u.start_date, to: u.end_date });
      ranges.set(u.expert_id, list);
    }
  }
  return rows.map((r) => toExpert(r, ranges.get(r.id) ?? []));
}

export async function listExperts(
  db: Kysely<Database>, f: ExpertFilter & { page: number; pageSize: number },
): Promise<{ items: Expert[]; total: number }> {
  const q = filtered(db, f);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('name').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: await withUnavailability(db, rows), total };
}

export async function loadExperts(db: Kysely<Database>, filter: { ids?: number[]; activeOnly: boolean }): Promise<Expert[]> {
  let q = db.selectFrom('experts').selectAll();
  if (filter.activeOnly) q = q.where('active', '=', 1);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    const rows: ExpertRow[] = [];
    for (let i = 0; i < filter.ids.length; i += 500) rows.push(...await q.where('id', 'in', filter.ids.slice(i, i + 500)).execute());
    return withUnavailability(db, rows.sort((a, b) => a.id - b.id));
  }
  return withUnavailability(db, await q.orderBy('id').execute());
}

export function findExpertRow(db: Kysely<Database>, id: number): Promise<ExpertRow | undefined> {
  return db.selectFrom('experts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findExpert(db: Kysely<Database>, id: number): Promise<Expert | undefined> {
  const row = await findExpertRow(db, id);
  return row ? (await withUnavailability(db, [row]))[0] : undefined;
}

export function findByEmail(db: Kysely<Database>, email: string): Promise<ExpertRow | undefined> {
  return db.selectFrom('experts').selectAll().where('email', '=', email).orderBy('id').executeTakeFirst();
}

export function findByNameAndPhone(db: Kysely<Database>, name: string, phone: string): Promise<ExpertRow | undefined> {
  return db.selectFrom('experts').selectAll().where('name', '=', name).where('phone', '=', phone).orderBy('id').executeTakeFirst();
}

export function findByUser(db: Kysely<Database>, userId: number): Promise<ExpertRow | undefined> {
  return db.selectFrom('experts').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertExpert(
  db: Kysely<Database>, values: ExpertValues, extra: { importId: number | null; isDemo: boolean; at: string },
): Promise<number> {
  const row = await db.insertInto('experts').values({
    ...values, active: 1, is_demo: extra.isDemo ? 1 : 0, import_id: extra.importId, created_at: extra.at, updated_at: extra.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateExpertRow(
  db: Kysely<Database>, id: number, values: Partial<ExpertValues> & { updated_at: string; active?: number; import_id?: number | null },
): Promise<void> {
  await db.updateTable('experts').set(values).where('id', '=', id).execute();
}

export async function replaceUnavailability(db: Kysely<Database>, id: number, ranges: readonly DateRange[]): Promise<void> {
  await db.deleteFrom('expert_unavailability').where('expert_id', '=', id).execute();
  if (ranges.length > 0) {
    await db.insertInto('expert_unavailability').values(ranges.map((r) => ({ expert_id: id, start_date: r.from, end_date: r.to }))).execute();
  }
}

/** Audit entries about an expert, and about the import that last wrote it (if any), newest first. */
export function expertAuditRows(db: Kysely<Database>, id: number, importId: number | null): Promise<AuditLogTable[]> {
  return db.selectFrom('audit_log').selectAll().where((eb) => eb.or([
    eb.and([eb('subject_type', '=', 'expert'), eb('subject_id', '=', String(id))]),
    ...(importId === null ? [] : [eb.and([eb('subject_type', '=', 'import'), eb('subject_id', '=', String(importId))])]),
  ])).orderBy('id', 'desc').execute();
}
