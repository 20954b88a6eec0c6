/**
 * Import of organisations from CSV or XLSX (批量导入). Streams the file, validates every cell,
 * and writes in one transaction: all or nothing. A dry run goes through the same path and rolls back.
 * Reading and validating (import-rows.ts) is kept apart from writing. A worker thread to overlap the
 * two was tried and dropped: starting one costs ~1 s (tsx compiles the sources again in it).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  errorMessage, type FieldError, type ImportProblem, type ImportReport as ApiImportReport, KepingError, type OrganisationColumn as ColumnKey, shanghaiDay,
} from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { loadMapping } from './mapping.service.js';
import { finishImport, insertImport } from './import.repository.js';
import { type ImportedColumn, registeredNames, upsertImported } from './organisation.repository.js';
import type { ImportLimits } from '../files/limits.js';
import { type ReadOptions, readOrganisationRows } from './import-rows.js';

export { PREVIEW_ROWS } from './import-rows.js';
export const MAX_LISTED_ERRORS = 1000;

export type ImportReport = ApiImportReport<ColumnKey>;

export interface ImportOptions {
  dryRun: boolean;
  fileName: string;
  maxBytes?: number;
  format?: 'csv' | 'xlsx';
  /** Overrides the import limits in force (KEPING_IMPORT_MAX_*, else the defaults). */
  limits?: Partial<ImportLimits>;
  /** Called every few thousand rows, for progress bars. */
  onProgress?: (rows: number) => void;
}

/** What an import may change on an organisation already registered: its spreadsheet fields, not the office's overrides or contacts. */
const UPDATED_BY_IMPORT: readonly ImportedColumn[] = [
  'kind', 'district', 'industry_code', 'established', 'listing', 'groups', 'talent_fields', 'derived_groups',
  'derived_talent_fields', 'import_id', 'updated_at',
];

/** Thrown inside the transaction to roll it back (dry run, or errors found). */
class Rollback extends Error {}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function importOrganisations(
  store: Store, ctx: RequestContext, path: string, options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    rows: 0, valid: 0, errors: [], truncated: false, dryRun: options.dryRun, imported: false, created: 0, updated: 0, preview: [],
  };
  let errorCount = 0;
  const addError = (e: ImportProblem) => {
    errorCount++;
    if (report.errors.length >= MAX_LISTED_ERRORS) report.truncated = true;
    else report.errors.push(e);
  };
  const importedAt = ctx.now().toISOString();

  try {
    await mutate(store, ctx, async ({ trx, audit }) => {
      const mapping = await loadMapping(trx);
      const read: ReadOptions = {
        path, maxBytes: options.maxBytes, format: options.format, locale: ctx.locale, today: shanghaiDay(ctx.now()), mapping,
        limits: options.limits,
      };
      const batches = readOrganisationRows(read);
      const importId = await insertImport(trx, { at: importedAt, actorId: ctx.actor.id, fileName: options.fileName.slice(0, 300) });

      let progressAt = 0;
      let hashing: Promise<string> | undefined;
      for await (const batch of batches) {
        if (batch.headerFailed) {
          report.errors = batch.errors;
          throw new Rollback();
        }
        // Hashed once the file is known readable (openTable checked its size and type).
        if (!hashing) {
          hashing = sha256File(path);
          // A refused import never awaits it: its failure (the upload removed) must not go unhandled.
          hashing.catch(() => undefined);
        }
        report.rows += batch.rows;
        report.valid += batch.valid.length;
        for (const p of batch.preview) report.preview.push(p);
        for (const e of batch.errors) addError(e);
        // A code registered under another name is refused (the registry keeps its name); once anything
        // is wrong the transaction will roll back: keep validating, stop writing.
        const names = await registeredNames(trx, store, batch.valid.map((v) => v.uscc));
        batch.valid.forEach((v, i) => {
          const existingName = names.get(v.uscc);
          if (existingName === undefined || existingName === v.name) return;
          const e: FieldError = { code: 'USCC_NAME_MISMATCH', field: 'uscc', params: { existingName } };
          addError({ row: batch.validRows[i]!, field: 'uscc', code: e.code, message: errorMessage(ctx.locale, e), value: v.uscc });
        });
        if (errorCount === 0) {
          await upsertImported(trx, store, batch.valid, { importId, at: importedAt }, UPDATED_BY_IMPORT);
          report.created += batch.valid.length - names.size;
          report.updated += names.size;
        }
        if (report.rows - progressAt >= 5000) {
          progressAt = report.rows;
          options.onProgress?.(report.rows);
        }
      }
      if (report.rows === 0) throw new KepingError('FILE_NO_ROWS', { field: 'file' });
      // A row counted valid may still have failed the registry check (name mismatch).
      report.valid -= new Set(report.errors.filter((e) => e.code === 'USCC_NAME_MISMATCH').map((e) => e.row)).size;
      if (errorCount > 0 || options.dryRun) throw new Rollback();
      await finishImport(trx, importId, { rows: report.rows, created: report.created, updated: report.updated, sha256: (await hashing) ?? '' });
      await audit({
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
