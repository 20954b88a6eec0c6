/** The columns of the organisation spreadsheet, in Chinese and English, and their form fields. */
import type { Locale, OrganisationFields } from '@keping/core';

export const COLUMNS = [
  { key: 'uscc', zh: '统一社会信用代码', field: 'uscc', required: true },
  { key: 'name', zh: '名称', field: 'name', required: true },
  { key: 'kind', zh: '类型', field: 'kind', required: false },
  { key: 'district', zh: '所在区', field: 'district', required: false },
  { key: 'industry_code', zh: '行业代码', field: 'industryCode', required: false },
  { key: 'established', zh: '成立日期', field: 'established', required: false },
  { key: 'listing', zh: '上市情况', field: 'listing', required: false },
] as const satisfies readonly { key: string; zh: string; field: keyof OrganisationFields; required: boolean }[];

export type ColumnKey = (typeof COLUMNS)[number]['key'];

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
