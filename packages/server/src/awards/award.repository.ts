/** Queries of awards (奖项): types with quotas per program, nominations and how they are presented. */
import { type AwardKind, type AwardType, KepingError, type Nomination, type Nominee, type NominationStatus } from '@keping/core';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AwardNominationTable, AwardTypeTable } from '../db/schema-publication.js';

export type AwardTypeRow = Selectable<AwardTypeTable>;
export type NominationRow = Selectable<AwardNominationTable>;

export async function findAwardType(db: Kysely<Database>, id: number): Promise<AwardTypeRow> {
  const row = await db.selectFrom('award_types').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  return row;
}

export async function awardKeyTaken(db: Kysely<Database>, programId: number, key: string): Promise<boolean> {
  return (await db.selectFrom('award_types').select('id').where('program_id', '=', programId).where('key', '=', key).executeTakeFirst()) !== undefined;
}

export function insertAwardType(db: Kysely<Database>, values: Insertable<AwardTypeTable>): Promise<AwardTypeRow> {
  return db.insertInto('award_types').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertNomination(db: Kysely<Database>, values: Insertable<AwardNominationTable>): Promise<NominationRow> {
  return db.insertInto('award_nominations').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findNomination(db: Kysely<Database>, id: number): Promise<NominationRow | undefined> {
  return db.selectFrom('award_nominations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides a nomination still pending; false when another decision got there first. */
export async function decidePendingNomination(db: Kysely<Database>, id: number, values: Updateable<AwardNominationTable>): Promise<boolean> {
  const updated = await db.updateTable('award_nominations').set(values).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function grantedCount(db: Kysely<Database>, awardTypeId: number): Promise<number> {
  const row = await db.selectFrom('award_nominations').select((eb) => eb.fn.countAll().as('n'))
    .where('award_type_id', '=', awardTypeId).where('status', '=', 'granted').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function presentNominations(db: Kysely<Database>, rows: NominationRow[]): Promise<Nomination[]> {
  const appIds = rows.flatMap((r) => (r.application_id === null ? [] : [r.application_id]));
  const apps = appIds.length === 0 ? [] : await db.selectFrom('applications').select(['id', 'uscc', 'title']).where('id', 'in', appIds).execute();
  const usccs = [...new Set([...rows.flatMap((r) => (r.uscc ? [r.uscc] : [])), ...apps.map((a) => a.uscc)])];
  const orgs = usccs.length === 0 ? [] : await db.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', usccs).execute();
  const orgName = (uscc: string) => orgs.find((o) => o.uscc === uscc)?.name ?? uscc;
  return rows.map((r) => {
    let nominee: Nominee;
    const app = apps.find((a) => a.id === r.application_id);
    if (app) nominee = { kind: 'application', applicationId: app.id, uscc: app.uscc, name: orgName(app.uscc), detail: app.title };
    else if (r.uscc) nominee = { kind: 'organisation', applicationId: null, uscc: r.uscc, name: orgName(r.uscc), detail: null };
    else nominee = { kind: 'person', applicationId: null, uscc: null, name: r.person_name ?? '', detail: r.person_organisation };
    return {
      id: r.id, awardTypeId: r.award_type_id, nominee, note: r.note, status: r.status as NominationStatus, reason: r.reason,
      overrideNote: r.override_note, decidedAt: r.decided_at, createdAt: r.created_at,
    };
  });
}

export async function listAwards(db: Kysely<Database>, programId: number): Promise<(AwardType & { nominations: Nomination[] })[]> {
  const types = await db.selectFrom('award_types').selectAll().where('program_id', '=', programId).orderBy('id').execute();
  if (types.length === 0) return [];
  const rows = await db.selectFrom('award_nominations').selectAll().where('award_type_id', 'in', types.map((t) => t.id)).orderBy('id').execute();
  const nominations = await presentNominations(db, rows);
  return types.map((t) => {
    const own = nominations.filter((n) => n.awardTypeId === t.id);
    return { ...toAwardType(t, own.filter((n) => n.status === 'granted').length), nominations: own };
  });
}

export function toAwardType(row: AwardTypeRow, granted: number): AwardType {
  return {
    id: row.id, programId: row.program_id, key: row.key, kind: row.kind as AwardKind, name: { zh: row.name_zh, en: row.name_en },
    quota: row.quota, granted,
  };
}
