/**
 * Queries of the panel round (终评会): panels, their members, schedule, marks, recusals and signed
 * lists, the people and entries on them, and honours. What a reader may see is decided in panel-round.ts.
 */
import type { HonourLevel, PanelMark } from '@keping/core';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { RequestContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type {
  ApplicationHonourTable, PanelMarkTable, PanelRecusalTable, PanelResultTable, PanelSlotTable, PanelTable,
} from '../../db/schema-publication.js';

export type PanelRow = Selectable<PanelTable>;

export function findPanelRow(db: Kysely<Database>, id: number): Promise<PanelRow | undefined> {
  return db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst();
}

export function panelsOfRound(db: Kysely<Database>, roundId: number): Promise<PanelRow[]> {
  return db.selectFrom('panels').selectAll().where('round_id', '=', roundId).orderBy('category').execute();
}

export async function panelOfCategory(db: Kysely<Database>, roundId: number, category: string): Promise<number | undefined> {
  return (await db.selectFrom('panels').select('id').where('round_id', '=', roundId).where('category', '=', category).executeTakeFirst())?.id;
}

/** The program's categories, as stored (JSON). */
export async function programCategories(db: Kysely<Database>, programId: number): Promise<string> {
  return (await db.selectFrom('programs').select('categories').where('id', '=', programId).executeTakeFirstOrThrow()).categories;
}

export async function membersOf(db: Kysely<Database>, panelId: number): Promise<number[]> {
  const rows = await db.selectFrom('panel_members').select('expert_id').where('panel_id', '=', panelId).orderBy('expert_id').execute();
  return rows.map((r) => r.expert_id);
}

/** The expert the actor logs in as, or undefined. */
export async function actorExpertId(db: Kysely<Database>, ctx: RequestContext): Promise<number | undefined> {
  if (ctx.actor.id === null) return undefined;
  const row = await db.selectFrom('experts').select('id').where('user_id', '=', ctx.actor.id).executeTakeFirst();
  return row?.id;
}

/** Id and whether active, of each expert in `ids`. */
export function expertsActive(db: Kysely<Database>, ids: readonly number[]) {
  return db.selectFrom('experts').select(['id', 'active']).where('id', 'in', ids).execute();
}

export function expertsNamed(db: Kysely<Database>, ids: readonly number[]) {
  return db.selectFrom('experts').select(['id', 'name', 'professional_title']).where('id', 'in', ids).execute();
}

/** Title, code and organisation name of each entry in `ids`. */
export function entriesNamed(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('applications').innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
    .select(['applications.id', 'applications.title', 'applications.uscc', 'organisations.name']).where('applications.id', 'in', ids).execute();
}

export function codesOf(db: Kysely<Database>, ids: readonly number[]): Promise<{ id: number; uscc: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('applications').select(['id', 'uscc']).where('id', 'in', ids).execute();
}

export function categoriesOf(db: Kysely<Database>, ids: readonly number[]): Promise<{ id: number; category: string | null }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('applications').select(['id', 'category']).where('id', 'in', ids).execute();
}

export async function marksOf(db: Kysely<Database>, panelId: number): Promise<(PanelMark & { criteria: Record<string, number> | null; markedAt: string })[]> {
  const rows = await db.selectFrom('panel_marks').selectAll().where('panel_id', '=', panelId).orderBy('application_id').orderBy('expert_id').execute();
  return rows.map((r) => ({
    applicationId: r.application_id, expertId: r.expert_id, score: r.score === null ? null : Number(r.score),
    vote: r.vote === null ? null : r.vote === 1, criteria: r.criteria === null ? null : (JSON.parse(r.criteria) as Record<string, number>),
    markedAt: r.marked_at,
  }));
}

/** Members standing down from entries (回避), found at set-up or declared, with why. */
export async function recusalsOf(db: Kysely<Database>, panelId: number) {
  const rows = await db.selectFrom('panel_recusals').selectAll().where('panel_id', '=', panelId).orderBy('application_id').orderBy('expert_id').execute();
  return rows.map((r) => ({ applicationId: r.application_id, expertId: r.expert_id, source: r.source as 'conflict' | 'declared', reason: r.reason, createdAt: r.created_at }));
}

