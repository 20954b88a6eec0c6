/**
 * Import of experts from CSV or XLSX (批量导入专家). The same flow as the organisation import: every
 * cell validated, errors per row and field in the caller's language, one transaction, all or nothing;
 * a dry run goes through the same path and rolls back. A row whose e-mail (or, without one, name and
 * phone) matches a known expert updates that expert's fields in the file's columns; other rows add experts.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  errorMessage, EXPERT_COLUMNS, type ExpertColumn, type ExpertFields, type ExpertInput, type FieldError, type ImportProblem, type ImportReport, KepingError, type Locale, translate, validateExpert,
} from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import ExcelJS from '../files/exceljs.js';
import { capHeaderProblems, type ImportLimits, importLimits } from '../files/limits.js';
import { openTable } from '../files/table-reader.js';
import { finishImport, insertImport } from '../registry/import.repository.js';
import { organisationNames } from '../registry/organisation.repository.js';
import { findByEmail, findByNameAndPhone, insertExpert, toValues, updateExpertRow } from './expert.repository.js';

export const MAX_LISTED_ERRORS = 1000;
export const PREVIEW_ROWS = 200;

export type ExpertImportReport = ImportReport<ExpertColumn>;

export interface ExpertImportOptions {
  dryRun: boolean;
  fileName: string;
  maxBytes?: number;
  format?: 'csv' | 'xlsx';
  /** Overrides the import limits in force (KEPING_IMPORT_MAX_*, else the defaults). */
  limits?: Partial<ImportLimits>;
}

const headerKey = (h: string): string => h.trim().replace(/\s+/g, '').replace(/-/g, '_').toLowerCase();
const lookup = new Map<string, ExpertColumn>();
for (const c of EXPERT_COLUMNS) for (const name of [c.key, c.zh, ...c.aliases]) lookup.set(headerKey(name), c.key);

export function expertColumnOf(header: string): ExpertColumn | undefined {
  return lookup.get(headerKey(header));
}

function columnOfField(field: string | undefined): ExpertColumn | undefined {
  const head = field?.split('.')[0];
  return EXPERT_COLUMNS.find((c) => c.field === head)?.key;
}

/** Rolls the transaction back (dry run, or errors found). */
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

function headerErrors(headers: string[], locale: Locale): { columns: (ExpertColumn | undefined)[]; errors: ImportProblem[] } {
  const errors: ImportProblem[] = [];
  const columns = headers.map((h) => (h === '' ? undefined : expertColumnOf(h)));
  const expected = EXPERT_COLUMNS.map((c) => `${c.zh}/${c.key}`).join(', ');
  const error = (e: FieldError, header: string): ImportProblem => ({
    row: 1, field: 'header', code: e.code, message: errorMessage(locale, e), value: header,
  });
  headers.forEach((h, i) => {
    if (h === '') return;
    const col = columns[i];
    if (!col) errors.push(error({ code: 'HEADER_UNKNOWN', field: 'header', params: { header: h, expected } }, h));
    else if (columns.indexOf(col) !== i) errors.push(error({ code: 'HEADER_DUPLICATE', field: 'header', params: { header: h } }, h));
  });
  for (const c of EXPERT_COLUMNS) {
    if (c.required && !columns.includes(c.key)) {
      const header = locale === 'en' ? c.key : c.zh;
      errors.push(error({ code: 'HEADER_MISSING', field: 'header', params: { header } }, header));
    }
  }
  return { columns, errors };
}

/** Who a row is: its e-mail, else its name and phone; rows with neither always add an expert. */
function identity(f: ExpertFields): { key: string; field: 'email' | 'phone' } | undefined {
  if (f.email) return { key: `e:${f.email}`, field: 'email' };
  if (f.phone) return { key: `p:${f.name}\u0000${f.phone}`, field: 'phone' };
  return undefined;
}

