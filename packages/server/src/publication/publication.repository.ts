/**
 * Queries of the publication (公示) and how it is shown: the office sees everything including who
 * objected and how to reach them; the public sees the listed entries and the period, from its start.
 */
import { KepingError, type ObjectionStatus, type ProgramCategory, type PublicationStatus } from '@keping/core';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import { takesObjections } from '../policies/publication.policy.js';
import type { PublicationEntryTable, PublicationObjectionTable, PublicationTable } from '../db/schema-publication.js';

export type PublicationRow = Selectable<PublicationTable>;
export type EntryRow = Selectable<PublicationEntryTable>;
export type ObjectionRow = Selectable<PublicationObjectionTable>;

export async function findPublication(db: Kysely<Database>, id: number): Promise<PublicationRow> {
  const row = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return row;
}

export async function findObjection(db: Kysely<Database>, id: number): Promise<ObjectionRow> {
  const row = await db.selectFrom('publication_objections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return row;
}

export function toEntry(r: EntryRow) {
  return {
    id: r.id, position: r.position, kind: r.kind, applicationId: r.application_id, nominationId: r.nomination_id, holder: r.holder,
    holderUscc: r.holder_uscc, title: r.title, category: r.category, outcome: { zh: r.outcome_zh, en: r.outcome_en }, honour: r.honour,
    rank: r.rank, score: r.score === null ? null : Number(r.score), status: r.status,
  };
}

export function toObjection(r: ObjectionRow) {
  return {
    id: r.id, publicationId: r.publication_id, entryId: r.entry_id, name: r.name, contact: r.contact, organisation: r.organisation,
    grounds: r.grounds, evidence: r.evidence_sha256 === null ? null : { sha256: r.evidence_sha256, name: r.evidence_name, mime: r.evidence_mime, size: r.evidence_size },
    status: r.status as ObjectionStatus, investigationNote: r.investigation_note, resolutionReason: r.resolution_reason,
    resolvedAt: r.resolved_at, filedAt: r.filed_at,
  };
}

async function header(db: Kysely<Database>, row: PublicationRow, now: Date) {
  const program = await db.selectFrom('programs').select(['id', 'title_zh', 'title_en', 'cycle_year', 'categories']).where('id', '=', row.program_id).executeTakeFirstOrThrow();
  const categories = (JSON.parse(program.categories) as ProgramCategory[]).map((c) => ({ key: c.key, name: c.name }));
  return {
    id: row.id, programId: row.program_id, program: { zh: program.title_zh, en: program.title_en }, cycleYear: program.cycle_year, categories,
    status: row.status as PublicationStatus, startDate: row.start_date, endDate: row.end_date, startsAt: row.starts_at, endsAt: row.ends_at,
    publishedAt: row.published_at, finalisedAt: row.finalised_at, objectionsOpen: takesObjections(row, now),
  };
}

export async function entriesOf(db: Kysely<Database>, publicationId: number, listedOnly: boolean): Promise<EntryRow[]> {
  let q = db.selectFrom('publication_entries').selectAll().where('publication_id', '=', publicationId);
  if (listedOnly) q = q.where('status', '=', 'listed');
  return q.orderBy('position').execute();
}

export async function presentForOffice(db: Kysely<Database>, row: PublicationRow, now: Date) {
  const objections = await db.selectFrom('publication_objections').selectAll().where('publication_id', '=', row.id).orderBy('id').execute();
  const decisions = await db.selectFrom('publication_decisions').innerJoin('publication_objections', 'publication_objections.id', 'publication_decisions.objection_id')
    .selectAll('publication_decisions').where('publication_objections.publication_id', '=', row.id).orderBy('publication_decisions.id').execute();
  return {
    ...(await header(db, row, now)),
    entries: (await entriesOf(db, row.id, false)).map(toEntry),
    objections: objections.map(toObjection),
    decisions: decisions.map((d) => ({
      id: d.id, objectionId: d.objection_id, entryId: d.entry_id, action: d.action, before: JSON.parse(d.before) as unknown,
      after: JSON.parse(d.after) as unknown, decidedAt: d.decided_at,
    })),
  };
}

export async function presentForPublic(db: Kysely<Database>, row: PublicationRow, now: Date) {
  const entries = (await entriesOf(db, row.id, true)).map((e) => {
    const { status: _status, nominationId: _n, ...shown } = toEntry(e);
    return shown;
  });
  const { publishedAt: _p, ...head } = await header(db, row, now);
  return { ...head, entries };
}

/** The rank and score each line of the program's publication shows (the record bundle checks them). */
export async function publishedRanks(db: Kysely<Database>, programId: number) {
  const rows = await db.selectFrom('publication_entries').innerJoin('publications', 'publications.id', 'publication_entries.publication_id')
    .select(['publication_entries.application_id', 'publication_entries.category', 'publication_entries.rank', 'publication_entries.score', 'publication_entries.status'])
    .where('publications.program_id', '=', programId).where('publication_entries.kind', '=', 'achievement')
    .orderBy('publication_entries.position').execute();
  return rows.map((r) => ({ applicationId: r.application_id, category: r.category, rank: r.rank, score: r.score === null ? null : Number(r.score), status: r.status }));
}

/** Organisations on the final list through an achievement (the entries the program's first outcome names), in list order. */
export async function listedAchievementHolders(db: Kysely<Database>, publicationId: number): Promise<string[]> {
  const rows = await db.selectFrom('publication_entries').select('holder_uscc').where('publication_id', '=', publicationId)
    .where('status', '=', 'listed').where('kind', '=', 'achievement').where('holder_uscc', 'is not', null).orderBy('position').execute();
  return [...new Set(rows.map((r) => r.holder_uscc).filter((u): u is string => u !== null))];
}

export type NewEntry = Omit<PublicationEntryTable, 'id' | 'publication_id' | 'position' | 'status'>;

export function publicationOfProgram(db: Kysely<Database>, programId: number): Promise<PublicationRow | undefined> {
  return db.selectFrom('publications').selectAll().where('program_id', '=', programId).executeTakeFirst();
}

/** The lists the public may read at `at` (published or final, period started), newest first. */
export function publicPublications(db: Kysely<Database>, at: string) {
  return db.selectFrom('publications').innerJoin('programs', 'programs.id', 'publications.program_id')
    .select(['publications.id', 'publications.status', 'publications.start_date', 'publications.end_date', 'programs.title_zh', 'programs.title_en', 'programs.cycle_year'])
    .where('publications.status', 'in', ['published', 'final']).where('publications.starts_at', '<=', at)
    .orderBy('publications.starts_at', 'desc').execute();
}

/** A round's advanced entries still submitted, with their organisation's name and honour, by category then rank. */
export function advancedEntries(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('round_advancements')
    .innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
    .leftJoin('application_honours', 'application_honours.application_id', 'applications.id')
    .select(['applications.id', 'applications.title', 'applications.category', 'applications.uscc', 'organisations.name', 'application_honours.level',
      'round_advancements.rank', 'round_advancements.score'])
    .where('round_advancements.round_id', '=', roundId).where('round_advancements.advanced', '=', 1)
    .where('applications.status', '=', 'submitted').orderBy('applications.category').orderBy('round_advancements.rank').orderBy('applications.id').execute();
}

export async function countEntries(db: Kysely<Database>, publicationId: number, listedOnly: boolean): Promise<number> {
  let q = db.selectFrom('publication_entries').select((eb) => eb.fn.countAll().as('n')).where('publication_id', '=', publicationId);
  if (listedOnly) q = q.where('status', '=', 'listed');
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export function insertPublication(db: Kysely<Database>, values: Insertable<PublicationTable>): Promise<PublicationRow> {
  return db.insertInto('publications').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Replaces a publication's entries (numbered from 1 in the given order) and stamps it. */
export async function replaceEntries(db: Kysely<Database>, publicationId: number, entries: readonly NewEntry[], at: string): Promise<void> {
  await db.deleteFrom('publication_entries').where('publication_id', '=', publicationId).execute();
  await db.updateTable('publications').set({ updated_at: at }).where('id', '=', publicationId).execute();
  for (let i = 0; i < entries.length; i += 500) {
    await db.insertInto('publication_entries').values(entries.slice(i, i + 500).map((e, j) => ({
      ...e, publication_id: publicationId, position: i + j + 1, status: 'listed',
    }))).execute();
  }
}

/** Moves a publication on from `from`, conditionally: false when it is no longer in that state. */
export async function advancePublication(
  db: Kysely<Database>, id: number, from: string, values: Updateable<PublicationTable>,
): Promise<boolean> {
  const updated = await db.updateTable('publications').set(values).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Objections still open or under investigation, by id. */
export async function unresolvedObjectionIds(db: Kysely<Database>, publicationId: number): Promise<number[]> {
  const rows = await db.selectFrom('publication_objections').select('id').where('publication_id', '=', publicationId)
    .where('status', 'in', ['open', 'investigating']).orderBy('id').execute();
  return rows.map((r) => r.id);
}
