/**
 * The reading half of an organisation import: streams the table, checks the header, validates every
 * cell and turns valid rows into stored columns, in batches. It never touches the database.
 */
import {
  errorMessage, type FieldError, type ImportProblem, type IndustryMappingRule, type Locale, ORGANISATION_COLUMNS as COLUMNS,
  type OrganisationColumn as ColumnKey, type OrganisationFields, OrganisationTextChecker, type RawOrganisation, validateOrganisation,
} from '@keping/core';
import { capHeaderProblems, type ImportLimits, importLimits } from '../files/limits.js';
import { openTable } from '../files/table-reader.js';
import { columnOf, columnOfField } from './columns.js';
import { FirstRows } from './first-rows.js';
import { toRow } from './organisation-fields.js';
import type { ImportedRow } from './organisation.repository.js';

export const PREVIEW_ROWS = 200;
const BATCH = 500;

export interface ReadOptions {
  path: string;
  maxBytes?: number | undefined;
  format?: 'csv' | 'xlsx' | undefined;
  locale: Locale;
  /** yyyy-mm-dd in Asia/Shanghai: established dates after it are refused. */
  today: string;
  mapping: IndustryMappingRule[];
  /** Overrides the import limits in force (tests use small ones). */
  limits?: Partial<ImportLimits> | undefined;
}

/** What one batch of rows gave: the valid rows' columns, the problems, the first rows for the preview. */
export interface RowBatch {
  rows: number;
  /** The valid rows' columns, and beside them (same index) their row numbers in the file. */
  valid: ImportedRow[];
  validRows: number[];
  errors: ImportProblem[];
  preview: { row: number; values: Partial<Record<ColumnKey, string>> }[];
  /** Set on the only batch yielded when the header is wrong: nothing else is read. */
  headerFailed?: true;
}

/** Excel export writes a leading ' before = + - @ against formula injection; take it off again. */
function unneutralise(cell: string): string {
  return cell.charCodeAt(0) === 39 && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

function headerErrors(headers: string[], locale: Locale): { columns: (ColumnKey | undefined)[]; errors: ImportProblem[] } {
  const errors: ImportProblem[] = [];
  const columns = headers.map((h) => columnOf(h));
  const expected = COLUMNS.map((c) => `${c.zh}/${c.key}`).join(', ');
  const error = (e: FieldError, header: string): ImportProblem => ({
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

export async function* readOrganisationRows(options: ReadOptions): AsyncGenerator<RowBatch> {
  const { locale, today, mapping } = options;
  const limits = importLimits(options.limits);
  const table = await openTable(options.path, { maxBytes: options.maxBytes, format: options.format, limits });
  const { columns, errors: headerProblems } = headerErrors(table.headers, locale);
  if (headerProblems.length > 0) {
    await table.close();
    yield { rows: 0, valid: [], validRows: [], errors: capHeaderProblems(headerProblems, limits.maxHeaderProblems, locale), preview: [], headerFailed: true };
    return;
  }
  // Where each column is in the file (−1: absent, read as an empty cell).
  const at = (key: ColumnKey) => columns.indexOf(key);
  const [iUscc, iName, iKind, iDistrict, iIndustry, iEstablished, iListing] =
    [at('uscc'), at('name'), at('kind'), at('district'), at('industry_code'), at('established'), at('listing')];
  const checker = new OrganisationTextChecker(today);
  const firstRows = new FirstRows();
  let previewed = 0;
  let batch: RowBatch = { rows: 0, valid: [], validRows: [], errors: [], preview: [] };
  const addError = (row: number, e: FieldError, value?: string) => {
    const field = columnOfField(e.field) ?? e.field ?? 'row';
    batch.errors.push({ row, field, code: e.code, message: errorMessage(locale, e), ...(value !== undefined ? { value } : {}) });
  };
  const record = (cells: string[]): Partial<Record<ColumnKey, string>> => {
    const raw: Partial<Record<ColumnKey, string>> = {};
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      if (col) raw[col] = unneutralise(cells[i] ?? '');
    }
    return raw;
  };
  const cell = (cells: string[], i: number) => (i < 0 ? '' : unneutralise(cells[i] ?? ''));
  for await (const tableRows of table.batches) {
    for (const { row, cells } of tableRows) {
      batch.rows++;
      if (previewed < PREVIEW_ROWS) {
        batch.preview.push({ row, values: record(cells) });
        previewed++;
      }
      // The common case, all valid, checks without building anything; a row with a problem goes
      // through the full validator, which names each problem.
      let fields: OrganisationFields | undefined;
      if (checker.check(cell(cells, iUscc), cell(cells, iName), cell(cells, iKind), cell(cells, iDistrict), cell(cells, iIndustry),
        cell(cells, iEstablished), cell(cells, iListing))) {
        fields = checker.value;
      } else {
        const raw = record(cells);
        const input: RawOrganisation = {
          uscc: raw.uscc, name: raw.name, kind: raw.kind, district: raw.district, industryCode: raw.industry_code,
          established: raw.established, listing: raw.listing,
        };
        const result = validateOrganisation(input, today);
        for (const e of result.errors) addError(row, e, raw[columnOfField(e.field) ?? 'uscc']);
        fields = result.value;
      }
      if (fields) {
        const first = firstRows.firstOrAdd(fields.uscc, row);
        if (first !== undefined) {
          addError(row, { code: 'USCC_DUPLICATE_IN_FILE', field: 'uscc', params: { firstRow: first } }, cell(cells, iUscc));
        } else {
          batch.valid.push(toRow(fields, mapping));
          batch.validRows.push(row);
        }
      }
      if (batch.rows >= BATCH) {
        yield batch;
        batch = { rows: 0, valid: [], validRows: [], errors: [], preview: [] };
      }
    }
  }
  if (batch.rows > 0) yield batch;
}
