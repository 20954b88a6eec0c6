/**
 * Queries of the scoring round (专家评分): its assignments and score sheets, the expert behind a
 * login, and the per-round state row. What they mean is decided in scoring-round.ts and the services.
 */
import type { Message } from '@keping/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { RequestContext } from '../../context.js';
import type { Database, ScoringAssignmentTable, ScoringScoreTable } from '../../db/schema.js';
import type { RoundRow } from '../../programs/program.repository.js';

export type AssignmentRow = Selectable<ScoringAssignmentTable>;
export type ScoreRow = Selectable<ScoringScoreTable>;

/** Criterion scores and comments as stored. */
export interface SheetComments {
  criteria: Record<string, string>;
  overall: string;
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

/**
 * What a sheet save checks, in one read (the hot path of a scoring day: one round trip where the general
 * helpers take seven): the assignment, locked against a recusal or a removal; its round, share-locked
 * against the close; the login and state of its expert; the entry with its organisation's
 * name; the sheet so far. Undefined when there is no such assignment.
 */
export function sheetSaveContext(db: Kysely<Database>, dialect: Dialect, assignmentId: number) {
  return db.selectFrom('scoring_assignments as a')
    .innerJoin('program_rounds as r', 'r.id', 'a.round_id')
    .innerJoin('experts as e', 'e.id', 'a.expert_id')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .innerJoin('organisations as o', 'o.uscc', 'p.uscc')
    .leftJoin('scoring_scores as s', 's.assignment_id', 'a.id')
    .selectAll('a')
    .select([
      'r.kind as round_kind', 'r.status as round_status', 'r.config as round_config', 'e.name as expert_name', 'e.user_id as expert_user_id',
      'e.active as expert_active', 'p.uscc', 'p.title', 'o.name as organisation_name', 's.status as sheet_status', 's.scores as sheet_scores',
    ])
    .where('a.id', '=', assignmentId)
    .$if(dialect === 'postgres', (q) => q.modifyEnd(sql`FOR UPDATE OF a FOR SHARE OF r`))
    .executeTakeFirst();
}
