/** CSV files for the TOP100 test, made from the demo cycle's candidates as the API returns them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiCandidate {
  uscc: string;
  name: string;
  sources: string[];
  data: Record<string, number | null> | null;
  excluded: boolean;
  rank: number | null;
  score: number | null;
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function writeCsv(path: string, rows: string[][]): string {
  writeFileSync(path, rows.map((r) => r.map(cell).join(',')).join('\n') + '\n', 'utf8');
  return path;
}

/** The candidates that came from one list source, as the office would receive that list. */
export function listFile(dir: string, candidates: ApiCandidate[], source: string): string {
  const rows = candidates.filter((c) => c.sources.includes(source)).map((c) => [c.uscc, c.name]);
  return writeCsv(join(dir, `${source}.csv`), [['uscc', 'name'], ...rows]);
}

/** Every candidate's indicator values (empty cell: no value); `edit` may change the rows before writing. */
export function dataFile(
  dir: string, name: string, candidates: ApiCandidate[], indicators: string[], edit: (rows: string[][]) => string[][] = (r) => r,
): string {
  const rows = candidates.map((c) => [c.uscc, c.name, ...indicators.map((id) => {
    const v = c.data?.[id];
    return typeof v === 'number' ? String(v) : '';
  })]);
  return writeCsv(join(dir, name), [['uscc', 'name', ...indicators], ...edit(rows)]);
}
