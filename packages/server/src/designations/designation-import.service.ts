/**
 * Import of designations granted elsewhere (历史认定导入) from CSV or XLSX: one row per grant with
 * uscc, title, tier, granted_on and source. Every row is checked before anything is written, then
 * all rows are written in one transaction with one audit entry: all or nothing. The demo data goes
 * through importDesignationRows too.
 */
import {
  addYears, DESIGNATION_IMPORT_COLUMNS, type DesignationImportColumn, type DesignationTitle, designationStateOn, errorMessage, type FieldError, findTier, findTitle, type ImportProblem,
  type ImportReport, isKepingError, normaliseUscc, parseDay, titleSpec, usccProblem,
} from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { ImportLimits } from '../files/limits.js';
import { openTable } from '../files/table-reader.js';
import { insertDesignations, insertEvents, knownUsccs, type NewDesignation, openPairs } from './designation.repository.js';
import { grantIn, today } from './designation.service.js';

export const DESIGNATION_COLUMNS = DESIGNATION_IMPORT_COLUMNS;
export type DesignationColumn = DesignationImportColumn;
export type DesignationImportReport = ImportReport<DesignationColumn>;

/** Header spellings accepted per column (compared trimmed, lower-case): English first, then Chinese (the template's). */
export const DESIGNATION_HEADERS: Record<DesignationColumn, string[]> = {
  uscc: ['uscc', '统一社会信用代码'],
  title: ['title', '认定称号', '称号', '认定'],
  tier: ['tier', '层级', '级别'],
  granted_on: ['granted_on', '认定日期', 'grantedon', '日期'],
  source: ['source', '来源', '数据来源'],
};
const PREVIEW_ROWS = 20;
const MAX_ERRORS = 1000;

export interface DesignationImportRow {
  row: number;
  uscc: string;
  title: DesignationTitle;
  tier: string;
  grantedOn: string;
  source: string;
}

class Rollback extends Error {}

function problem(ctx: RequestContext, row: number, e: FieldError, value?: string): ImportProblem {
  return { row, field: e.field ?? '', code: e.code, message: errorMessage(ctx.locale, e), ...(value !== undefined ? { value } : {}) };
}

/** A day as spreadsheets write it (2024-03-01, 2024/3/1) in YYYY-MM-DD; undefined if not a day. */
function dayOf(text: string): string | undefined {
  const d = parseDay(text);
  return d ? `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` : undefined;
}

/** Checks one row's cells; returns the row or its problems. */
function readRow(row: number, cells: Record<DesignationColumn, string>, fileName: string): DesignationImportRow | FieldError[] {
  const errors: FieldError[] = [];
  const uscc = normaliseUscc(cells.uscc);
  const bad = usccProblem(uscc);
  if (bad) errors.push(bad);
  const title = findTitle(cells.title);
  if (!title) errors.push({ code: 'DESIGNATION_TITLE_UNKNOWN', field: 'designation', params: { value: cells.title } });
  const tier = title ? findTier(title, cells.tier) : undefined;
  if (title && !tier) {
    errors.push({ code: 'DESIGNATION_TIER_UNKNOWN', field: 'tier', params: { value: cells.tier, title: titleSpec(title).name.zh, tiers: titleSpec(title).tiers.map((t) => t.name.zh).join('、') } });
  }
  const grantedOn = dayOf(cells.granted_on);
  if (!grantedOn) errors.push({ code: 'DATE_FORMAT', field: 'grantedOn', params: { value: cells.granted_on } });
  if (errors.length > 0 || !title || !tier || !grantedOn) return errors;
  return { row, uscc, title, tier, grantedOn, source: cells.source.trim() || fileName };
}

/** Reads, checks and (unless a dry run) imports a file of designations. */
export async function importDesignationFile(
  store: Store, ctx: RequestContext, path: string,
  options: { dryRun: boolean; fileName: string; maxBytes?: number; limits?: Partial<ImportLimits> },
): Promise<DesignationImportReport> {
  const table = await openTable(path, { maxBytes: options.maxBytes, limits: options.limits });
  const report: DesignationImportReport = {
    rows: 0, valid: 0, errors: [], truncated: false, dryRun: options.dryRun, imported: false, created: 0, updated: 0, preview: [],
  };
  const index = Object.fromEntries(DESIGNATION_COLUMNS.map((c) => [c, table.headers.findIndex((h) => DESIGNATION_HEADERS[c].includes(h.trim().toLowerCase()))])) as Record<DesignationColumn, number>;
  for (const c of DESIGNATION_COLUMNS.filter((x) => x !== 'source' && index[x] < 0)) {
    report.errors.push(problem(ctx, 1, { code: 'HEADER_MISSING', field: 'header', params: { header: DESIGNATION_HEADERS[c][ctx.locale === 'en' ? 0 : 1] ?? c } }));
  }
  if (report.errors.length > 0) {
    await table.close();
    return report;
  }
  const rows: DesignationImportRow[] = [];
  for await (const { row, cells } of table.rows) {
    report.rows++;
    const values = Object.fromEntries(DESIGNATION_COLUMNS.map((c) => [c, index[c] < 0 ? '' : (cells[index[c]] ?? '').trim()])) as Record<DesignationColumn, string>;
    if (report.preview.length < PREVIEW_ROWS) report.preview.push({ row, values });
    const read = readRow(row, values, options.fileName);
    if (Array.isArray(read)) {
      for (const e of read) if (report.errors.length < MAX_ERRORS) report.errors.push(problem(ctx, row, e));
      report.truncated ||= report.errors.length >= MAX_ERRORS;
    } else rows.push(read);
  }
  report.valid = rows.length;
  if (report.errors.length > 0) return report;
  const result = await importDesignationRows(store, ctx, rows, { fileName: options.fileName, dryRun: options.dryRun });
  return { ...report, ...result, valid: rows.length - new Set(result.errors.map((e) => e.row)).size };
}

