/** Queries on programs and their rounds, and how they are presented (call window in Shanghai time). */
import {
  type AttachmentSpec, type FormField, KepingError, type OrganisationKind, type Program, type ProgramCategory, type ProgramOutcome,
  type ProgramRound, type ProgramStatus, type ProgramType, PROGRAM_TYPES, presetOf, type RoundKind, type RoundStatus, shanghaiDateTime,
} from '@keping/core';

/** Program types whose entries are applications to a call (the others draw a pool). */
const APPLICATION_TYPES = PROGRAM_TYPES.filter((t) => presetOf(t).entries === 'applications');
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, ProgramRoundTable, ProgramTable } from '../db/schema.js';

export type ProgramRow = Selectable<ProgramTable>;
export type RoundRow = Selectable<ProgramRoundTable>;

export function toRound(row: RoundRow): ProgramRound {
  return {
    id: row.id, position: row.position, key: row.key, kind: row.kind as RoundKind, name: { zh: row.name_zh, en: row.name_en },
    config: JSON.parse(row.config) as Record<string, unknown>, status: row.status as RoundStatus, closedAt: row.closed_at,
  };
}

export function callIsOpen(row: Pick<ProgramRow, 'status' | 'opens_at' | 'closes_at'>, now: Date): boolean {
  const at = now.toISOString();
  return row.status === 'published' && row.opens_at <= at && at < row.closes_at;
}

export function toProgram(row: ProgramRow, rounds: RoundRow[], now: Date): Program {
  return {
    id: row.id, type: row.type as ProgramType, ownerOffice: row.owner_office, cycleYear: row.cycle_year,
    title: { zh: row.title_zh, en: row.title_en }, status: row.status as ProgramStatus, announcement: row.announcement !== 0,
    call: {
      opensAt: row.opens_at, closesAt: row.closes_at,
      opensAtShanghai: shanghaiDateTime(row.opens_at), closesAtShanghai: shanghaiDateTime(row.closes_at),
      allowedKinds: JSON.parse(row.allowed_kinds) as OrganisationKind[], ruleSetId: row.rule_set_id,
      fields: JSON.parse(row.form_fields) as FormField[], attachments: JSON.parse(row.attachments) as AttachmentSpec[],
      isOpen: callIsOpen(row, now),
    },
    rounds: rounds.map(toRound),
    categories: JSON.parse(row.categories) as ProgramCategory[], outcomes: JSON.parse(row.outcomes) as ProgramOutcome[],
    copiedFrom: row.copied_from, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Runs reads in one transaction, so that together they see one consistent state (a snapshot). */
export function readConsistently<T>(db: Kysely<Database>, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(read);
}

export async function insertProgram(db: Kysely<Database>, values: Insertable<ProgramTable>): Promise<number> {
  return (await db.insertInto('programs').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProgramRow(db: Kysely<Database>, id: number, set: Updateable<ProgramTable>): Promise<void> {
  await db.updateTable('programs').set(set).where('id', '=', id).execute();
}

export async function insertRoundRows(db: Kysely<Database>, rows: readonly Insertable<ProgramRoundTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('program_rounds').values([...rows]).execute();
}

export async function updateRound(db: Kysely<Database>, id: number, set: Updateable<ProgramRoundTable>): Promise<void> {
  await db.updateTable('program_rounds').set(set).where('id', '=', id).execute();
}

export async function deleteRound(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('program_rounds').where('id', '=', id).execute();
}

export function findProgramRow(db: Kysely<Database>, id: number): Promise<ProgramRow | undefined> {
  return db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function roundsOf(db: Kysely<Database>, programId: number): Promise<RoundRow[]> {
  return db.selectFrom('program_rounds').selectAll().where('program_id', '=', programId).orderBy('position').execute();
}

export async function findProgram(db: Kysely<Database>, id: number, now: Date): Promise<Program> {
  const row = await findProgramRow(db, id);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return toProgram(row, await roundsOf(db, id), now);
}

export async function listPrograms(
  db: Kysely<Database>, now: Date, filter: { openOnly?: boolean; cycleYear?: number | undefined; type?: string | undefined } = {},
): Promise<Program[]> {
  let q = db.selectFrom('programs').selectAll().orderBy('cycle_year', 'desc').orderBy('id', 'desc');
  if (filter.cycleYear !== undefined) q = q.where('cycle_year', '=', filter.cycleYear);
  if (filter.type !== undefined) q = q.where('type', '=', filter.type);
  if (filter.openOnly) {
    const at = now.toISOString();
    q = q.where('status', '=', 'published').where('opens_at', '<=', at).where('closes_at', '>', at).where('type', 'in', APPLICATION_TYPES);
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const rounds = await db.selectFrom('program_rounds').selectAll().where('program_id', 'in', rows.map((r) => r.id)).orderBy('position').execute();
  return rows.map((r) => toProgram(r, rounds.filter((x) => x.program_id === r.id), now));
}
