/**
 * Import of organisations from CSV or XLSX (批量导入). Streams the file, validates every cell,
 * and writes in one transaction: all or nothing. A dry run goes through the same path and rolls back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  errorMessage, type FieldError, KepingError, type Locale, type RawOrganisation, validateOrganisation,
} from '@keping/core';
import { appendAudit } from '../audit/audit.repository.js';
import { type RequestContext, shanghaiDate } from '../context.js';
import type { Store } from '../db/database.js';
import { openTable } from '../files/table-reader.js';
import { loadMapping } from './mapping.service.js';
import { type ImportedRow, registeredNames, toRow, upsertImported } from './organisation.repository.js';
import { COLUMNS, type ColumnKey, columnOf, columnOfField } from './columns.js';

export const MAX_LISTED_ERRORS = 1000;
export const PREVIEW_ROWS = 200;
const BATCH = 500;

export interface ImportError {
  row: number;
  field: string;
  code: string;
  message: string;
  value?: string;
}

export interface ImportReport {
  rows: number;
  valid: number;
  errors: ImportError[];
  truncated: boolean;
  dryRun: boolean;
  imported: boolean;
  created: number;
  updated: number;
  preview: { row: number; values: Partial<Record<ColumnKey, string>> }[];
}

export interface ImportOptions {
  dryRun: boolean;
  fileName: string;
  maxBytes?: number;
  format?: 'csv' | 'xlsx';
  /** Called every few thousand rows, for progress bars. */
  onProgress?: (rows: number) => void;
}

/** Thrown inside the transaction to roll it back (dry run, or errors found). */
class Rollback extends Error {}

/** Excel export writes a leading ' before = + - @ against formula injection; take it off again. */
function unneutralise(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function headerErrors(headers: string[], locale: Locale): { columns: (ColumnKey | undefined)[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const columns = headers.map((h) => columnOf(h));
  const expected = COLUMNS.map((c) => `${c.zh}/${c.key}`).join(', ');
  const error = (e: FieldError, header: string): ImportError => ({
    row: 1, field: 'header', code: e.code, message: errorMessage(locale, e), value: header,
  });
  headers.forEach((h, i) => {
    if (h === '') return;
    const col = columns[i];
    if (!col) errors.push(error({ code: 'HEADER_UNKNOWN', field: 'header', params: { header: h, expected } }, h));
    else if (columns.indexOf(col) !== i) errors.push(error({ code: 'HEADER_DUPLICATE', field: 'header', params: { header: h } }, h));
  });
  for (const c of COLUMNS) {
    if (c.required && !columns.includes(c.key)) {
      const header = locale === 'en' ? c.key : c.zh;
      errors.push(error({ code: 'HEADER_MISSING', field: 'header', params: { header } }, header));
    }
  }
  return { columns, errors };
}

export async function importOrganisations(
  store: Store, ctx: RequestContext, path: string, options: ImportOptions,
): Promise<ImportReport> {
  const table = await openTable(path, { maxBytes: options.maxBytes, format: options.format });
  const report: ImportReport = {
    rows: 0, valid: 0, errors: [], truncated: false, dryRun: options.dryRun, imported: false, created: 0, updated: 0, preview: [],
  };
  const { columns, errors: headerProblems } = headerErrors(table.headers, ctx.locale);
  if (headerProblems.length > 0) {
    report.errors = headerProblems;
    return report;
  }
  let errorCount = 0;
  const addError = (row: number, e: FieldError, value?: string) => {
    errorCount++;
    if (report.errors.length >= MAX_LISTED_ERRORS) {
      report.truncated = true;
      return;
    }
    const field = columnOfField(e.field) ?? e.field ?? 'row';
    report.errors.push({ row, field, code: e.code, message: errorMessage(ctx.locale, e), ...(value !== undefined ? { value } : {}) });
  };

  const today = shanghaiDate(ctx.now());
  const seen = new Map<string, number>();
  const importedAt = ctx.now().toISOString();

  try {
    await store.db.transaction().execute(async (trx) => {
      const mapping = await loadMapping(trx);
      const importRow = await trx.insertInto('imports').values({
        at: importedAt, actor_id: ctx.actor.id, file_name: options.fileName.slice(0, 300), sha256: await sha256File(path),
        rows: 0, created: 0, updated: 0,
      }).returning('id').executeTakeFirstOrThrow();
      const importId = importRow.id;
      let batch: { row: number; values: ImportedRow }[] = [];

      const flush = async () => {
        if (batch.length === 0) return;
        const names = await registeredNames(trx, store, batch.map((b) => b.values.uscc));
        for (const b of batch) {
          const name = names.get(b.values.uscc);
          if (name !== undefined && name !== b.values.name) {
            addError(b.row, { code: 'USCC_NAME_MISMATCH', field: 'uscc', params: { existingName: name } }, b.values.uscc);
          }
        }
        // Once anything is wrong the transaction will roll back: keep validating, stop writing.
        if (errorCount === 0) {
          await upsertImported(trx, store, batch.map((b) => b.values), importedAt);
          report.updated += names.size;
          report.created += batch.length - names.size;
        }
        batch = [];
      };

      for await (const { row, cells } of table.rows) {
        report.rows++;
        const raw: Partial<Record<ColumnKey, string>> = {};
        columns.forEach((col, i) => {
          if (col) raw[col] = unneutralise(cells[i] ?? '');
        });
        if (report.preview.length < PREVIEW_ROWS) report.preview.push({ row, values: raw });
        const input: RawOrganisation = {
          uscc: raw.uscc, name: raw.name, kind: raw.kind, district: raw.district, industryCode: raw.industry_code,
          established: raw.established, listing: raw.listing,
        };
        const result = validateOrganisation(input, today);
        if (!result.value) {
          for (const e of result.errors) addError(row, e, raw[columnOfField(e.field) ?? 'uscc']);
          continue;
        }
        const first = seen.get(result.value.uscc);
        if (first !== undefined) {
          addError(row, { code: 'USCC_DUPLICATE_IN_FILE', field: 'uscc', params: { firstRow: first } }, raw.uscc);
          continue;
        }
        seen.set(result.value.uscc, row);
        report.valid++;
        const values: ImportedRow = toRow(result.value, mapping) as ImportedRow;
        values.import_id = importId;
        values.updated_at = importedAt;
        batch.push({ row, values });
        if (batch.length >= BATCH) await flush();
        if (report.rows % 5000 === 0) options.onProgress?.(report.rows);
      }
      await flush();
      if (report.rows === 0) throw new KepingError('FILE_NO_ROWS', { field: 'file' });
      // A row counted valid may still have failed the registry check (name mismatch).
      report.valid -= new Set(report.errors.filter((e) => e.code === 'USCC_NAME_MISMATCH').map((e) => e.row)).size;
      if (errorCount > 0 || options.dryRun) throw new Rollback();
      await trx.updateTable('imports').set({ rows: report.rows, created: report.created, updated: report.updated })
        .where('id', '=', importId).execute();
      await appendAudit(trx, store.dialect, ctx, {
        action: 'organisation.import', subjectType: 'import', subjectId: String(importId),
        after: { fileName: options.fileName, rows: report.rows, created: report.created, updated: report.updated },
      });
      report.imported = true;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (report.errors.length > 0) {
    report.created = 0;
    report.updated = 0;
  }
  return report;
}
