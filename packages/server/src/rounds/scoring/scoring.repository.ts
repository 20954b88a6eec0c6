/**
 * Queries of the scoring round (专家评分): the round with its checked config and quotas, its
 * assignments and score sheets, the expert behind a login, and the per-round state row.
 */
import {
  checkScoringConfig, KepingError, type Message, type ProgramCategory, type ScoringConfig,
} from '@keping/core';
import type { Kysely, Selectable } from 'kysely';
import type { RequestContext } from '../../context.js';
import type { Database, ScoringAssignmentTable, ScoringScoreTable } from '../../db/schema.js';
import { checkConflicts } from '../../experts/expert-conflicts.service.js';
import type { ProgramRow, RoundRow } from '../../programs/program.repository.js';

export type AssignmentRow = Selectable<ScoringAssignmentTable>;
export type ScoreRow = Selectable<ScoringScoreTable>;

export interface ScoringRound {
  round: RoundRow;
  program: ProgramRow;
  config: ScoringConfig;
  categories: ProgramCategory[];
  /** Seats per category for this round: the config's, else the program's categories' for the round key. */
  quotas: Record<string, number>;
}

/** Criterion scores and comments as stored. */
export interface SheetComments {
  criteria: Record<string, string>;
  overall: string;
}

export async function loadScoringRound(db: Kysely<Database>, roundId: number): Promise<ScoringRound> {
  const round = await db.selectFrom('program_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round) throw new KepingError('NOT_FOUND', { status: 404 });
  if (round.kind !== 'scoring') throw new KepingError('ROUND_NOT_SCORING', { params: { kind: round.kind }, status: 409 });
  const program = await db.selectFrom('programs').selectAll().where('id', '=', round.program_id).executeTakeFirstOrThrow();
  const checked = checkScoringConfig(JSON.parse(round.config) as unknown);
  if (!checked.config) throw KepingError.fromFieldErrors(checked.errors, 409);
  const categories = JSON.parse(program.categories) as ProgramCategory[];
  const quotas: Record<string, number> = {};
  for (const c of categories) {
    const q = c.quotas[round.key];
    if (q !== undefined) quotas[c.key] = q;
  }
  return { round, program, config: checked.config, categories, quotas: checked.config.quotas ?? quotas };
}

export function assertOpen(s: ScoringRound): void {
  if (s.round.status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
}

export function assignmentsOf(db: Kysely<Database>, roundId: number): Promise<AssignmentRow[]> {
  return db.selectFrom('scoring_assignments').selectAll().where('round_id', '=', roundId).orderBy('application_id').orderBy('id').execute();
}

export function findAssignment(db: Kysely<Database>, id: number): Promise<AssignmentRow | undefined> {
  return db.selectFrom('scoring_assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function sheetsOf(db: Kysely<Database>, roundId: number): Promise<ScoreRow[]> {
  return db.selectFrom('scoring_scores').selectAll().where('round_id', '=', roundId).execute();
}

export function findSheet(db: Kysely<Database>, assignmentId: number): Promise<ScoreRow | undefined> {
  return db.selectFrom('scoring_scores').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst();
}

export async function countSheets(db: Kysely<Database>, roundId: number, status?: 'submitted'): Promise<number> {
  let q = db.selectFrom('scoring_scores').where('round_id', '=', roundId);
  if (status) q = q.where('status', '=', status);
  return Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

export function explanationOf(row: Pick<AssignmentRow, 'explanation'>): Message[] {
  return JSON.parse(row.explanation) as Message[];
}

/** The active expert record behind the caller's login, or undefined for an unlinked account. */
export async function expertOfActor(db: Kysely<Database>, ctx: RequestContext): Promise<{ id: number; name: string } | undefined> {
  if (ctx.actor.id === null) return undefined;
  return db.selectFrom('experts').select(['id', 'name']).where('user_id', '=', ctx.actor.id).where('active', '=', 1).executeTakeFirst();
}

/** The caller's own assignment; anyone else's, or a reserve, is "not assigned". */
export async function ownAssignment(db: Kysely<Database>, ctx: RequestContext, assignmentId: number): Promise<{ row: AssignmentRow; expert: { id: number; name: string } }> {
  const expert = await expertOfActor(db, ctx);
  const row = await findAssignment(db, assignmentId);
  if (!expert || !row || row.expert_id !== expert.id || row.status === 'reserve') {
    throw new KepingError('SCORING_NOT_ASSIGNED', { status: 404 });
  }
  return { row, expert };
}

export async function applicationsById(db: Kysely<Database>, ids: readonly number[]) {
  const out: { id: number; uscc: string; title: string; category: string | null; form_values: string; organisationName: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...await db.selectFrom('applications').innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
      .select(['applications.id', 'applications.uscc', 'applications.title', 'applications.category', 'applications.form_values',
        'organisations.name as organisationName'])
      .where('applications.id', 'in', ids.slice(i, i + 500)).execute());
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Pairs (expert, application) in conflict per the pool's conflict engine, with the office's explanation. */
export async function conflictsWith(
  db: Kysely<Database>, ctx: RequestContext, expertIds: number[], apps: readonly { id: number; uscc: string }[],
) {
  if (expertIds.length === 0 || apps.length === 0) return [];
  const report = await checkConflicts(db, ctx, { subjects: [...new Set(apps.map((a) => a.uscc))].map((uscc) => ({ uscc })), expertIds });
  return report.conflicts.flatMap((c) => apps.filter((a) => a.uscc === c.uscc).map((a) => ({
    expertId: c.expertId, expertName: c.expertName, applicationId: a.id, uscc: c.uscc, organisationName: c.organisationName,
    causes: c.causes.map((x) => x.message),
  })));
}

export async function saveRoundState(
  db: Kysely<Database>, roundId: number,
  values: { assignment?: string; assigned_at?: string; decision?: string | null; decided_by?: number | null; decided_at?: string | null },
): Promise<void> {
  const existing = await db.selectFrom('scoring_rounds').select('round_id').where('round_id', '=', roundId).executeTakeFirst();
  if (existing) await db.updateTable('scoring_rounds').set(values).where('round_id', '=', roundId).execute();
  else {
    await db.insertInto('scoring_rounds').values({
      round_id: roundId, assignment: null, assigned_at: null, decision: null, decided_by: null, decided_at: null, ...values,
    }).execute();
  }
}

export function roundState(db: Kysely<Database>, roundId: number) {
  return db.selectFrom('scoring_rounds').selectAll().where('round_id', '=', roundId).executeTakeFirst();
}

export function roundParams(round: RoundRow): { roundId: number; roundZh: string; roundEn: string } {
  return { roundId: round.id, roundZh: round.name_zh, roundEn: round.name_en };
}
