/**
 * The publication's life (公示), each step one audited transaction: the office drafts the list from
 * the last round's advancements and the granted awards, publishes it for an announcement period
 * (Shanghai days), and finalises it once the period is over and every objection is resolved.
 */
import {
  type Bilingual, KepingError, type ProgramOutcome, type PublishInput, parseShanghaiDateTime, shanghaiDay, translate,
} from '@keping/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository.js';
import { listAwards } from '../awards/award.repository.js';
import type { RequestContext } from '../context.js';
import type { Dialect, Store } from '../db/database.js';
import { grantOutcomeDesignations } from '../designations/outcome-grants.js';
import type { Database } from '../db/schema.js';
import type { PublicationEntryTable } from '../db/schema-publication.js';
import { findPublication, type PublicationRow } from './publication.repository.js';

type NewEntry = Omit<PublicationEntryTable, 'id' | 'publication_id' | 'position' | 'status'>;

/** The list as it stands now: the last round's advanced entries, then granted awards by type. */
async function composeList(db: Kysely<Database>, programId: number): Promise<NewEntry[]> {
  const program = await db.selectFrom('programs').selectAll().where('id', '=', programId).executeTakeFirst();
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  const last = await db.selectFrom('program_rounds').selectAll().where('program_id', '=', programId).orderBy('position', 'desc').limit(1).executeTakeFirst();
  if (!last || last.status !== 'closed') throw new KepingError('PUBLICATION_ROUND_OPEN', { params: { round: last?.key ?? '' }, status: 409 });
  const outcome: Bilingual = (JSON.parse(program.outcomes) as ProgramOutcome[])[0]?.name
    ?? { zh: translate('zh-CN', 'publication.outcome.selected'), en: translate('en', 'publication.outcome.selected') };
  const advanced = await db.selectFrom('round_advancements')
    .innerJoin('applications', 'applications.id', 'round_advancements.application_id')
    .innerJoin('organisations', 'organisations.uscc', 'applications.uscc')
    .leftJoin('application_honours', 'application_honours.application_id', 'applications.id')
    .select(['applications.id', 'applications.title', 'applications.category', 'applications.uscc', 'organisations.name', 'application_honours.level',
      'round_advancements.rank', 'round_advancements.score'])
    .where('round_advancements.round_id', '=', last.id).where('round_advancements.advanced', '=', 1)
    .where('applications.status', '=', 'submitted').orderBy('applications.category').orderBy('round_advancements.rank').orderBy('applications.id').execute();
  const entries: NewEntry[] = advanced.map((a) => ({
    kind: 'achievement', application_id: a.id, nomination_id: null, holder: a.name, holder_uscc: a.uscc, title: a.title, category: a.category,
    outcome_zh: outcome.zh, outcome_en: outcome.en, honour: a.level && a.level !== 'none' ? a.level : null,
    rank: a.rank, score: a.score === null ? null : Number(a.score),
  }));
  for (const type of await listAwards(db, programId)) {
    for (const n of type.nominations.filter((x) => x.status === 'granted')) {
      const title = n.nominee.kind === 'organisation' ? type.name.zh : (n.nominee.detail ?? type.name.zh);
      entries.push({
        kind: 'award', application_id: n.nominee.applicationId, nomination_id: n.id, holder: n.nominee.name, holder_uscc: n.nominee.uscc,
        title, category: null, outcome_zh: type.name.zh, outcome_en: type.name.en, honour: null, rank: null, score: null,
      });
    }
  }
  return entries;
}

/** Writes (or rewrites) the program's draft list inside the caller's transaction. */
async function writeDraft(trx: Transaction<Database>, dialect: Dialect, ctx: RequestContext, programId: number): Promise<PublicationRow> {
  const entries = await composeList(trx, programId);
  const at = ctx.now().toISOString();
  let row = await trx.selectFrom('publications').selectAll().where('program_id', '=', programId).executeTakeFirst();
  if (row && row.status !== 'draft') throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: row.status }, status: 409 });
  const before = row ? (await trx.selectFrom('publication_entries').select((eb) => eb.fn.countAll().as('n')).where('publication_id', '=', row.id).executeTakeFirstOrThrow()).n : undefined;
  if (row) {
    await trx.deleteFrom('publication_entries').where('publication_id', '=', row.id).execute();
    await trx.updateTable('publications').set({ updated_at: at }).where('id', '=', row.id).execute();
  } else {
    row = await trx.insertInto('publications').values({
      program_id: programId, status: 'draft', start_date: null, end_date: null, starts_at: null, ends_at: null,
      published_at: null, finalised_at: null, created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow();
  }
  const publicationId = row.id;
  for (let i = 0; i < entries.length; i += 500) {
    await trx.insertInto('publication_entries').values(entries.slice(i, i + 500).map((e, j) => ({
      ...e, publication_id: publicationId, position: i + j + 1, status: 'listed',
    }))).execute();
  }
  await appendAudit(trx, dialect, ctx, {
    action: 'publication.draft', subjectType: 'publication', subjectId: String(publicationId),
    before: before === undefined ? undefined : { entries: Number(before) },
    after: { programId, entries: entries.length, achievements: entries.filter((e) => e.kind === 'achievement').length },
  });
  return findPublication(trx, publicationId);
}

export async function draftPublication(store: Store, ctx: RequestContext, programId: number): Promise<PublicationRow> {
  return store.db.transaction().execute((trx) => writeDraft(trx, store.dialect, ctx, programId));
}

async function announces(db: Kysely<Database>, programId: number): Promise<boolean> {
  const program = await db.selectFrom('programs').select('announcement').where('id', '=', programId).executeTakeFirst();
  return program?.announcement !== 0;
}

/**
 * The list of a program without an announcement period (the TOP100), inside the caller's
 * transaction: drafted from the last round's decisions and final at once, public from now.
 */
export async function publishFinal(trx: Transaction<Database>, dialect: Dialect, ctx: RequestContext, programId: number): Promise<PublicationRow> {
  if (await announces(trx, programId)) throw new KepingError('PUBLICATION_ANNOUNCEMENT_REQUIRED', { status: 409 });
  const row = await writeDraft(trx, dialect, ctx, programId);
  const listed = await trx.selectFrom('publication_entries').select((eb) => eb.fn.countAll().as('n')).where('publication_id', '=', row.id)
    .where('status', '=', 'listed').executeTakeFirstOrThrow();
  if (Number(listed.n) === 0) throw new KepingError('PUBLICATION_EMPTY', { status: 409 });
  const at = ctx.now().toISOString();
  const day = shanghaiDay(at);
  const values = {
    status: 'final', start_date: day, end_date: day, starts_at: at, ends_at: at, published_at: at, finalised_at: at, updated_at: at,
  };
  const updated = await trx.updateTable('publications').set(values).where('id', '=', row.id).where('status', '=', 'draft').executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: 'final' }, status: 409 });
  await appendAudit(trx, dialect, ctx, {
    action: 'publication.finalise', subjectType: 'publication', subjectId: String(row.id), before: { status: row.status },
    after: { status: 'final', announcement: false, entries: Number(listed.n) },
  });
  return { ...row, ...values };
}

