/**
 * The panel round as its services and routes use it: the round checked to be a panel round, its
 * config, a category's quota (the one quota rule, rounds/quota.ts), a panel's entries and ranking,
 * and how a panel is presented: to the office in full, to its members with their own marks only,
 * to its chair with every mark and the ranking.
 */
import { KepingError, type PanelConfig, panelConfigSchema, type PanelRanking, type ProgramCategory, rankPanel, shanghaiDateTime } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RoundRow } from '../../programs/program.repository.js';
import { roundQuotas } from '../quota.js';
import { entriesOfRound } from '../round-entries.js';
import { findRound, idsInCategory } from '../round.repository.js';
import {
  entriesNamed, expertsNamed, findPanelRow, honoursOf, marksOf, membersOf, type PanelRow, programCategories, recusalsOf, signedRanking, slotsOf,
} from './panel.repository.js';

export async function panelRound(db: Kysely<Database>, roundId: number): Promise<RoundRow> {
  const round = await findRound(db, roundId);
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
  const categories = JSON.parse(await programCategories(db, round.program_id)) as ProgramCategory[];
  return roundQuotas(categories, round.key)[category] ?? null;
}

export async function findPanel(db: Kysely<Database>, id: number): Promise<{ panel: PanelRow; round: RoundRow }> {
  const panel = await findPanelRow(db, id);
  if (!panel) throw new KepingError('NOT_FOUND', { status: 404 });
  return { panel, round: await panelRound(db, panel.round_id) };
}

/** The round's entries in the panel's category, ascending. */
export async function panelEntries(db: Kysely<Database>, round: RoundRow, category: string): Promise<number[]> {
  return idsInCategory(db, await entriesOfRound(db, round), category);
}

export async function rankingOf(db: Kysely<Database>, panel: PanelRow, round: RoundRow, tieBreak?: readonly number[]): Promise<PanelRanking> {
  const config = panelConfigOf(round);
  return rankPanel({
    mode: config.mode, entries: await panelEntries(db, round, panel.category), members: await membersOf(db, panel.id),
    marks: await marksOf(db, panel.id), quota: await quotaOf(db, round, panel.category), tieBreak, recused: await recusalsOf(db, panel.id),
  });
}

export type PanelView = 'office' | 'chair' | 'member';

/** A panel as `view` may see it; `expertId` is the reading member's own expert. */
export async function presentPanel(db: Kysely<Database>, panel: PanelRow, round: RoundRow, view: PanelView, expertId?: number) {
  const config = panelConfigOf(round);
  const memberIds = await membersOf(db, panel.id);
  const experts = await expertsNamed(db, [panel.chair_expert_id, ...memberIds]);
  const person = (id: number) => {
    const e = experts.find((x) => x.id === id);
    return { id, name: e?.name ?? '', professionalTitle: e?.professional_title ?? null };
  };
  const entryIds = await panelEntries(db, round, panel.category);
  const apps = await entriesNamed(db, entryIds);
  const slots = await slotsOf(db, panel.id);
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
