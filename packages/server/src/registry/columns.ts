/** Reading and writing the organisation spreadsheet's headers; the columns themselves are core's contract. */
import { type Locale, ORGANISATION_COLUMNS as COLUMNS, type OrganisationColumn as ColumnKey } from '@keping/core';

export function columnHeaders(locale: Locale): string[] {
  return COLUMNS.map((c) => (locale === 'en' ? c.key : c.zh));
}

const lookup = new Map<string, ColumnKey>();
for (const c of COLUMNS) {
  lookup.set(c.key, c.key);
  lookup.set(c.zh, c.key);
}

/** The column a header names (Chinese or English, case and spacing ignored), if any. */
export function columnOf(header: string): ColumnKey | undefined {
  return lookup.get(header.trim().replace(/\s+/g, '').toLowerCase()) ?? lookup.get(header.trim());
}

export function columnOfField(field: string | undefined): ColumnKey | undefined {
  return COLUMNS.find((c) => c.field === field)?.key;
}