/** The ranking the chair signed off, as stored. */
export async function signedRanking(db: Kysely<Database>, panelId: number) {
  const rows = await db.selectFrom('panel_results').selectAll().where('panel_id', '=', panelId).orderBy('rank').orderBy('application_id').execute();
  return rows.map((r) => ({
    applicationId: r.application_id, rank: r.rank, total: r.total === null ? null : Number(r.total), yes: r.yes, no: r.no,
    selected: r.selected === 1, tied: r.tied === 1,
  }));
}

/** Entries the signed lists of `panelIds` selected. */
export async function selectedBy(db: Kysely<Database>, panelIds: readonly number[]): Promise<number[]> {
  if (panelIds.length === 0) return [];
  const rows = await db.selectFrom('panel_results').select('application_id').where('panel_id', 'in', panelIds).where('selected', '=', 1).execute();
  return rows.map((r) => r.application_id);
}

export function slotsOf(db: Kysely<Database>, panelId: number) {
  return db.selectFrom('panel_slots').selectAll().where('panel_id', '=', panelId).orderBy('application_id').execute();
}

export async function honoursOf(db: Kysely<Database>, ids: number[]): Promise<Map<number, { level: HonourLevel; note: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('application_honours').selectAll().where('application_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.application_id, { level: r.level as HonourLevel, note: r.note }]));
}

/** Panels the expert sits on (as a member or the chair), with their round's names. */
export function panelsOfExpert(db: Kysely<Database>, expertId: number) {
  return db.selectFrom('panels').innerJoin('panel_members', 'panel_members.panel_id', 'panels.id')
    .innerJoin('program_rounds', 'program_rounds.id', 'panels.round_id')
    .select(['panels.id', 'panels.round_id', 'panels.category', 'panels.status', 'panels.chair_expert_id', 'program_rounds.name_zh', 'program_rounds.name_en'])
    .where('panel_members.expert_id', '=', expertId).orderBy('panels.id').execute();
}

export async function insertPanel(db: Kysely<Database>, values: Insertable<PanelTable>, memberIds: readonly number[]): Promise<number> {
  const { id } = await db.insertInto('panels').values(values).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('panel_members').values(memberIds.map((e) => ({ panel_id: id, expert_id: e }))).execute();
  return id;
}

export async function insertRecusals(db: Kysely<Database>, rows: readonly Insertable<PanelRecusalTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('panel_recusals').values(rows).execute();
}

export async function replaceSlots(db: Kysely<Database>, panelId: number, rows: readonly Insertable<PanelSlotTable>[]): Promise<void> {
  await db.deleteFrom('panel_slots').where('panel_id', '=', panelId).execute();
  if (rows.length > 0) await db.insertInto('panel_slots').values(rows).execute();
}

export function findMark(db: Kysely<Database>, panelId: number, applicationId: number, expertId: number) {
  return db.selectFrom('panel_marks').selectAll().where('panel_id', '=', panelId)
    .where('application_id', '=', applicationId).where('expert_id', '=', expertId).executeTakeFirst();
}

export async function deleteMark(db: Kysely<Database>, panelId: number, applicationId: number, expertId: number): Promise<void> {
  await db.deleteFrom('panel_marks').where('panel_id', '=', panelId).where('application_id', '=', applicationId)
    .where('expert_id', '=', expertId).execute();
}

export async function insertMark(db: Kysely<Database>, values: Insertable<PanelMarkTable>): Promise<void> {
  await db.insertInto('panel_marks').values(values).execute();
}

/** Marks the panel signed off unless it is already; true when this call did. */
export async function claimSignOff(db: Kysely<Database>, panelId: number, values: Updateable<PanelTable>): Promise<boolean> {
  const claimed = await db.updateTable('panels').set(values).where('id', '=', panelId).where('status', '!=', 'signed_off').executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function insertResults(db: Kysely<Database>, rows: readonly Insertable<PanelResultTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('panel_results').values(rows).execute();
}

export function findHonour(db: Kysely<Database>, applicationId: number) {
  return db.selectFrom('application_honours').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

/** Writes the application's honour, replacing the one it had. */
export async function saveHonour(db: Kysely<Database>, values: Insertable<ApplicationHonourTable>, replace: boolean): Promise<void> {
  const { application_id, ...rest } = values;
  if (replace) await db.updateTable('application_honours').set(rest).where('application_id', '=', application_id).execute();
  else await db.insertInto('application_honours').values(values).execute();
}

export function applicationStatus(db: Kysely<Database>, applicationId: number) {
  return db.selectFrom('applications').select(['id', 'status']).where('id', '=', applicationId).executeTakeFirst();
}
