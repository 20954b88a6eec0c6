/**
 * Dates in a workbook: which cell styles format numbers as dates, and the yyyy-mm-dd of an Excel
 * serial day, so that a date cell reads as the user sees it rather than as its serial number.
 */
import { decodeXml } from './xml-text.js';

/** Built-in number formats that show dates (ECMA-376 Part 1, 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  // Quoted literals, escapes and [colour]/[locale] brackets are not date parts.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index, whether it formats numbers as dates. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, boolean>();
  const numFmt = /<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"/g;
  for (let m = numFmt.exec(xml); m; m = numFmt.exec(xml)) custom.set(Number(m[1]), isDateFormatCode(decodeXml(m[2]!)));
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  const xf = /<xf\b([^>]*?)\/?>/g;
  for (let m = xf.exec(xfs); m; m = xf.exec(xfs)) {
    const id = Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0);
    out.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

/** yyyy-mm-dd of an Excel serial day (1900 system with its phantom 29 Feb 1900, or 1904). */
export function serialToDate(serial: number, date1904: boolean): string {
  const days = Math.floor(serial + 1e-9);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const adjusted = !date1904 && days < 61 ? days + 1 : days;
  const d = new Date(epoch + adjusted * 86_400_000);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}