/** The instant a Shanghai day starts, or undefined. */
function dayStart(date: string): string | undefined {
  return parseShanghaiDateTime(`${date} 00:00`);
}

export async function publish(store: Store, ctx: RequestContext, id: number, input: PublishInput): Promise<PublicationRow> {
  return store.db.transaction().execute(async (trx) => {
    const row = await findPublication(trx, id);
    if (row.status !== 'draft') throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: row.status }, status: 409 });
    if (!(await announces(trx, row.program_id))) throw new KepingError('PUBLICATION_NO_ANNOUNCEMENT', { status: 409 });
    const startsAt = dayStart(input.startDate);
    const endDay = dayStart(input.endDate);
    if (!startsAt) throw new KepingError('DATE_FORMAT', { field: 'startDate', params: { value: input.startDate } });
    if (!endDay) throw new KepingError('DATE_FORMAT', { field: 'endDate', params: { value: input.endDate } });
    if (endDay < startsAt) {
      throw new KepingError('PUBLICATION_PERIOD_ORDER', { field: 'endDate', params: { startDate: input.startDate, endDate: input.endDate } });
    }
    const listed = await trx.selectFrom('publication_entries').select('id').where('publication_id', '=', id).where('status', '=', 'listed').limit(1).execute();
    if (listed.length === 0) throw new KepingError('PUBLICATION_EMPTY', { status: 409 });
    const endsAt = new Date(Date.parse(endDay) + 86_400_000).toISOString();
    const values = { status: 'published', start_date: input.startDate, end_date: input.endDate, starts_at: startsAt, ends_at: endsAt, published_at: ctx.now().toISOString(), updated_at: ctx.now().toISOString() };
    // conditional: of parallel publishes only the first finds the list still a draft
    const updated = await trx.updateTable('publications').set(values).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: 'published' }, status: 409 });
    await appendAudit(trx, store.dialect, ctx, {
      action: 'publication.publish', subjectType: 'publication', subjectId: String(id), before: { status: row.status },
      after: { status: 'published', startDate: input.startDate, endDate: input.endDate, startsAt, endsAt },
    });
    return { ...row, ...values };
  });
}

export async function finalise(store: Store, ctx: RequestContext, id: number): Promise<PublicationRow> {
  return store.db.transaction().execute(async (trx) => {
    const row = await findPublication(trx, id);
    if (row.status !== 'published') throw new KepingError('PUBLICATION_NOT_PUBLISHED', { params: { status: row.status }, status: 409 });
    if (row.ends_at === null || ctx.now().toISOString() < row.ends_at) {
      throw new KepingError('PUBLICATION_PERIOD_NOT_OVER', { params: { endDate: row.end_date ?? '' }, status: 409 });
    }
    const open = await trx.selectFrom('publication_objections').select('id').where('publication_id', '=', id)
      .where('status', 'in', ['open', 'investigating']).orderBy('id').execute();
    if (open.length > 0) {
      throw new KepingError('OBJECTIONS_UNRESOLVED', { params: { count: open.length, ids: open.map((o) => o.id).join(', ') }, status: 409 });
    }
    const at = ctx.now().toISOString();
    // conditional: a list is finalised (and its outcomes granted) once, whatever runs in parallel
    const updated = await trx.updateTable('publications').set({ status: 'final', finalised_at: at, updated_at: at })
      .where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new KepingError('PUBLICATION_NOT_PUBLISHED', { params: { status: 'final' }, status: 409 });
    const listed = await trx.selectFrom('publication_entries').select((eb) => eb.fn.countAll().as('n')).where('publication_id', '=', id)
      .where('status', '=', 'listed').executeTakeFirstOrThrow();
    const designations = await grantOutcomeDesignations(trx, store.dialect, ctx, row.program_id, id);
    await appendAudit(trx, store.dialect, ctx, {
      action: 'publication.finalise', subjectType: 'publication', subjectId: String(id), before: { status: row.status },
      after: { status: 'final', entries: Number(listed.n), ...(designations ? { designations } : {}) },
    });
    return { ...row, status: 'final', finalised_at: at, updated_at: at };
  });
}
