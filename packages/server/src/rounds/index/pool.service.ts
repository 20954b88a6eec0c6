/**
 * The candidate pool (候选池): merged from registry facts and imported lists, de-duplicated by
 * USCC, each candidate keeping every source it came from.
 */
import {
  errorMessage, type FieldError, type IndexPoolImportReport, KepingError, normaliseUscc, type PoolSource, type RegistrySource, usccProblem,
} from '@keping/core';
import { type Mutation, mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import { openTable } from '../../files/table-reader.js';
import { insertCandidate, markStale, updateCandidate } from './cycle.repository.js';
import { findCycle } from './cycles.js';
import { holdersOf, insertEntry, organisationsListed, organisationsNamed, poolEntriesIn, updateEntry } from './pool.repository.js';

/** The cycle's program, refused once the list is published. */
async function assertEditable(m: Mutation, cycleId: number): Promise<number> {
  await lockRow(m, 'index_cycles', cycleId); // additions and the publication take turns
  const cycle = await findCycle(m.trx, cycleId);
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
  m: Mutation, cycleId: number, source: PoolSource, orgs: { uscc: string; name: string }[], at: string,
): Promise<{ added: number; merged: number }> {
  const { trx } = m;
  const programId = await assertEditable(m, cycleId);
  let added = 0;
  let merged = 0;
  for (let i = 0; i < orgs.length; i += 500) {
    const chunk = orgs.slice(i, i + 500);
    const existing = await poolEntriesIn(trx, programId, chunk.map((o) => o.uscc));
    const have = new Map(existing.map((e) => [e.uscc, { id: e.id, sources: JSON.parse(e.sources ?? '[]') as PoolSource[] }]));
    for (const o of chunk) {
      const known = have.get(o.uscc);
      if (!known) {
        const sources = JSON.stringify([source]);
        const appId = await insertEntry(trx, {
          program_id: programId, uscc: o.uscc, title: o.name, category: null, form_values: '{}', status: 'submitted', created_by: null,
          created_at: at, updated_at: at, submitted_at: at, withdrawn_at: null, origin: 'pool', sources,
        });
        await insertCandidate(trx, {
          cycle_id: cycleId, application_id: appId, uscc: o.uscc, name: o.name, sources, data: null, excluded: 0,
          exclusion_reason: null, score: null, rank: null, rank_median: null, rank_p05: null, rank_p95: null, group_scores: null,
        });
        have.set(o.uscc, { id: appId, sources: [source] });
        added++;
      } else if (!known.sources.includes(source)) {
        const sources = JSON.stringify([...known.sources, source].sort());
        await updateEntry(trx, known.id, { sources, updated_at: at });
        await updateCandidate(trx, cycleId, o.uscc, { sources });
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
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    const orgs = source === 'tech_center'
      ? await holdersOf(trx, 'tech_center', ['national', 'municipal'], 'active')
      : await organisationsListed(trx, ['main_board', 'star_market', 'other']);
    const result = await addToPool(m, cycleId, source, orgs, ctx.now().toISOString());
    await audit({ action: 'index.pool.add', subjectType: 'index_cycle', subjectId: String(cycleId), after: { source, ...result } });
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
  await mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    const orgs: { uscc: string; name: string }[] = [];
    for (let i = 0; i < codes.length; i += 500) {
      const chunk = codes.slice(i, i + 500);
      const found = await organisationsNamed(trx, chunk.map((c) => c.uscc));
      const names = new Map(found.map((f) => [f.uscc, f.name]));
      for (const c of chunk) {
        const name = names.get(c.uscc);
        if (name === undefined) fail(c.row, { code: 'ORGANISATION_UNKNOWN', field: 'uscc', params: { uscc: c.uscc } });
        else orgs.push({ uscc: c.uscc, name });
      }
    }
    if (report.errors.length > 0) return;
    Object.assign(report, await addToPool(m, cycleId, source, orgs, ctx.now().toISOString()));
    report.imported = true;
    await audit({
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
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    const orgs: { uscc: string; name: string }[] = [];
    for (let i = 0; i < usccs.length; i += 500) {
      orgs.push(...await organisationsNamed(trx, usccs.slice(i, i + 500)));
    }
    const result = await addToPool(m, cycleId, source, orgs, ctx.now().toISOString());
    await audit({ action: 'index.pool.add', subjectType: 'index_cycle', subjectId: String(cycleId), after: { source, ...result } });
    await markStale(trx, cycleId);
    return result;
  });
}

