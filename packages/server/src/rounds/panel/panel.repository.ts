/**
 * Queries of the panel round (终评会) and how a panel is presented: to the office in full, to its
 * members with their own marks only, to its chair with every mark and the ranking.
 */
import {
  type HonourLevel, KepingError, type PanelConfig, panelConfigSchema, type PanelMark, type PanelRanking,
  type ProgramCategory, rankPanel, shanghaiDateTime,
} from '@keping/core';
import type { Kysely, Selectable } from 'kysely';
import type { RequestContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { PanelTable } from '../../db/schema-publication.js';
import type { RoundRow } from '../../programs/program.repository.js';
import { entriesOfRound } from '../round-entries.js';

export type PanelRow = Selectable<PanelTable>;

export async function panelRound(db: Kysely<Database>, roundId: number): Promise<RoundRow> {
  const round = await db.selectFrom('program_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round) throw new KepingError('NOT_FOUND', { status: 404 });
  if (round.kind !== 'panel') throw new KepingError('ROUND_NOT_PANEL', { params: { kind: round.kind }, status: 409 });
  return round;
}

export function panelConfigOf(round: RoundRow): PanelConfig {
  const parsed = panelConfigSchema.safeParse(JSON.parse(round.config) as unknown);
  if (!parsed.success) throw new KepingError('PANEL_CONFIG_INVALID', { field: 'config', params: { round: round.key }, status: 409 });
  return parsed.data;
}

/** The category's quota for this round, or null when the program sets none. */
export async function quotaOf(db: Kysely<Database>, round: RoundRow, category: string): Promise<number | null> {
  const program = await db.selectFrom('programs').select('categories').where('id', '=', round.program_id).executeTakeFirstOrThrow();
  const c = (JSON.parse(program.categories) as ProgramCategory[]).find((x) => x.key === category);
  return c?.quotas[round.key] ?? null;
}

export async function findPanel(db: Kysely<Database>, id: number): Promise<{ panel: PanelRow; round: RoundRow }> {
  const panel = await db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst();
  if (!panel) throw new KepingError('NOT_FOUND', { status: 404 });
  return { panel, round: await panelRound(db, panel.round_id) };
}

/** The round's entries in the panel's category, ascending. */
export async function panelEntries(db: Kysely<Database>, round: RoundRow, category: string): Promise<number[]> {
  const ids = await entriesOfRound(db, round);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('applications').select('id').where('id', 'in', ids).where('category', '=', category).orderBy('id').execute();
  return rows.map((r) => r.id);
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

export async function rankingOf(db: Kysely<Database>, panel: PanelRow, round: RoundRow, tieBreak?: readonly number[]): Promise<PanelRanking> {
  const config = panelConfigOf(round);
  return rankPanel({
    mode: config.mode, entries: await panelEntries(db, round, panel.category), members: await membersOf(db, panel.id),
    marks: await marksOf(db, panel.id), quota: await quotaOf(db, round, panel.category), tieBreak, recused: await recusalsOf(db, panel.id),
  });
}

/** The ranking the chair signed off, as stored. */
export async function signedRanking(db: Kysely<Database>, panelId: number) {
  const rows = await db.selectFrom('panel_results').selectAll().where('panel_id', '=', panelId).orderBy('rank').orderBy('application_id').execute();
  return rows.map((r) => ({
    applicationId: r.application_id, rank: r.rank, total: r.total === null ? null : Number(r.total), yes: r.yes, no: r.no,
    selected: r.selected === 1, tied: r.tied === 1,
  }));
}

export async function honoursOf(db: Kysely<Database>, ids: number[]): Promise<Map<number, { level: HonourLevel; note: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('application_honours').selectAll().where('application_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.application_id, { level: r.level as HonourLevel, note: r.note }]));
}

export type PanelView = 'office' | 'chair' | 'member';

/** A panel as `view` may see it; `expertId` is the reading member's own expert. */
export async function presentPanel(db: Kysely<Database>, panel: PanelRow, round: RoundRow, view: PanelView, expertId?: number) {
  const config = panelConfigOf(round);
  const memberIds = await membersOf(db, panel.id);
  const experts = await db.selectFrom('experts').select(['id', 'name', 'professional_title']).where('id', 'in', [panel.chair_expert_id, ...memberIds]).execute();
  const person = (id: number) => {
    const e = experts.find((x) => x.id === id);
    return { id, name: e?.name ?? '', professionalTitle: e?.professional_title ?? null };
  };
  const entryIds = await panelEntries(db, round, panel.category);
  const apps = entryIds.length === 0 ? [] : await db.selectFrom('applications').innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
    .select(['applications.id', 'applications.title', 'applications.uscc', 'organisations.name']).where('applications.id', 'in', entryIds).execute();
  const slots = await db.selectFrom('panel_slots').selectAll().where('panel_id', '=', panel.id).execute();
  const honours = await honoursOf(db, entryIds);
  const marks = await marksOf(db, panel.id);
  const visibleMarks = view === 'member' ? marks.filter((m) => m.expertId === expertId) : marks;
  const recusals = (await recusalsOf(db, panel.id)).filter((r) => view !== 'member' || r.expertId === expertId)
    .map((r) => ({ ...r, expertName: person(r.expertId).name }));
  const entries = entryIds.map((id) => {
    const app = apps.find((a) => a.id === id);
    const slot = slots.find((s) => s.application_id === id);
    return {
      applicationId: id, title: app?.title ?? '', uscc: app?.uscc ?? '', organisationName: app?.name ?? '',
      slot: slot ? { startsAt: slot.starts_at, startsAtShanghai: shanghaiDateTime(slot.starts_at), room: slot.room } : null,
      honour: honours.get(id) ?? null,
    };
  }).sort((a, b) => (a.slot?.startsAt ?? '~').localeCompare(b.slot?.startsAt ?? '~') || a.applicationId - b.applicationId);
  const signedOff = panel.status === 'signed_off';
  let ranking: unknown = null;
  if (view !== 'member') {
    ranking = signedOff ? { lines: await signedRanking(db, panel.id), signed: true } : { ...(await rankingOf(db, panel, round)), signed: false };
  }
  return {
    id: panel.id, roundId: panel.round_id, category: panel.category, status: panel.status, mode: config.mode, criteria: config.criteria,
    quota: await quotaOf(db, round, panel.category), chair: person(panel.chair_expert_id), members: memberIds.map(person),
    signedOffAt: panel.signed_off_at, signOffNote: panel.sign_off_note, entries, marks: visibleMarks, recusals, ranking,
  };
}
