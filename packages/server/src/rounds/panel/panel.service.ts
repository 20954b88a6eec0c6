/**
 * The panel round's writes, each one audited transaction: the office sets up a panel per category
 * (chair and members from the expert pool) and its presentation schedule; members mark the entries
 * they hear; the chair signs off the list; the office closes the round once every panel is signed
 * off, recording who advances.
 */
import {
  type FieldError, KepingError, type PanelInput, type PanelMarkInput, type PanelRecusalInput, type PanelScheduleInput, type PanelSignOffInput,
  type ProgramCategory, parseShanghaiDateTime, rubricScore,
} from '@keping/core';
import { type Mutation, mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Kysely } from 'kysely';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import type { Database } from '../../db/schema.js';
import { ensure } from '../../policies/ensure.js';
import { chairsPanel, sitsOnPanel } from '../../policies/panel.policy.js';
import { closeAndDecide, entriesOfRound } from '../round-entries.js';
import { setRoundStatus } from '../round.repository.js';
import { conflictsWith } from '../scoring/scoring-round.js';
import { findPanel, panelConfigOf, panelEntries, panelRound, rankingOf } from './panel-round.js';
import {
  actorExpertId, findPanelRow, categoriesOf, claimSignOff, codesOf, deleteMark, expertsActive, findMark, insertMark, insertPanel, insertRecusals,
  insertResults, marksOf, membersOf, panelOfCategory, panelsOfRound, programCategories, recusalsOf, replaceSlots, selectedBy, slotsOf,
} from './panel.repository.js';

/**
 * Marks, recusals and the sign-off of one panel take turns (the sign-off ranks the marks it reads, a
 * second first mark must see the first), and the round cannot close under them.
 */
async function lockPanel(m: Mutation, panelId: number): Promise<void> {
  const panel = await findPanelRow(m.trx, panelId);
  if (panel === undefined) return; // the service's own lookup answers 404
  await lockRow(m, 'program_rounds', panel.round_id, 'share');
  await lockRow(m, 'panels', panelId);
}

function assertOpen(status: string, panelStatus?: string): void {
  if (status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
  if (panelStatus === 'signed_off') throw new KepingError('PANEL_SIGNED_OFF', { status: 409 });
}

export async function createPanel(store: Store, ctx: RequestContext, roundId: number, input: PanelInput): Promise<{ id: number }> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const round = await panelRound(trx, roundId);
    assertOpen(round.status);
    panelConfigOf(round);
    await entriesOfRound(trx, round);
    if (!(JSON.parse(await programCategories(trx, round.program_id)) as ProgramCategory[]).some((c) => c.key === input.category)) {
      throw new KepingError('VALUE_UNKNOWN', { field: 'category', params: { value: input.category } });
    }
    if ((await panelOfCategory(trx, roundId, input.category)) !== undefined) throw new KepingError('PANEL_EXISTS', { field: 'category', params: { category: input.category }, status: 409 });
    const memberIds = [...new Set([input.chairExpertId, ...input.memberExpertIds])];
    const found = await expertsActive(trx, memberIds);
    const errors: FieldError[] = [];
    const usable = (id: number) => found.some((e) => e.id === id && e.active === 1);
    if (!usable(input.chairExpertId)) errors.push({ code: 'PANEL_EXPERT_UNKNOWN', field: 'chairExpertId', params: { id: input.chairExpertId } });
    input.memberExpertIds.forEach((id, i) => {
      if (!usable(id)) errors.push({ code: 'PANEL_EXPERT_UNKNOWN', field: `memberExpertIds.${i}`, params: { id } });
    });
    if (errors.length > 0) throw KepingError.fromFieldErrors(errors);
    const at = ctx.now().toISOString();
    const panel = { id: await insertPanel(trx, {
      round_id: roundId, category: input.category, chair_expert_id: input.chairExpertId, status: 'open',
      signed_off_by: null, signed_off_at: null, sign_off_note: null, created_at: at,
    }, memberIds) };
    // Conflicts of interest between members and the category's entries, fixed now: each such member stands down from that entry.
    const entryIds = await panelEntries(trx, round, input.category);
    const apps = await codesOf(trx, entryIds);
    const conflicts = await conflictsWith(trx, ctx, memberIds, apps);
    await insertRecusals(trx, conflicts.map((c) => ({
      panel_id: panel.id, application_id: c.applicationId, expert_id: c.expertId, source: 'conflict', reason: c.causes.join('；'), created_at: at,
    })));
    if (round.status === 'pending') await setRoundStatus(trx, roundId, 'open');
    await audit({
      action: 'panel.create', subjectType: 'panel', subjectId: String(panel.id),
      after: {
        roundId, category: input.category, chairExpertId: input.chairExpertId, memberExpertIds: memberIds,
        recusals: conflicts.map((c) => ({ applicationId: c.applicationId, expertId: c.expertId, causes: c.causes })),
      },
    });
    return { id: panel.id };
  });
}

