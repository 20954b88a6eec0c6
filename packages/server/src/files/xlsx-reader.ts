/**
 * A streaming reader of the first worksheet of an XLSX file, as rows of cell text.
 *
 * Why our own: ExcelJS's streaming reader builds an object per XML event and per cell and made
 * XLSX imports six times slower than CSV ones. An import needs only cell text: this reader
 * finds the entries in the ZIP's central directory, inflates the sheet as a stream and scans
 * its XML row by row. Shared strings are held in memory (as Excel itself does); the sheet never is.
 *
 * Cell text follows what a user sees for imports: shared, inline and rich strings joined;
 * numbers as written in the file; booleans as TRUE/FALSE; date-formatted numbers as
 * yyyy-mm-dd (the 1900 or 1904 date system of the workbook); formulas by their cached result.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

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

/** An entry's uncompressed bytes, streamed. */
async function* entryBytes(path: string, fh: FileHandle, entry: ZipEntry): AsyncGenerator<Buffer> {
  const local = await readAt(fh, entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new XlsxFormatError('bad local header');
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
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

/** A small entry (workbook, relationships, shared strings, styles) as one string. */
async function entryString(path: string, fh: FileHandle, entry: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryBytes(path, fh, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
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
  for (let m = si.exec(xml); m; m = si.exec(xml)) out.push(m[1] === undefined ? '' : runText(m[1]));
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
      if (name === 0x72) [this.rStart, this.rEnd] = [start, end];
      else if (name === 0x74) [this.tStart, this.tEnd] = [start, end];
      else [this.sStart, this.sEnd] = [start, end];
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

/** The cells of one row whose inner XML spans [from, to) of buf. */
function rowCells(buf: Buffer, from: number, to: number, ctx: SheetContext, a: Attributes): string[] {
  const cells: string[] = [];
  let pos = from;
  for (;;) {
    let open = -1;
    for (let i = pos; i < to; i++) {
      if (buf[i] === LT && buf[i + 1] === 0x63 && endsName(buf[i + 2])) {
        open = i;
        break;
      }
    }
    if (open < 0) break;
    let tagEnd = open + 2;
    while (tagEnd < to && buf[tagEnd] !== GT) tagEnd++;
    if (tagEnd >= to) throw new XlsxFormatError('unterminated cell');
    a.scan(buf, open + 2, tagEnd);
    const col = a.rStart < 0 ? cells.length : columnIn(buf, a.rStart, a.rEnd);
    if (col < 0 || col > 16383) throw new XlsxFormatError('bad cell reference');
    let value = '';
    if (buf[tagEnd - 1] === SLASH) {
      pos = tagEnd + 1;
    } else {
      const close = findTag(buf, tagEnd + 1, to, C_CLOSE_TAIL);
      if (close < 0) throw new XlsxFormatError('unterminated cell');
      value = cellValue(buf, a, tagEnd + 1, close, ctx).trim();
      pos = close + 4;
    }
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
  return cells;
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
    const workbook = await entryString(path, fh, need('xl/workbook.xml'));
    const rels = await entryString(path, fh, need('xl/_rels/workbook.xml.rels'));
    const stringsEntry = entries.get('xl/sharedStrings.xml');
    const stylesEntry = entries.get('xl/styles.xml');
    const ctx: SheetContext = {
      strings: stringsEntry ? sharedStrings(await entryString(path, fh, stringsEntry)) : [],
      dates: stylesEntry ? dateStyles(await entryString(path, fh, stylesEntry)) : [],
      date1904: /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook),
    };
    // The sheet is scanned as bytes: only cell values are ever decoded to strings.
    let lastRow = 0;
    const attrs = new Attributes();
    /** Reads the complete rows of buf into `rows`; returns where the unread rest (a row cut at the end) starts. */
    const scanRows = (buf: Buffer, rows: XlsxRow[]): number => {
      let from = 0;
      for (;;) {
        let open = buf.indexOf(ROW_OPEN, from);
        // <rowBreaks> and the like share the prefix: only <row>, <row …> and <row/> are rows.
        while (open >= 0 && open + 4 < buf.length && !endsName(buf[open + 4])) open = buf.indexOf(ROW_OPEN, open + 4);
        if (open < 0) return Math.max(from, buf.length - ROW_OPEN.length); // keep a tag cut at the chunk's end
        const tagEnd = buf.indexOf(GT, open);
        if (tagEnd < 0) return open;
        const selfClosing = buf[tagEnd - 1] === SLASH;
        const close = selfClosing ? tagEnd : buf.indexOf(ROW_CLOSE, tagEnd);
        if (close < 0) return open;
        attrs.scan(buf, open + 4, tagEnd);
        const row = attrs.rStart < 0 ? lastRow + 1 : integerIn(buf, attrs.rStart, attrs.rEnd);
        if (!Number.isInteger(row) || row <= 0) throw new XlsxFormatError('bad row number');
        lastRow = row;
        from = selfClosing ? tagEnd + 1 : close + ROW_CLOSE.length;
        if (!selfClosing) rows.push({ row, cells: rowCells(buf, tagEnd + 1, close, ctx, attrs) });
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