/**
 * Writes checked rows in one transaction: new designations in bulk, renewals of designations the
 * organisation already holds one by one through the grant rules. Rolls back on any row's problem.
 */
export async function importDesignationRows(
  store: Store, ctx: RequestContext, rows: readonly DesignationImportRow[],
  options: { fileName?: string; dryRun?: boolean; isDemo?: boolean } = {},
): Promise<{ created: number; updated: number; errors: ImportProblem[]; imported: boolean }> {
  const result = { created: 0, updated: 0, errors: [] as ImportProblem[], imported: false };
  const day = today(ctx);
  try {
    await mutate(store, ctx, async (m) => {
      const { trx } = m;
      const known = await knownUsccs(trx, [...new Set(rows.map((r) => r.uscc))]);
      const first = new Map<string, number>();
      const fresh: DesignationImportRow[] = [];
      const renewals: DesignationImportRow[] = [];
      const open = new Map<string, Set<string>>();
      for (const title of new Set(rows.map((r) => r.title))) open.set(title, await openPairs(trx, title, rows.filter((r) => r.title === title).map((r) => r.uscc)));
      for (const r of rows) {
        const fail = (e: FieldError) => { if (result.errors.length < MAX_ERRORS) result.errors.push(problem(ctx, r.row, e)); };
        const key = `${r.uscc} ${r.title}`;
        if (!known.has(r.uscc)) fail({ code: 'ORGANISATION_UNKNOWN', field: 'uscc', params: { uscc: r.uscc } });
        else if (first.has(key)) fail({ code: 'DESIGNATION_ROW_DUPLICATE', field: 'uscc', params: { uscc: r.uscc, first: first.get(key) ?? 0 } });
        else if (r.grantedOn > day) fail({ code: 'DATE_IN_FUTURE', field: 'grantedOn', params: { value: r.grantedOn, today: day } });
        else (open.get(r.title)?.has(r.uscc) ? renewals : fresh).push(r);
        if (!first.has(key)) first.set(key, r.row);
      }
      for (const r of renewals) {
        try {
          const { created } = await grantIn(m, { uscc: r.uscc, title: r.title, tier: r.tier, grantedOn: r.grantedOn, source: r.source }, { isDemo: options.isDemo ?? false });
          result[created ? 'created' : 'updated']++;
        } catch (e) {
          if (!isKepingError(e)) throw e;
          for (const fe of e.errors) result.errors.push(problem(ctx, r.row, fe));
        }
      }
      if (result.errors.length > 0) throw new Rollback();
      await writeFresh(trx, ctx, fresh, day, options.isDemo ?? false);
      result.created += fresh.length;
      await m.audit({
        action: 'designation.import', subjectType: 'designations', subjectId: options.fileName ?? 'rows',
        after: { fileName: options.fileName ?? null, rows: rows.length, created: result.created, updated: result.updated, sources: [...new Set(rows.map((r) => r.source))].slice(0, 20) },
      });
      if (options.dryRun) throw new Rollback();
      result.imported = true;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result;
}

async function writeFresh(
  trx: Parameters<typeof insertEvents>[0], ctx: RequestContext, rows: readonly DesignationImportRow[], day: string, isDemo: boolean,
): Promise<void> {
  const at = ctx.now().toISOString();
  for (const title of new Set(rows.map((r) => r.title))) {
    const ofTitle = rows.filter((r) => r.title === title);
    const validity = titleSpec(title).validityYears;
    const designations: NewDesignation[] = ofTitle.map((r) => {
      const state = designationStateOn([{ kind: 'granted', day: r.grantedOn, tier: r.tier }], day, validity);
      return {
        uscc: r.uscc, title, tier: r.tier, granted_year: Number(r.grantedOn.slice(0, 4)), status: state.status === 'none' ? 'active' : state.status,
        ended_year: state.endedOn ? Number(state.endedOn.slice(0, 4)) : null, note: null, is_demo: isDemo ? 1 : 0, created_at: at, updated_at: at,
        granted_on: r.grantedOn, valid_until: validity === null ? null : addYears(r.grantedOn, validity), ended_on: state.endedOn, validity_years: validity,
      };
    });
    const ids = await insertDesignations(trx, designations);
    await insertEvents(trx, ofTitle.map((r) => ({
      designation_id: ids.get(r.uscc) ?? 0, kind: 'granted', day: r.grantedOn, tier: r.tier, grade: null, reason: null, source: r.source,
      program_id: null, decision_ref: null, actor_id: ctx.actor.id, created_at: at,
    })));
  }
}
