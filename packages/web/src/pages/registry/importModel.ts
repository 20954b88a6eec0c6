/** Where each import problem belongs in the preview table. */
import { ORGANISATION_COLUMN_KEYS, type OrganisationColumn } from '@keping/core';
import type { ImportProblem, ImportReport } from '../../types';

/** The spreadsheet column of an error field: `industryCode` → `industry_code`. */
export function headerOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function isPreviewHeader(h: string): h is OrganisationColumn {
  return (ORGANISATION_COLUMN_KEYS as readonly string[]).includes(h);
}

/** Problems by "row|header", for the cells of the preview; `columnOf` names an error field's column. */
export function problemsByCell(
  report: Pick<ImportReport, 'errors'>, columnOf: (field: string) => string = headerOf,
): Map<string, ImportProblem[]> {
  const out = new Map<string, ImportProblem[]>();
  for (const p of report.errors) {
    const key = `${p.row}|${columnOf(p.field ?? '')}`;
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export const ACCEPTED = ['.csv', '.xlsx'];

export function acceptedFile(file: File): boolean {
  return ACCEPTED.some((ext) => file.name.toLowerCase().endsWith(ext));
}