export async function setSchedule(store: Store, ctx: RequestContext, panelId: number, input: PanelScheduleInput): Promise<{ slots: number }> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const { panel, round } = await findPanel(trx, panelId);
    assertOpen(round.status, panel.status);
    const entries = new Set(await panelEntries(trx, round, panel.category));
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    const rooms = new Set<string>();
    const rows = input.slots.map((s, i) => {
      const startsAt = parseShanghaiDateTime(s.startsAt);
      if (!entries.has(s.applicationId)) errors.push({ code: 'PANEL_ENTRY_UNKNOWN', field: `slots.${i}.applicationId`, params: { id: s.applicationId } });
      else if (seen.has(s.applicationId)) errors.push({ code: 'PANEL_SLOT_DUPLICATE', field: `slots.${i}.applicationId`, params: { id: s.applicationId } });
      if (!startsAt) errors.push({ code: 'DATETIME_FORMAT', field: `slots.${i}.startsAt`, params: { value: s.startsAt } });
      else if (rooms.has(`${startsAt}|${s.room}`)) {
        errors.push({ code: 'PANEL_ROOM_TAKEN', field: `slots.${i}.room`, params: { room: s.room, startsAt: s.startsAt } });
      }
      seen.add(s.applicationId);
      rooms.add(`${startsAt ?? ''}|${s.room}`);
      return { panel_id: panelId, application_id: s.applicationId, starts_at: startsAt ?? '', room: s.room };
    });
    if (errors.length > 0) throw KepingError.fromFieldErrors(errors);
    const before = await slotsOf(trx, panelId);
    await replaceSlots(trx, panelId, rows);
    await audit({
      action: 'panel.schedule', subjectType: 'panel', subjectId: String(panelId),
      before: before.map((r) => ({ applicationId: r.application_id, startsAt: r.starts_at, room: r.room })),
      after: rows.map((r) => ({ applicationId: r.application_id, startsAt: r.starts_at, room: r.room })),
    });
    return { slots: rows.length };
  });
}

/** The calling member of an open panel, about one of its entries: 404 for a non-member, refusals for a closed panel or a stranger entry. */
async function memberOnEntry(trx: Kysely<Database>, ctx: RequestContext, panelId: number, applicationId: number) {
  const { panel, round } = await findPanel(trx, panelId);
  const expertId = await actorExpertId(trx, ctx);
  ensure(sitsOnPanel(expertId, await membersOf(trx, panelId)), 'hide');
  assertOpen(round.status, panel.status);
  if (!(await panelEntries(trx, round, panel.category)).includes(applicationId)) {
    throw new KepingError('PANEL_ENTRY_UNKNOWN', { field: 'applicationId', params: { id: applicationId } });
  }
  const recused = (await recusalsOf(trx, panelId)).some((r) => r.applicationId === applicationId && r.expertId === expertId);
  return { panel, round, expertId: expertId as number, recused };
}

