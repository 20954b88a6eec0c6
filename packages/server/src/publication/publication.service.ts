/**
 * The publication's life (公示), each step one audited transaction: the office drafts the list from
 * the last round's advancements and the granted awards, publishes it for an announcement period
 * (Shanghai days), and finalises it once the period is over and every objection is resolved.
 */
import {
  type Bilingual, KepingError, type ProgramOutcome, type PublishInput, parseShanghaiDateTime, shanghaiDay, translate,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { type Mutation, mutate } from '../audit/mutate.js';
import { listAwards } from '../awards/award.repository.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { grantOutcomeDesignations } from '../designations/outcome-grants.js';
import type { Database } from '../db/schema.js';
import { findProgramRow, roundsOf } from '../programs/program.repository.js';
import {
  advancedEntries, advancePublication, countEntries, findPublication, insertPublication, type NewEntry, publicationOfProgram,
  type PublicationRow, replaceEntries, unresolvedObjectionIds,
} from './publication.repository.js';

/** What a step inside someone else's transaction needs: the transaction, who acts, and the trail. */
export type InMutation = Pick<Mutation, 'trx' | 'ctx' | 'audit'>;

/** The list as it stands now: the last round's advanced entries, then granted awards by type. */
async function composeList(db: Kysely<Database>, programId: number): Promise<NewEntry[]> {
  const program = await findProgramRow(db, programId);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  const last = (await roundsOf(db, programId)).at(-1);
  if (!last || last.status !== 'closed') throw new KepingError('PUBLICATION_ROUND_OPEN', { params: { round: last?.key ?? '' }, status: 409 });
  const outcome: Bilingual = (JSON.parse(program.outcomes) as ProgramOutcome[])[0]?.name
    ?? { zh: translate('zh-CN', 'publication.outcome.selected'), en: translate('en', 'publication.outcome.selected') };
  const advanced = await advancedEntries(db, last.id);
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
async function writeDraft({ trx, ctx, audit }: InMutation, programId: number): Promise<PublicationRow> {
  const entries = await composeList(trx, programId);
  const at = ctx.now().toISOString();
  let row = await publicationOfProgram(trx, programId);
  if (row && row.status !== 'draft') throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: row.status }, status: 409 });
  const before = row ? await countEntries(trx, row.id, false) : undefined;
  row ??= await insertPublication(trx, {
    program_id: programId, status: 'draft', start_date: null, end_date: null, starts_at: null, ends_at: null,
    published_at: null, finalised_at: null, created_at: at, updated_at: at,
  });
  await replaceEntries(trx, row.id, entries, at);
  await audit({
    action: 'publication.draft', subjectType: 'publication', subjectId: String(row.id),
    before: before === undefined ? undefined : { entries: before },
    after: { programId, entries: entries.length, achievements: entries.filter((e) => e.kind === 'achievement').length },
  });
  return findPublication(trx, row.id);
}

export async function draftPublication(store: Store, ctx: RequestContext, programId: number): Promise<PublicationRow> {
  return mutate(store, ctx, (m) => writeDraft(m, programId));
}

async function announces(db: Kysely<Database>, programId: number): Promise<boolean> {
  const program = await findProgramRow(db, programId);
  return program?.announcement !== 0;
}

/**
 * The list of a program without an announcement period (the TOP100), inside the caller's
 * transaction: drafted from the last round's decisions and final at once, public from now.
 */
export async function publishFinal(m: InMutation, programId: number): Promise<PublicationRow> {
  const { trx, ctx, audit } = m;
  if (await announces(trx, programId)) throw new KepingError('PUBLICATION_ANNOUNCEMENT_REQUIRED', { status: 409 });
  const row = await writeDraft(m, programId);
  const listed = await countEntries(trx, row.id, true);
  if (listed === 0) throw new KepingError('PUBLICATION_EMPTY', { status: 409 });
  const at = ctx.now().toISOString();
  const day = shanghaiDay(at);
  const values = {
    status: 'final', start_date: day, end_date: day, starts_at: at, ends_at: at, published_at: at, finalised_at: at, updated_at: at,
  };
  if (!(await advancePublication(trx, row.id, 'draft', values))) throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: 'final' }, status: 409 });
  await audit({
    action: 'publication.finalise', subjectType: 'publication', subjectId: String(row.id), before: { status: row.status },
    after: { status: 'final', announcement: false, entries: listed },
  });
  return { ...row, ...values };
}

/** The instant a Shanghai day starts, or undefined. */
function dayStart(date: string): string | undefined {
  return parseShanghaiDateTime(`${date} 00:00`);
}

export async function publish(store: Store, ctx: RequestContext, id: number, input: PublishInput): Promise<PublicationRow> {
  return mutate(store, ctx, async ({ trx, audit }) => {
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
    if ((await countEntries(trx, id, true)) === 0) throw new KepingError('PUBLICATION_EMPTY', { status: 409 });
    const endsAt = new Date(Date.parse(endDay) + 86_400_000).toISOString();
    const values = { status: 'published', start_date: input.startDate, end_date: input.endDate, starts_at: startsAt, ends_at: endsAt, published_at: ctx.now().toISOString(), updated_at: ctx.now().toISOString() };
    // conditional: of parallel publishes only the first finds the list still a draft
    if (!(await advancePublication(trx, id, 'draft', values))) throw new KepingError('PUBLICATION_NOT_DRAFT', { params: { status: 'published' }, status: 409 });
    await audit({
      action: 'publication.publish', subjectType: 'publication', subjectId: String(id), before: { status: row.status },
      after: { status: 'published', startDate: input.startDate, endDate: input.endDate, startsAt, endsAt },
    });
    return { ...row, ...values };
  });
}

export async function finalise(store: Store, ctx: RequestContext, id: number): Promise<PublicationRow> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    const row = await findPublication(trx, id);
    if (row.status !== 'published') throw new KepingError('PUBLICATION_NOT_PUBLISHED', { params: { status: row.status }, status: 409 });
    if (row.ends_at === null || ctx.now().toISOString() < row.ends_at) {
      throw new KepingError('PUBLICATION_PERIOD_NOT_OVER', { params: { endDate: row.end_date ?? '' }, status: 409 });
    }
    const open = await unresolvedObjectionIds(trx, id);
    if (open.length > 0) {
      throw new KepingError('OBJECTIONS_UNRESOLVED', { params: { count: open.length, ids: open.join(', ') }, status: 409 });
    }
    const at = ctx.now().toISOString();
    // conditional: a list is finalised (and its outcomes granted) once, whatever runs in parallel
    if (!(await advancePublication(trx, id, 'published', { status: 'final', finalised_at: at, updated_at: at }))) {
      throw new KepingError('PUBLICATION_NOT_PUBLISHED', { params: { status: 'final' }, status: 409 });
    }
    const listed = await countEntries(trx, id, true);
    const designations = await grantOutcomeDesignations(m, row.program_id, id);
    await audit({
      action: 'publication.finalise', subjectType: 'publication', subjectId: String(id), before: { status: row.status },
      after: { status: 'final', entries: listed, ...(designations ? { designations } : {}) },
    });
    return { ...row, status: 'final', finalised_at: at, updated_at: at };
  });
}
