/** Export of the registry and the import template as XLSX, streamed, safe against formula injection. */
import type { Writable } from 'node:stream';
import { DISTRICTS, type Locale, translate } from '@keping/core';
import ExcelJS from '../files/exceljs.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { columnHeaders } from './columns.js';
import { eachOrganisation, type OrganisationFilter } from './organisation.repository.js';

/**
 * A cell that starts with = + - @ (or a tab / carriage return) would run as a formula when the
 * sheet is opened or re-saved as CSV (OWASP "CSV injection"); a leading ' makes it text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function districtName(code: string | null, locale: Locale): string {
  const d = DISTRICTS.find((x) => x.code === code);
  return d ? (locale === 'en' ? d.en : d.zh) : '';
}

export async function exportOrganisations(
  db: Kysely<Database>, filter: OrganisationFilter, locale: Locale, out: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(translate(locale, 'export.sheet'));
  sheet.columns = columnHeaders(locale).map((header, i) => ({ header, width: [22, 36, 12, 12, 10, 12, 12][i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const o of eachOrganisation(db, filter)) {
    sheet.addRow([
      o.uscc, o.name, o.kind ? translate(locale, `kind.${o.kind}`) : '', districtName(o.district, locale), o.industryCode ?? '',
      o.established ?? '', o.listing ? translate(locale, `listing.${o.listing}`) : '',
    ].map(neutralise)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** An empty sheet with the headers and one example row, for people to fill in. */
export async function importTemplate(locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'export.sheet'));
  sheet.columns = columnHeaders(locale).map((header) => ({ header, width: 20 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
