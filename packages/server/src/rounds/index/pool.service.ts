/**
 * The candidate pool (候选池): merged from registry facts and imported lists, de-duplicated by
 * USCC, each candidate keeping every source it came from.
 */
import {
  errorMessage, type FieldError, type IndexPoolImportReport, KepingError, normaliseUscc, type PoolSource, type RegistrySource, usccProblem,
} from '@keping/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../audit/audit.repository.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { openTable } from '../../files/table-reader.js';
import { findCycle } from './cycle.repository.js';

/** The cycle's program, refused once the list is published. */
async function assertEditable(trx: Transaction<Database>, cycleId: number): Promise<number> {
  const cycle = await findCycle(trx, cycleId);
  if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
  if (cycle.programId === null) throw new KepingError('NOT_FOUND', { status: 404 });
  return cycle.programId;
}

/**
 * Adds organisations to the pool under a source; returns how many were new and how many merged.
 * A new candidate is a pool entry of the program (an application row with origin 'pool', submitted,
 * titled with the organisation's name) with its values row; a known one gains the source.
 */
async function addToPool(
  trx: Transaction<Database>, cycleId: number, source: PoolSource, orgs: { uscc: string; name: string }[], at: string,
): Promise<{ added: number; merged: number }> {
  const programId = await assertEditable(trx, cycleId);
  let added = 0;
  let merged = 0;
  for (let i = 0; i < orgs.length; i += 500) {
    const chunk = orgs.slice(i, i + 500);
    const existing = await trx.selectFrom('applications').select(['id', 'uscc', 'sources'])
      .where('program_id', '=', programId).where('origin', '=', 'pool').where('uscc', 'in', chunk.map((o) => o.uscc)).execute();
    const have = new Map(existing.map((e) => [e.uscc, { id: e.id, sources: JSON.parse(e.sources ?? '[]') as PoolSource[] }]));
    for (const o of chunk) {
      const known = have.get(o.uscc);
      if (!known) {
        const sources = JSON.stringify([source]);
        const app = await trx.insertInto('applications').values({
          program_id: programId, uscc: o.uscc, title: o.name, category: null, form_values: '{}', status: 'submitted', created_by: null,
          created_at: at, updated_at: at, submitted_at: at, withdrawn_at: null, origin: 'pool', sources,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('index_candidates').values({
          cycle_id: cycleId, application_id: app.id, uscc: o.uscc, name: o.name, sources, data: null, excluded: 0,
          exclusion_reason: null, score: null, rank: null, rank_median: null, rank_p05: null, rank_p95: null, group_scores: null,
        }).execute();
        have.set(o.uscc, { id: app.id, sources: [source] });
        added++;
      } else if (!known.sources.includes(source)) {
        const sources = JSON.stringify([...known.sources, source].sort());
        await trx.updateTable('applications').set({ sources, updated_at: at }).where('id', '=', known.id).execute();
        await trx.updateTable('index_candidates').set({ sources }).where('cycle_id', '=', cycleId).where('uscc', '=', o.uscc).execute();
        known.sources.push(source);
        merged++;
      }
    }
  }
  return { added, merged };
}

/** Registry sources: holders of an active national or municipal tech-centre designation; listed companies. */
export async function addRegistrySource(
  store: Store, ctx: RequestContext, cycleId: number, source: RegistrySource,
): Promise<{ added: number; merged: number }> {
  return store.db.transaction().execute(async (trx) => {
    const orgs = source === 'tech_center'
      ? await trx.selectFrom('organisations').innerJoin('designations', 'designations.uscc', 'organisations.uscc')
        .select(['organisations.uscc', 'organisations.name']).distinct()
        .where('designations.title', '=', 'tech_center').where('designations.tier', 'in', ['national', 'municipal'])
        .where('designations.status', '=', 'active').orderBy('organisations.uscc').execute()
      : await trx.selectFrom('organisations').select(['uscc', 'name'])
        .where('listing', 'in', ['main_board', 'star_market', 'other']).orderBy('uscc').execute();
    const result = await addToPool(trx, cycleId, source, orgs, ctx.now().toISOString());
    await appendAudit(trx, store.dialect, ctx, { action: 'index.pool.add', subjectType: 'index_cycle', subjectId: String(cycleId), after: { source, ...result } });
    await markStale(trx, cycleId);
    return result;
  });
}

/** A list file (uscc, name) under one source; every code must be in the registry. All or nothing. */
export async function importPoolFile(
  store: Store, ctx: RequestContext, cycleId: number, source: PoolSource, path: string, fileName: string,
): Promise<IndexPoolImportReport> {
  const table = await openTable(path);
  const col = (names: string[]) => table.headers.findIndex((h) => names.includes(h.trim().toLowerCase()));
  const usccCol = col(['uscc', '统一社会信用代码']);
  const report: IndexPoolImportReport = { rows: 0, added: 0, merged: 0, errors: [], imported: false };
  const fail = (row: number, e: FieldError) => {
    if (report.errors.length < 1000) report.errors.push({ row, field: e.field ?? 'uscc', code: e.code, message: errorMessage(ctx.locale, e) });
  };
  if (usccCol < 0) {
    fail(1, { code: 'HEADER_MISSING', field: 'header', params: { header: ctx.locale === 'en' ? 'uscc' : '统一社会信用代码' } });
    return report;
  }
  const codes: { row: number; uscc: string }[] = [];
  const seen = new Set<string>();
  for await (const { row, cells } of table.rows) {
    report.rows++;
    const uscc = normaliseUscc(cells[usccCol] ?? '');
    const problem = usccProblem(uscc);
    if (problem) fail(row, problem);
    else if (!seen.has(uscc)) {
      seen.add(uscc);
      codes.push({ row, uscc });
    }
  }
  await store.db.transaction().execute(async (trx) => {
    const orgs: { uscc: string; name: string }[] = [];
    for (let i = 0; i < codes.length; i += 500) {
      const chunk = codes.slice(i, i + 500);
      const found = await trx.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', chunk.map((c) => c.uscc)).execute();
      const names = new Map(found.map((f) => [f.uscc, f.name]));
      for (const c of chunk) {
        const name = names.get(c.uscc);
        if (name === undefined) fail(c.row, { code: 'ORGANISATION_UNKNOWN', field: 'uscc', params: { uscc: c.uscc } });
        else orgs.push({ uscc: c.uscc, name });
      }
    }
    if (report.errors.length > 0) return;
    Object.assign(report, await addToPool(trx, cycleId, source, orgs, ctx.now().toISOString()));
    report.imported = true;
    await appendAudit(trx, store.dialect, ctx, {
      action: 'index.pool.import', subjectType: 'index_cycle', subjectId: String(cycleId),
      after: { source, fileName, rows: report.rows, added: report.added, merged: report.merged },
    });
    await markStale(trx, cycleId);
  });
  return report;
}

/** Adds registered organisations under a source (used by the demo; files go through importPoolFile). */
export async function addListToPool(
  store: Store, ctx: RequestContext, cycleId: number, source: PoolSource, usccs: string[],
): Promise<{ added: number; merged: number }> {
  return store.db.transaction().execute(async (trx) => {
    const orgs: { uscc: string; name: string }[] = [];
    for (let i = 0; i < usccs.length; i += 500) {
      orgs.push(...await trx.selectFrom('organisations').select(['uscc', 'name']).where('uscc', 'in', usccs.slice(i, i + 500)).execute());
    }
    const result = await addToPool(trx, cycleId, source, orgs, ctx.now().toISOString());
    await appendAudit(trx, store.dialect, ctx, { action: 'index.pool.add', subjectType: 'index_cycle', subjectId: String(cycleId), after: { source, ...result } });
    await markStale(trx, cycleId);
    return result;
  });
}

/** A computed ranking no longer matches its inputs once they change. */
export async function markStale(trx: Kysely<Database>, cycleId: number): Promise<void> {
  await trx.updateTable('index_cycles').set({ status: 'stale' }).where('id', '=', cycleId).where('status', '=', 'computed').execute();
}
