/**
 * A streaming reader of the first worksheet of an XLSX file, as rows of cell text.
 *
 * Why our own: ExcelJS's streaming reader builds an object per XML event and per cell and made
 * XLSX imports six times slower than CSV ones. An import needs only cell text: this reader
 * finds the entries in the ZIP's central directory, inflates the sheet as a stream and scans
 * its XML row by row. Shared strings are held in memory (as Excel itself does); the sheet never is.
 * Short cell texts that repeat (districts, kinds, dates) are decoded once and found again by their bytes.
 *
 * Cell text follows what a user sees for imports: shared, inline and rich strings joined;
 * numbers as written in the file; booleans as TRUE/FALSE; date-formatted numbers as
 * yyyy-mm-dd (the 1900 or 1904 date system of the workbook); formulas by their cached result.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createInflateRaw, inflateRaw } from 'node:zlib';
import { trimmed } from './trim.js';

export class XlsxFormatError extends Error {}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The central directory: names, methods, sizes and offsets of every entry. */
async function zipEntries(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxFormatError('no end of central directory');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || dirOffset + dirSize > size) throw new XlsxFormatError('bad central directory');
  const dir = await readAt(fh, dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new XlsxFormatError('bad central entry');
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const name = dir.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      localHeaderOffset: dir.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra field lengths may differ from the central one's. */
async function dataStart(fh: FileHandle, entry: ZipEntry): Promise<number> {
  const local = await readAt(fh, entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new XlsxFormatError('bad local header');
  return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

const inflateWhole = promisify(inflateRaw);

/** An entry's uncompressed bytes, streamed. */
async function* entryBytes(path: string, fh: FileHandle, entry: ZipEntry): AsyncGenerator<Buffer> {
  const start = await dataStart(fh, entry);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  let source: AsyncIterable<Buffer>;
  if (entry.method === 8) source = raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  else if (entry.method === 0) source = raw;
  else throw new XlsxFormatError(`compression method ${entry.method}`);
  try {
    for await (const chunk of source) yield chunk;
  } catch (error) {
    raw.destroy();
    throw new XlsxFormatError(`inflate: ${(error as Error).message}`);
  }
}

/**
 * A small entry (workbook, relationships, shared strings, styles) as one string, read and inflated
 * whole: a stream for each cost more (tens of milliseconds before the first row) than the entry.
 */
async function entryString(fh: FileHandle, entry: ZipEntry): Promise<string> {
  const start = await dataStart(fh, entry);
  if (entry.compressedSize === 0) return '';
  const raw = await readAt(fh, start, entry.compressedSize);
  if (entry.method === 0) return raw.toString('utf8');
  if (entry.method !== 8) throw new XlsxFormatError(`compression method ${entry.method}`);
  try {
    return (await inflateWhole(raw)).toString('utf8');
  } catch (error) {
    throw new XlsxFormatError(`inflate: ${(error as Error).message}`);
  }
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

const TEXT_RUN = /<t(?:\s[^>]*)?>([^<]*)<\/t>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;

/** The text of an <si> or <is> body: its <t> runs joined, phonetic guides (<rPh>) left out. */
function runText(body: string): string {
  const plain = body.includes('<rPh') ? body.replace(PHONETIC, '') : body;
  let out = '';
  TEXT_RUN.lastIndex = 0;
  for (let m = TEXT_RUN.exec(plain); m; m = TEXT_RUN.exec(plain)) out += m[1];
  return decodeXml(out);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  // Trimmed once here, as every cell's text is, rather than at each cell that uses them.
  for (let m = si.exec(xml); m; m = si.exec(xml)) out.push(m[1] === undefined ? '' : runText(m[1]).trim());
  return out;
}

/** Built-in number formats that show dates (ECMA-376 Part 1, 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  // Quoted literals, escapes and [colour]/[locale] brackets are not date parts.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index, whether it formats numbers as dates. */
function dateStyles(xml: string): boolean[] {
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

function attribute(attrs: string, name: string): string | undefined {
  const at = attrs.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const from = at + name.length + 3;
  return attrs.slice(from, attrs.indexOf('"', from));
}

interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const EQUALS = 0x3d;
const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');
const ROW_OPEN_BYTES = [...ROW_OPEN];

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Whether the byte after an element name ends the name: whitespace, '>' or '/'. */
function endsName(b: number | undefined): boolean {
  return isSpace(b) || b === GT || b === SLASH;
}

function integerIn(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return end > start ? n : NaN;
}

/**
 * The start tag's attributes that matter, found in one pass over [from, to): the value ranges
 * of r, t and s (−1 when absent). Plain loops: a native indexOf per attribute cost more than this.
 */
class Attributes {
  rStart = -1;
  rEnd = -1;
  tStart = -1;
  tEnd = -1;
  sStart = -1;
  sEnd = -1;

  scan(buf: Buffer, from: number, to: number): void {
    this.rStart = this.tStart = this.sStart = -1;
    for (let i = from; i < to; i++) {
      if (!isSpace(buf[i]) || buf[i + 2] !== EQUALS || buf[i + 3] !== QUOTE) continue;
      const name = buf[i + 1];
      if (name !== 0x72 && name !== 0x74 && name !== 0x73) continue; // r, t, s
      const start = i + 4;
      let end = start;
      while (end < to && buf[end] !== QUOTE) end++;
      // Plain stores: a destructuring assignment here ran through the iterator protocol until optimised.
      if (name === 0x72) {
        this.rStart = start;
        this.rEnd = end;
      } else if (name === 0x74) {
        this.tStart = start;
        this.tEnd = end;
      } else {
        this.sStart = start;
        this.sEnd = end;
      }
      i = end;
    }
  }
}

/** Zero-based column of the reference in [start, end), such as "AB12". */
function columnIn(buf: Buffer, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

/** Position of the first `<` in [from, to) followed by the bytes of `tail`, or −1. */
function findTag(buf: Buffer, from: number, to: number, tail: readonly number[]): number {
  outer: for (let i = from; i < to; i++) {
    if (buf[i] !== LT) continue;
    for (let k = 0; k < tail.length; k++) if (buf[i + 1 + k] !== tail[k]) continue outer;
    return i;
  }
  return -1;
}

const V_TAIL = [0x76, GT]; // v>
const V_CLOSE_TAIL = [SLASH, 0x76, GT]; // /v>
const C_CLOSE_TAIL = [SLASH, 0x63, GT]; // /c>

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

function cellValue(buf: Buffer, a: Attributes, from: number, to: number, ctx: SheetContext): string {
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

export interface XlsxRow {
  /** The spreadsheet's row number (1-based). */
  row: number;
  cells: string[];
}

/** A cell's text as shown: XML entities decoded, trimmed (a call to trim only when an end needs it). */
function cellText(buf: Buffer, start: number, end: number): string {
  const text = decodeXml(buf.toString('utf8', start, end));
  return trimmed(text);
}

const CACHE_SLOTS = 1 << 15;
const CACHE_MAX_BYTES = 16;

/**
 * The text of short cells seen before, found by their bytes: districts, kinds, codes and dates
 * repeat from row to row, and a Buffer.toString per cell was most of the reader's time. A slot
 * holds one byte sequence and its text (cellText of those bytes); a hit compares every byte, so
 * two sequences sharing a slot only take turns in it.
 */
class TextCache {
  private readonly keys = new Uint8Array(CACHE_SLOTS * CACHE_MAX_BYTES);
  private readonly lengths = new Uint8Array(CACHE_SLOTS); // 0: empty
  private readonly texts: string[] = new Array<string>(CACHE_SLOTS).fill('');

  /** cellText(buf, start, end), for 1 to CACHE_MAX_BYTES bytes whose hash (ValueScan's) is given. */
  text(buf: Buffer, start: number, end: number, hash: number): string {
    const length = end - start;
    const slot = (hash ^ (hash >>> 15)) & (CACHE_SLOTS - 1);
    const at = slot * CACHE_MAX_BYTES;
    const keys = this.keys;
    if (this.lengths[slot] === length) {
      let k = 0;
      while (k < length && keys[at + k] === buf[start + k]) k++;
      if (k === length) return this.texts[slot]!;
    }
    const text = cellText(buf, start, end);
    for (let k = 0; k < length; k++) keys[at + k] = buf[start + k]!;
    this.lengths[slot] = length;
    this.texts[slot] = text;
    return text;
  }
}

/**
 * A value's text from the bytes between its start tag's '>' and the next '<': the end is found,
 * hashed and checked for non-ASCII bytes and '&' in one pass, kept in these fields.
 */
class ValueScan {
  end = -1;
  hash = 0;
  /** Bytes OR-ed together: ≥ 0x80 when some byte is not ASCII. */
  bits = 0;
  amp = false;

  /** Scans from `from` to the first '<' before `to`; false when there is none. */
  scan(buf: Buffer, from: number, to: number): boolean {
    let hash = 0;
    let bits = 0;
    let amp = false;
    let i = from;
    for (; i < to; i++) {
      const b = buf[i]!;
      if (b === LT) break;
      if (b === 0x26) amp = true;
      bits |= b;
      if (i - from < CACHE_MAX_BYTES) hash = Math.imul(hash, 31) + b | 0; // longer values are not cached
    }
    if (i >= to) return false;
    this.end = i;
    this.hash = hash;
    this.bits = bits;
    this.amp = amp;
    return true;
  }
}

/** Whether buf holds the bytes of `tail` at `at`. */
function bytesAt(buf: Buffer, at: number, tail: readonly number[]): boolean {
  if (at + tail.length > buf.length) return false;
  for (let k = 0; k < tail.length; k++) if (buf[at + k] !== tail[k]) return false;
  return true;
}

const IS_T_OPEN = [...IS_T, GT]; // <is><t>
const T_IS_C_CLOSE = [...T_IS_CLOSE, LT, SLASH, 0x63, GT]; // </t></is></c>

interface CellReader {
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
function fastCell(buf: Buffer, tagEnd: number, to: number, r: CellReader): string | undefined {
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

/**
 * The cells of the row whose inner XML starts at `from`, up to its </row> (whose position goes to
 * r.rowEnd); null when buf ends first (a row cut at the chunk's end). The end is found on the way,
 * as cells are read, not searched for beforehand: a native search per row cost more than the scan.
 */
function rowCells(buf: Buffer, from: number, r: CellReader): string[] | null {
  const cells: string[] = [];
  const a = r.attrs;
  const length = buf.length;
  /** Where this row's </row> is (−1: beyond buf), searched only when a cell is not of the usual shape. */
  let to = -2;
  let pos = from;
  for (;;) {
    let open = -1;
    for (let i = pos; i < length; i++) {
      if (buf[i] !== LT) continue;
      // Never a read past the end (each one deoptimised the hot code once more): a '<' this close
      // to it starts a tag cut at the chunk's end.
      if (i + 5 >= length) return null;
      const b = buf[i + 1];
      if (b === 0x63 && endsName(buf[i + 2])) {
        open = i;
        break;
      }
      if (b === SLASH && buf[i + 2] === 0x72 && buf[i + 3] === 0x6f && buf[i + 4] === 0x77 && buf[i + 5] === GT) {
        r.rowEnd = i;
        return cells;
      }
    }
    if (open < 0) return null;
    // The start tag's end and its r, t and s values in one pass, by the rules of Attributes.scan.
    a.rStart = a.tStart = a.sStart = -1;
    let tagEnd = open + 2;
    for (;;) {
      if (tagEnd >= length) return null;
      const b = buf[tagEnd];
      if (b === GT || b === LT) break;
      if (b === QUOTE && buf[tagEnd - 1] === EQUALS && isSpace(buf[tagEnd - 3])) {
        const name = buf[tagEnd - 2];
        const start = tagEnd + 1;
        let end = start;
        while (end < length) {
          const e = buf[end];
          if (e === QUOTE || e === GT || e === LT) break;
          end++;
        }
        if (end >= length) return null;
        if (name === 0x72) {
          a.rStart = start;
          a.rEnd = end;
        } else if (name === 0x74) {
          a.tStart = start;
          a.tEnd = end;
        } else if (name === 0x73) {
          a.sStart = start;
          a.sEnd = end;
        }
        tagEnd = buf[end] === QUOTE ? end + 1 : end;
        continue;
      }
      tagEnd++;
    }
    if (buf[tagEnd] === LT) {
      // Not a well-formed start tag: read up to the row's end as ever.
      if (to === -2 && (to = buf.indexOf(ROW_CLOSE, open)) < 0) return null;
      while (tagEnd < to && buf[tagEnd] !== GT) tagEnd++;
      if (tagEnd >= to) throw new XlsxFormatError('unterminated cell');
      a.scan(buf, open + 2, tagEnd);
    }
    const col = a.rStart < 0 ? cells.length : columnIn(buf, a.rStart, a.rEnd);
    if (col < 0 || col > 16383) throw new XlsxFormatError('bad cell reference');
    let value = '';
    if (buf[tagEnd - 1] === SLASH) {
      pos = tagEnd + 1;
    } else {
      const fast = fastCell(buf, tagEnd, length, r);
      if (fast !== undefined) {
        value = fast;
        pos = r.next;
      } else {
        if (to === -2 && (to = buf.indexOf(ROW_CLOSE, open)) < 0) return null;
        const close = findTag(buf, tagEnd + 1, to, C_CLOSE_TAIL);
        if (close < 0) throw new XlsxFormatError('unterminated cell');
        value = cellValue(buf, a, tagEnd + 1, close, r.ctx).trim();
        pos = close + 4;
      }
    }
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
}

/** Where the first worksheet lives, from the workbook and its relationships. */
function firstSheetPath(workbook: string, rels: string): string {
  const sheet = /<sheet\b[^>]*?\br:id="([^"]+)"/.exec(workbook) ?? /<sheet\b[^>]*?\bid="([^"]+)"/.exec(workbook);
  if (!sheet) throw new XlsxFormatError('no sheet');
  const rel = new RegExp(`<Relationship\\b[^>]*?Id="${sheet[1]!.replace(/[^\w-]/g, '')}"[^>]*>`).exec(rels)?.[0];
  const target = rel ? attribute(` ${rel.slice(1)}`, 'Target') : undefined;
  if (!target) throw new XlsxFormatError('no sheet relationship');
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Streams the rows of the first worksheet. Throws XlsxFormatError when the file is not a workbook. */
export async function* readXlsxRows(path: string): AsyncGenerator<XlsxRow> {
  for await (const rows of readXlsxRowBatches(path)) yield* rows;
}

/** The same rows as readXlsxRows, in one array per inflated chunk of the sheet (no await per row). */
export async function* readXlsxRowBatches(path: string): AsyncGenerator<XlsxRow[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const entries = await zipEntries(fh, size);
    const need = (name: string) => {
      const e = entries.get(name);
      if (!e) throw new XlsxFormatError(`missing ${name}`);
      return e;
    };
    const workbook = await entryString(fh, need('xl/workbook.xml'));
    const rels = await entryString(fh, need('xl/_rels/workbook.xml.rels'));
    const stringsEntry = entries.get('xl/sharedStrings.xml');
    const stylesEntry = entries.get('xl/styles.xml');
    const ctx: SheetContext = {
      strings: stringsEntry ? sharedStrings(await entryString(fh, stringsEntry)) : [],
      dates: stylesEntry ? dateStyles(await entryString(fh, stylesEntry)) : [],
      date1904: /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook),
    };
    // The sheet is scanned as bytes: only cell values are ever decoded to strings.
    let lastRow = 0;
    const attrs = new Attributes();
    const reader: CellReader = { ctx, attrs, value: new ValueScan(), cache: new TextCache(), rowEnd: 0, next: 0 };
    /** Reads the complete rows of buf into `rows`; returns where the unread rest (a row cut at the end) starts. */
    const scanRows = (buf: Buffer, rows: XlsxRow[]): number => {
      let from = 0;
      for (;;) {
        // Rows mostly follow one another: a look at `from` spares a search.
        let open = from + 4 < buf.length && bytesAt(buf, from, ROW_OPEN_BYTES) && endsName(buf[from + 4]) ? from : buf.indexOf(ROW_OPEN, from);
        // <rowBreaks> and the like share the prefix: only <row>, <row …> and <row/> are rows.
        while (open >= 0 && open + 4 < buf.length && !endsName(buf[open + 4])) open = buf.indexOf(ROW_OPEN, open + 4);
        if (open < 0) return Math.max(from, buf.length - ROW_OPEN.length); // keep a tag cut at the chunk's end
        let tagEnd = open + 4;
        while (tagEnd < buf.length && buf[tagEnd] !== GT) tagEnd++;
        if (tagEnd >= buf.length) return open;
        const selfClosing = buf[tagEnd - 1] === SLASH;
        attrs.scan(buf, open + 4, tagEnd);
        const row = attrs.rStart < 0 ? lastRow + 1 : integerIn(buf, attrs.rStart, attrs.rEnd);
        if (!Number.isInteger(row) || row <= 0) throw new XlsxFormatError('bad row number');
        if (selfClosing) {
          from = tagEnd + 1;
        } else {
          const cells = rowCells(buf, tagEnd + 1, reader);
          if (cells === null) return open;
          rows.push({ row, cells });
          from = reader.rowEnd + ROW_CLOSE.length;
        }
        lastRow = row;
      }
    };
    let pending: Buffer | null = null;
    for await (const chunk of entryBytes(path, fh, need(firstSheetPath(workbook, rels)))) {
      const rows: XlsxRow[] = [];
      let buf: Buffer = chunk;
      if (pending) {
        // The row cut at the last chunk's end is joined up with this chunk's head, up to its first
        // </row>, and only that is copied: copying each whole chunk onto the tail cost more than reading it.
        const cut = chunk.indexOf(ROW_CLOSE);
        const headEnd = cut < 0 ? chunk.length : cut + ROW_CLOSE.length;
        const head = Buffer.concat([pending, chunk.subarray(0, headEnd)]);
        const used = scanRows(head, rows);
        buf = used < head.length ? Buffer.concat([head.subarray(used), chunk.subarray(headEnd)]) : chunk.subarray(headEnd);
      }
      const from = scanRows(buf, rows);
      pending = from < buf.length ? buf.subarray(from) : null;
      if (rows.length > 0) yield rows;
    }
  } finally {
    await fh.close();
  }
}
