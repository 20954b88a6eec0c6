/**
 * Indicator data (指标数据) for the candidates: an Excel template generated from the cycle's
 * indicator system, and its import with an error per bad cell. All or nothing.
 */
import { errorMessage, type FieldError, type IndexDataImportReport, KepingError, type Locale, normaliseUscc, translate } from '@keping/core';
import ExcelJS from '../../files/exceljs.js';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import { openTable } from '../../files/table-reader.js';
import { candidateCodes, findCandidate, markStale, updateCandidate } from './cycle.repository.js';
import { findCycle } from './cycles.js';
import { indicatorsOf, type IndexRoundSpec } from '@keping/core';

/** A number as people type it: 1,234.5 or 1 234,5 are not guessed at; thousands commas are removed. */
export function parseNumber(raw: string): number | null | undefined {
  const s = raw.replace(/[\s,，]/g, '');
  if (s === '' || s === '-' || s === '—') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(s)) return undefined;
  const n = Number(s.replace('%', ''));
  return s.endsWith('%') ? n / 100 : n;
}

export async function dataTemplate(store: Store, cycleId: number, locale: Locale): Promise<Buffer> {
  const cycle = await findCycle(store.db, cycleId);
  const spec = cycle.spec as IndexRoundSpec;
  const indicators = indicatorsOf(spec);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(translate(locale, 'top100.sheet.data'));
  ws.addRow(['uscc', 'name', ...indicators.map((i) => i.id)]).font = { bold: true };
  const candidates = await candidateCodes(store.db, cycleId);
  for (const c of candidates) ws.addRow([c.uscc, c.name]);
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 32;
  const about = wb.addWorksheet(translate(locale, 'top100.sheet.indicators'));
  about.addRow(['id', translate(locale, 'top100.column.name'), translate(locale, 'top100.column.pillar'), translate(locale, 'top100.column.unit'),
    translate(locale, 'top100.column.direction'), translate(locale, 'top100.column.source'), translate(locale, 'top100.column.year')]).font = { bold: true };
  for (const i of indicators) {
    about.addRow([i.id, locale === 'en' ? i.name.en : i.name.zh, i.group, i.unit ?? '', i.direction, i.source ?? '', i.year ?? '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importIndicatorData(
  store: Store, ctx: RequestContext, cycleId: number, path: string, options: { dryRun: boolean; fileName: string },
): Promise<IndexDataImportReport> {
  const cycle = await findCycle(store.db, cycleId);
  const indicators = indicatorsOf(cycle.spec as IndexRoundSpec).map((i) => i.id);
  const table = await openTable(path);
  const report: IndexDataImportReport = { rows: 0, valid: 0, errors: [], dryRun: options.dryRun, imported: false };
  const fail = (row: number, e: FieldError, value?: string) => {
    if (report.errors.length < 1000) {
      report.errors.push({ row, field: e.field ?? '', code: e.code, message: errorMessage(ctx.locale, e), ...(value !== undefined ? { value } : {}) });
    }
  };
  const headers = table.headers.map((h) => h.trim());
  const usccCol = headers.findIndex((h) => h.toLowerCase() === 'uscc' || h === '统一社会信用代码');
  if (usccCol < 0) fail(1, { code: 'HEADER_MISSING', field: 'header', params: { header: 'uscc' } });
  const columns = new Map<string, number>();
  headers.forEach((h, i) => {
    if (i === usccCol || h === '' || h.toLowerCase() === 'name' || h === '名称') return;
    if (!indicators.includes(h)) fail(1, { code: 'INDICATOR_UNKNOWN', field: 'header', params: { indicator: h } }, h);
    else columns.set(h, i);
  });
  if (report.errors.length > 0) return report;

  const pool = new Set((await candidateCodes(store.db, cycleId)).map((c) => c.uscc));
  const values = new Map<string, Record<string, number | null>>();
  const firstRow = new Map<string, number>();
  for await (const { row, cells } of table.rows) {
    report.rows++;
    const uscc = normaliseUscc(cells[usccCol] ?? '');
    let ok = true;
    if (!pool.has(uscc)) {
      fail(row, { code: 'NOT_IN_POOL', field: 'uscc', params: { uscc } }, uscc);
      ok = false;
    } else if (firstRow.has(uscc)) {
      fail(row, { code: 'USCC_DUPLICATE_IN_FILE', field: 'uscc', params: { firstRow: firstRow.get(uscc) ?? 0 } }, uscc);
      ok = false;
    }
    const record: Record<string, number | null> = {};
    for (const [id, i] of columns) {
      const raw = cells[i] ?? '';
      const n = parseNumber(raw);
      if (n === undefined || (n !== null && !Number.isFinite(n))) {
        fail(row, { code: 'NOT_A_NUMBER', field: id, params: { value: raw, indicator: id } }, raw);
        ok = false;
      } else record[id] = n;
    }
    if (ok) {
      report.valid++;
      firstRow.set(uscc, row);
      values.set(uscc, record);
    }
  }
  if (report.errors.length > 0 || options.dryRun) return report;
  await mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    // Checked again under the lock: the list may have been published while the file was read.
    await lockRow(m, 'index_cycles', cycleId);
    if ((await findCycle(trx, cycleId)).status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    for (const [uscc, record] of values) {
      const current = await findCandidate(trx, cycleId, uscc);
      const merged = { ...(current?.data ? (JSON.parse(current.data) as Record<string, number | null>) : {}), ...record };
      await updateCandidate(trx, cycleId, uscc, { data: JSON.stringify(merged) });
    }
    await audit({
      action: 'index.data.import', subjectType: 'index_cycle', subjectId: String(cycleId),
      after: { fileName: options.fileName, rows: report.rows, indicators: [...columns.keys()] },
    });
    await markStale(trx, cycleId);
  });
  report.imported = true;
  return report;
}

/** Sets candidates' indicator values from data already checked (the demo; files go through importIndicatorData). Audited; the ranking goes stale. */
export async function setIndicatorValues(
  store: Store, ctx: RequestContext, cycleId: number, values: ReadonlyMap<string, Record<string, number | null>>,
): Promise<number> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockRow(m, 'index_cycles', cycleId); // edits and the publication take turns
    const cycle = await findCycle(trx, cycleId);
    if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    const pool = await candidateCodes(trx, cycleId);
    let set = 0;
    for (const { uscc } of pool) {
      const record = values.get(uscc);
      if (!record) continue;
      await updateCandidate(trx, cycleId, uscc, { data: JSON.stringify(record) });
      set++;
    }
    await audit({ action: 'index.data.set', subjectType: 'index_cycle', subjectId: String(cycleId), after: { candidates: set } });
    await markStale(trx, cycleId);
    return set;
  });
}