export async function importExperts(
  store: Store, ctx: RequestContext, path: string, options: ExpertImportOptions,
): Promise<ExpertImportReport> {
  const limits = importLimits(options.limits);
  const table = await openTable(path, { maxBytes: options.maxBytes, format: options.format, limits });
  const report: ExpertImportReport = {
    rows: 0, valid: 0, errors: [], truncated: false, dryRun: options.dryRun, imported: false, created: 0, updated: 0, preview: [],
  };
  const { columns, errors: headerProblems } = headerErrors(table.headers, ctx.locale);
  if (headerProblems.length > 0) {
    await table.close();
    report.errors = capHeaderProblems(headerProblems, limits.maxHeaderProblems, ctx.locale);
    return report;
  }
  const addError = (row: number, e: FieldError, value?: string) => {
    if (report.errors.length >= MAX_LISTED_ERRORS) {
      report.truncated = true;
      return;
    }
    const field = columnOfField(e.field) ?? e.field ?? 'row';
    report.errors.push({ row, field, code: e.code, message: errorMessage(ctx.locale, e), ...(value ? { value } : {}) });
  };

  const present = new Set(columns.filter((c) => c !== undefined));
  const valid: { row: number; fields: ExpertFields }[] = [];
  const seen = new Map<string, number>();
  for await (const { row, cells } of table.rows) {
    report.rows++;
    const raw: Partial<Record<ExpertColumn, string>> = {};
    columns.forEach((col, i) => {
      if (col) raw[col] = unneutralise(cells[i] ?? '');
    });
    if (report.preview.length < PREVIEW_ROWS) report.preview.push({ row, values: raw });
    const input: ExpertInput = {
      name: raw.name, professionalTitle: raw.title, employerUscc: raw.employer_uscc, employerName: raw.employer,
      tags: raw.tags ?? '', shareholdings: raw.shareholdings ?? '', phone: raw.phone, email: raw.email,
    };
    const result = validateExpert(input);
    if (!result.value) {
      for (const e of result.errors) addError(row, e, raw[columnOfField(e.field) ?? 'name']);
      continue;
    }
    const id = identity(result.value);
    const first = id ? seen.get(id.key) : undefined;
    if (id && first !== undefined) {
      addError(row, { code: 'EXPERT_DUPLICATE_IN_FILE', field: id.field, params: { firstRow: first } }, raw[id.field]);
      continue;
    }
    if (id) seen.set(id.key, row);
    valid.push({ row, fields: result.value });
  }
  if (report.rows === 0) throw new KepingError('FILE_NO_ROWS', { field: 'file' });
  report.valid = valid.length;
  if (report.errors.length > 0) return report;

  const at = ctx.now().toISOString();
  try {
    await mutate(store, ctx, async ({ trx, audit }) => {
      const importId = await insertImport(trx, { at, actorId: ctx.actor.id, fileName: options.fileName.slice(0, 300), sha256: await sha256File(path) });
      const names = await organisationNames(trx, [...new Set(valid.flatMap((v) => (v.fields.employerUscc ? [v.fields.employerUscc] : [])))]);
      for (const { fields: f } of valid) {
        const fields = f.employerName === null && f.employerUscc !== null ? { ...f, employerName: names.get(f.employerUscc) ?? null } : f;
        const existing = fields.email ? await findByEmail(trx, fields.email)
          : fields.phone ? await findByNameAndPhone(trx, fields.name, fields.phone) : undefined;
        if (existing) {
          // The file's columns only: history, declarations, availability, the account link and any column
          // the file leaves out are kept. The employer's code and name are one thing: either column updates both.
          const v = toValues(fields);
          const employer = present.has('employer_uscc') || present.has('employer');
          await updateExpertRow(trx, existing.id, {
            name: v.name,
            ...(present.has('title') ? { professional_title: v.professional_title } : {}),
            ...(employer ? { employer_uscc: v.employer_uscc, employer_name: v.employer_name } : {}),
            ...(present.has('tags') ? { tags: v.tags } : {}),
            ...(present.has('shareholdings') ? { shareholdings: v.shareholdings } : {}),
            ...(present.has('phone') ? { phone: v.phone } : {}),
            ...(present.has('email') ? { email: v.email } : {}),
            import_id: importId, updated_at: at,
          });
          report.updated++;
        } else {
          await insertExpert(trx, toValues(fields), { importId, isDemo: false, at });
          report.created++;
        }
      }
      if (options.dryRun) throw new Rollback();
      await finishImport(trx, importId, { rows: report.rows, created: report.created, updated: report.updated });
      await audit({
        action: 'expert.import', subjectType: 'import', subjectId: String(importId),
        after: { fileName: options.fileName, rows: report.rows, created: report.created, updated: report.updated },
      });
      report.imported = true;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return report;
}

const NOTES: Partial<Record<ExpertColumn, string>> = {
  name: 'experts.template.note.name', employer_uscc: 'experts.template.note.employerUscc', tags: 'experts.template.note.tags',
  shareholdings: 'experts.template.note.shareholdings', email: 'experts.template.note.email',
};

/** An empty sheet with the headers, each explained in a note, for people to fill in. */
export async function expertTemplate(locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'experts.sheet'));
  sheet.columns = EXPERT_COLUMNS.map((c) => ({ header: locale === 'en' ? c.key : c.zh, width: c.key === 'employer_uscc' ? 28 : 20 }));
  sheet.getRow(1).font = { bold: true };
  EXPERT_COLUMNS.forEach((c, i) => {
    const note = NOTES[c.key];
    if (note) sheet.getRow(1).getCell(i + 1).note = translate(locale, note);
    // Codes and phone numbers are text: Excel would turn 13800138000 into 1.38E+10.
    if (c.key === 'employer_uscc' || c.key === 'phone' || c.key === 'shareholdings') sheet.getColumn(i + 1).numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
