/**
 * One cell's text from its bytes: the shapes writers produce (<v>…</v></c>, <is><t>…</t></is></c>)
 * read straight from the bytes (fastCell), any other shape through the general reading of its
 * value (cellValue): shared, inline and rich strings, booleans, numbers and dates.
 */
import { serialToDate } from './dates.js';
import { cellText, CACHE_MAX_BYTES, type TextCache, type ValueScan } from './text-cache.js';
import type { SheetContext } from './workbook.js';
import { type Attributes, bytesAt, findTag, integerIn, isSpace } from './xml-bytes.js';
import { decodeXml, runText } from './xml-text.js';

// The bytes this file's loops compare with, declared here rather than imported from xml-bytes.ts:
// an imported binding is loaded and checked at each use, and the reader measured slower with them.
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

const V_TAIL = [0x76, GT]; // v>
const V_CLOSE_TAIL = [SLASH, 0x76, GT]; // /v>

const IS_T = Buffer.from('<is><t');
const T_IS_CLOSE = Buffer.from('</t></is>');
const INLINE_STR = Buffer.from('inlineStr');

/**
 * The text of an inline string cell's body in [from, to). The plain shape writers produce,
 * <is><t>text</t></is> (the <t> maybe with attributes), is decoded straight from the bytes; any
 * other (rich runs, phonetic guides) goes through runText.
 */
function inlineText(buf: Buffer, from: number, to: number): string {
  const close = to - T_IS_CLOSE.length;
  if (close > from && buf.compare(IS_T, 0, IS_T.length, from, from + IS_T.length) === 0
    && buf.compare(T_IS_CLOSE, 0, T_IS_CLOSE.length, close, to) === 0) {
    const tagEnd = buf.indexOf(GT, from + IS_T.length);
    const next = buf[from + IS_T.length];
    if (tagEnd >= 0 && tagEnd < close && (next === GT || isSpace(next))) {
      const lt = buf.indexOf(LT, tagEnd);
      if (lt === close) return decodeXml(buf.toString('utf8', tagEnd + 1, close));
    }
  }
  return runText(buf.toString('utf8', from, to));
}

/** The t attribute in [start, end) (start −1: absent, a number); the common ones without a string per cell. */
function cellType(buf: Buffer, start: number, end: number): string {
  if (start < 0) return 'n';
  if (end - start === 1) {
    switch (buf[start]) {
      case 0x73: return 's';
      case 0x62: return 'b';
      case 0x65: return 'e';
      case 0x64: return 'd';
      case 0x6e: return 'n';
    }
  } else if (end - start === 3 && buf[start] === 0x73 && buf[start + 1] === 0x74 && buf[start + 2] === 0x72) {
    return 'str';
  }
  return buf.toString('latin1', start, end);
}

export function cellValue(buf: Buffer, a: Attributes, from: number, to: number, ctx: SheetContext): string {
  const t0 = a.tStart;
  if (t0 >= 0 && a.tEnd - t0 === INLINE_STR.length && buf.compare(INLINE_STR, 0, INLINE_STR.length, t0, a.tEnd) === 0) {
    return inlineText(buf, from, to);
  }
  const type = cellType(buf, t0, a.tEnd);
  const v0 = findTag(buf, from, to, V_TAIL);
  if (v0 < 0) return '';
  const start = v0 + 3;
  const end = findTag(buf, start, to, V_CLOSE_TAIL);
  if (end < 0) return '';
  switch (type) {
    case 's':
      return ctx.strings[integerIn(buf, start, end)] ?? '';
    case 'b':
      return buf[start] === 0x31 ? 'TRUE' : 'FALSE';
    case 'str':
    case 'e':
    case 'd':
      return decodeXml(buf.toString('utf8', start, end));
    default: {
      const v = buf.toString('latin1', start, end);
      const style = a.sStart < 0 ? -1 : integerIn(buf, a.sStart, a.sEnd);
      if (style >= 0 && ctx.dates[style]) {
        const serial = Number(v);
        if (Number.isFinite(serial)) return serialToDate(serial, ctx.date1904);
      }
      return v;
    }
  }
}

const IS_T_OPEN = [...IS_T, GT]; // <is><t>
const T_IS_C_CLOSE = [...T_IS_CLOSE, LT, SLASH, 0x63, GT]; // </t></is></c>

export interface CellReader {
  ctx: SheetContext;
  attrs: Attributes;
  value: ValueScan;
  cache: TextCache;
  /** Where the last row read by rowCells ends: the position of its </row>. */
  rowEnd: number;
  /** Where the cell last read by fastCell ends: just after its </c>. */
  next: number;
}

/** A text value (str, e, d, plain inline) in [start, value.end), through the cache when short. */
function textValue(buf: Buffer, start: number, r: CellReader): string {
  const { end, hash } = r.value;
  if (end === start) return '';
  return end - start <= CACHE_MAX_BYTES ? r.cache.text(buf, start, end, hash) : cellText(buf, start, end);
}

/**
 * The value of the cell whose start tag ends at tagEnd, when it has the shape writers produce:
 * <v>…</v></c> or, for inline strings, <is><t>…</t></is></c>. Sets r.next past the </c>; returns
 * undefined for any other shape (and for date-formatted numbers), left to cellValue.
 */
export function fastCell(buf: Buffer, tagEnd: number, to: number, r: CellReader): string | undefined {
  const a = r.attrs;
  const t0 = a.tStart;
  const body = tagEnd + 1;
  const v = r.value;
  if (t0 >= 0 && a.tEnd - t0 === INLINE_STR.length && buf.compare(INLINE_STR, 0, INLINE_STR.length, t0, a.tEnd) === 0) {
    if (!bytesAt(buf, body, IS_T_OPEN)) return undefined;
    const start = body + IS_T_OPEN.length;
    if (!v.scan(buf, start, to) || !bytesAt(buf, v.end, T_IS_C_CLOSE)) return undefined;
    r.next = v.end + T_IS_C_CLOSE.length;
    return textValue(buf, start, r);
  }
  if (body + 3 > to || buf[body] !== LT || buf[body + 1] !== 0x76 || buf[body + 2] !== GT) return undefined; // <v>
  const start = body + 3;
  if (!v.scan(buf, start, to)) return undefined;
  const e = v.end;
  if (e + 8 > to || buf[e + 1] !== SLASH || buf[e + 2] !== 0x76 || buf[e + 3] !== GT || buf[e + 4] !== LT || buf[e + 5] !== SLASH
    || buf[e + 6] !== 0x63 || buf[e + 7] !== GT) return undefined; // </v></c> (buf[e] is '<')
  r.next = e + 8;
  const type = cellType(buf, t0, a.tEnd);
  switch (type) {
    case 's':
      return r.ctx.strings[integerIn(buf, start, v.end)] ?? '';
    case 'b':
      return buf[start] === 0x31 ? 'TRUE' : 'FALSE';
    case 'str':
    case 'e':
    case 'd':
      return textValue(buf, start, r);
    default: {
      const style = a.sStart < 0 ? -1 : integerIn(buf, a.sStart, a.sEnd);
      if (style >= 0 && r.ctx.dates[style]) return undefined;
      // As text when that reads the same: ASCII, no entity (numbers are not entity-decoded).
      if (v.bits < 0x80 && !v.amp) return textValue(buf, start, r);
      return undefined;
    }
  }
}
