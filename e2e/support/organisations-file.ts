/** Spreadsheets of organisations for the import test, written with exceljs. */
import { randomInt } from 'node:crypto';
import { usccCheckCharacter, USCC_ALPHABET } from '@keping/core';
import ExcelJS from '../../packages/server/src/files/exceljs.js';

export const HEADERS = ['uscc', 'name', 'kind', 'district', 'industry_code', 'established', 'listing'] as const;
export type Header = (typeof HEADERS)[number];
export type Row = Record<Header, string>;

/** A valid code: 91 (enterprise) + Pudong's division code + 9 characters + the check character. */
export function validUscc(serial: number): string {
  const body = `91310115MA1${String(randomInt(0, 100_000)).padStart(5, '0')}${serial % 10}`;
  return body + (usccCheckCharacter(body) ?? '0');
}

/** The same code with a wrong check character. */
export function breakCheckCharacter(uscc: string): { uscc: string; expected: string; actual: string } {
  const expected = uscc[17] ?? '';
  const actual = [...USCC_ALPHABET].find((c) => c !== expected) ?? '0';
  return { uscc: uscc.slice(0, 17) + actual, expected, actual };
}

export function goodRows(tag: string, count: number): Row[] {
  const industries = ['C3973', '3491', 'C2761', '6520', 'C3612', '3562'];
  const districts = ['浦东新区', '嘉定', 'Minhang', '310104', '松江区', '杨浦区'];
  return Array.from({ length: count }, (_, i) => ({
    uscc: validUscc(i),
    name: `上海${tag}创新科技有限公司${i + 1}号`,
    kind: i % 3 === 2 ? 'institute' : '企业',
    district: districts[i % districts.length] ?? '浦东新区',
    industry_code: industries[i % industries.length] ?? 'C3973',
    established: `201${i % 10}-0${(i % 9) + 1}-15`,
    listing: i % 2 ? '科创板' : 'unlisted',
  }));
}

export async function writeWorkbook(path: string, rows: Row[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('organisations');
  sheet.addRow([...HEADERS]);
  for (const r of rows) sheet.addRow(HEADERS.map((h) => r[h]));
  await workbook.xlsx.writeFile(path);
}