export async function markEntry(store: Store, ctx: RequestContext, panelId: number, input: PanelMarkInput) {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockPanel(m, panelId);
    const { round, expertId, recused } = await memberOnEntry(trx, ctx, panelId, input.applicationId);
    if (recused) throw new KepingError('PANEL_MEMBER_RECUSED', { field: 'applicationId', params: { id: input.applicationId }, status: 409 });
    const config = panelConfigOf(round);
    let score: number | null = null;
    let criteria: string | null = null;
    let vote: number | null = null;
    if (config.mode === 'vote') {
      if (input.score !== undefined || input.criteria !== undefined) throw new KepingError('PANEL_MARK_MODE', { field: 'vote', params: { mode: 'vote' } });
      if (input.vote === undefined) throw new KepingError('REQUIRED', { field: 'vote' });
      vote = input.vote ? 1 : 0;
    } else if (config.criteria.length > 0) {
      if (input.vote !== undefined || input.score !== undefined) throw new KepingError('PANEL_MARK_MODE', { field: 'criteria', params: { mode: 'rubric' } });
      if (input.criteria === undefined) throw new KepingError('REQUIRED', { field: 'criteria' });
      const value = rubricScore(config.criteria, input.criteria);
      if (value === undefined) {
        throw new KepingError('PANEL_CRITERIA_MISMATCH', { field: 'criteria', params: { keys: config.criteria.map((c) => c.key).join(', ') } });
      }
      score = value;
      criteria = JSON.stringify(input.criteria);
    } else {
      if (input.vote !== undefined || input.criteria !== undefined) throw new KepingError('PANEL_MARK_MODE', { field: 'score', params: { mode: 'score' } });
      if (input.score === undefined) throw new KepingError('REQUIRED', { field: 'score' });
      score = input.score;
    }
    const previous = await findMark(trx, panelId, input.applicationId, expertId);
    if (previous) await deleteMark(trx, panelId, input.applicationId, expertId);
    const at = ctx.now().toISOString();
    await insertMark(trx, {
      panel_id: panelId, application_id: input.applicationId, expert_id: expertId, score, criteria, vote, marked_at: at,
    });
    const shape = (m: { score: number | null; criteria: string | null; vote: number | null }) => ({
      score: m.score === null ? null : Number(m.score), criteria: m.criteria === null ? null : JSON.parse(m.criteria) as unknown, vote: m.vote,
    });
    await audit({
      action: 'panel.mark', subjectType: 'panel', subjectId: String(panelId),
      before: previous ? { applicationId: input.applicationId, expertId, ...shape(previous) } : undefined,
      after: { applicationId: input.applicationId, expertId, ...shape({ score, criteria, vote }) },
    });
    return { applicationId: input.applicationId, expertId, score, vote: vote === null ? null : vote === 1, markedAt: at };
  });
}

/** A member declares a conflict with one entry and stands down from it; a mark they gave it is withdrawn. */
export async function declareRecusal(store: Store, ctx: RequestContext, panelId: number, input: PanelRecusalInput) {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockPanel(m, panelId);
    const { expertId, recused } = await memberOnEntry(trx, ctx, panelId, input.applicationId);
    if (recused) throw new KepingError('PANEL_RECUSAL_EXISTS', { field: 'applicationId', params: { id: input.applicationId }, status: 409 });
    const mark = (await marksOf(trx, panelId)).find((m) => m.applicationId === input.applicationId && m.expertId === expertId);
    if (mark) await deleteMark(trx, panelId, input.applicationId, expertId);
    const at = ctx.now().toISOString();
    await insertRecusals(trx, [{
      panel_id: panelId, application_id: input.applicationId, expert_id: expertId, source: 'declared', reason: input.reason, created_at: at,
    }]);
    await audit({
      action: 'panel.recuse', subjectType: 'panel', subjectId: String(panelId),
      before: mark ? { mark: { applicationId: mark.applicationId, score: mark.score, vote: mark.vote, criteria: mark.criteria } } : undefined,
      after: { applicationId: input.applicationId, expertId, reason: input.reason },
    });
    return { applicationId: input.applicationId, expertId, source: 'declared' as const, reason: input.reason, createdAt: at, withdrawnMark: mark !== undefined };
  });
}

