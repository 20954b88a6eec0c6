/**
 * The columns of the organisation spreadsheet (import, template, export), in Chinese and English, and
 * their form fields: the server reads and writes files by them, the web's import preview shows them.
 */
import type { OrganisationFields } from './organisation.js';

export const ORGANISATION_COLUMNS = [
  { key: 'uscc', zh: '统一社会信用代码', field: 'uscc', required: true },
  { key: 'name', zh: '名称', field: 'name', required: true },
  { key: 'kind', zh: '类型', field: 'kind', required: false },
  { key: 'district', zh: '所在区', field: 'district', required: false },
  { key: 'industry_code', zh: '行业代码', field: 'industryCode', required: false },
  { key: 'established', zh: '成立日期', field: 'established', required: false },
  { key: 'listing', zh: '上市情况', field: 'listing', required: false },
] as const satisfies readonly { key: string; zh: string; field: keyof OrganisationFields; required: boolean }[];

export type OrganisationColumn = (typeof ORGANISATION_COLUMNS)[number]['key'];

/** The column keys alone, in order (the preview's headers). */
export const ORGANISATION_COLUMN_KEYS: readonly OrganisationColumn[] = ORGANISATION_COLUMNS.map((c) => c.key);