export async function signOffPanel(store: Store, ctx: RequestContext, panelId: number, input: PanelSignOffInput) {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockPanel(m, panelId);
    const { panel, round } = await findPanel(trx, panelId);
    const expertId = await actorExpertId(trx, ctx);
    ensure(chairsPanel(expertId, panel), 'forbid', 'PANEL_NOT_CHAIR');
    assertOpen(round.status, panel.status);
    const ranking = await rankingOf(trx, panel, round, input.tieBreak);
    if (ranking.missing.length > 0) {
      throw new KepingError('PANEL_MARKS_MISSING', { params: { count: ranking.missing.length }, status: 409 });
    }
    if (ranking.tieUnresolved) {
      throw new KepingError('PANEL_TIE_UNRESOLVED', {
        field: 'tieBreak', params: { ids: ranking.tie?.applicationIds.join(', ') ?? '', places: ranking.tie?.places ?? 0 },
        status: ranking.tieBreakInvalid ? 400 : 409,
      });
    }
    const at = ctx.now().toISOString();
    // Claimed first, conditionally: of parallel sign-offs only one writes the results.
    const claimed = await claimSignOff(trx, panelId, { status: 'signed_off', signed_off_by: ctx.actor.id, signed_off_at: at, sign_off_note: input.note || null });
    if (!claimed) throw new KepingError('PANEL_SIGNED_OFF', { status: 409 });
    await insertResults(trx, ranking.lines.map((l) => ({
      panel_id: panelId, application_id: l.applicationId, rank: l.rank, total: l.total, yes: l.yes, no: l.no,
      selected: l.selected ? 1 : 0, tied: l.tied ? 1 : 0,
    })));
    const selected = ranking.lines.filter((l) => l.selected).map((l) => l.applicationId);
    const result = { selected, tied: ranking.tie?.applicationIds ?? [], tieBreak: input.tieBreak ?? null, note: input.note || null };
    await audit({
      action: 'panel.sign_off', subjectType: 'panel', subjectId: String(panelId), before: { status: panel.status }, after: { status: 'signed_off', ...result },
    });
    return { signedOffAt: at, lines: ranking.lines, ...result };
  });
}

export async function closePanelRound(store: Store, ctx: RequestContext, roundId: number) {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // Sign-offs and marks in flight finish first; what is read below is what they committed.
    await lockRow(m, 'program_rounds', roundId);
    const round = await panelRound(trx, roundId);
    assertOpen(round.status);
    const entries = await entriesOfRound(trx, round);
    const panels = await panelsOfRound(trx, roundId);
    const open = panels.filter((p) => p.status !== 'signed_off');
    if (open.length > 0) {
      throw new KepingError('PANEL_NOT_SIGNED_OFF', { params: { categories: open.map((p) => p.category).join(', ') }, status: 409 });
    }
    const apps = await categoriesOf(trx, entries);
    const covered = new Set(panels.map((p) => p.category));
    const orphans = apps.filter((a) => a.category === null || !covered.has(a.category)).map((a) => a.id).sort((a, b) => a - b);
    if (orphans.length > 0) {
      throw new KepingError('PANEL_MISSING', { params: { count: orphans.length, ids: orphans.slice(0, 20).join(', ') }, status: 409 });
    }
    const selected = new Set(await selectedBy(trx, panels.map((p) => p.id)));
    const closedAt = ctx.now().toISOString();
    await closeAndDecide(trx, round, closedAt);
    const result = { closedAt, advanced: entries.filter((id) => selected.has(id)).length, rejected: entries.filter((id) => !selected.has(id)).length };
    await audit({
      action: 'round.close', subjectType: 'round', subjectId: String(roundId), before: { status: round.status }, after: { status: 'closed', ...result },
    });
    return result;
  });
}
