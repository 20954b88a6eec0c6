/**
 * A fast path for CSV files of numbers (an id column, then numeric columns), as the index reads:
 * numbers are parsed straight from the bytes, and only ids are ever decoded to strings. On
 * 200,000 × 50 cells this skips 10 million strings (decode, split, trim, parse).
 *
 * It covers UTF-8 files without quotes, the common case. Anything else (a quote anywhere, another
 * encoding) answers `false` before or while reading, and the caller reads the file again through
 * the general reader (table-reader.ts); a sink must therefore be able to start over.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export interface NumericSink {
  /** A data row begins: its spreadsheet line (1-based) and its id (first cell, trimmed). */
  begin(line: number, id: string): void;
  /** Cell of output slot `slot` in the current row: a number, NaN when missing. */
  value(slot: number, v: number): void;
  /** Cell of slot `slot` is not a number: its text (trimmed) and zero-based column. */
  bad(slot: number, column: number, text: string): void;
}

/** Parses a trimmed cell: a number, NaN for missing, undefined when it is not a number. */
export type CellParser = (cell: string) => number | undefined;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const COMMA = 44;
const NL = 10;
const CR = 13;
const QUOTE = 34;

function isBlankByte(b: number): boolean {
  return b === 32 || b === 9 || b === CR;
}

/** Where fastNumber stops: the position after the field, or −1 when the field needs the slow path. */
let fastEnd = -1;

/**
 * Parses the field starting at `start` up to the next comma or `end`, in one pass: plain decimals
 * ([sign] digits [. digits] [e [sign] digits]) of up to 15 significant digits and a power of ten
 * within ±22, by Clinger's exact fast path (the same double as Number()). Sets fastEnd to the
 * comma's position; on anything else sets it to −1 and the caller decodes the cell and parses the
 * string, so every other form (blanks, NA, long digits) behaves exactly as in the general reader.
 */
function fastNumber(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = i < end ? buf[i]! : COMMA;
  const negative = c === 45;
  if (c === 45 || c === 43) c = ++i < end ? buf[i]! : COMMA;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenDigit = false;
  let seenDot = false;
  for (;;) {
    if (c >= 48 && c <= 57) {
      seenDigit = true;
      if (mantissa !== 0 || c !== 48) {
        if (++digits > 15) break;
        mantissa = mantissa * 10 + (c - 48);
      }
      if (seenDot) fraction++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else break;
    c = ++i < end ? buf[i]! : COMMA;
  }
  let exponent = 0;
  if ((c === 101 || c === 69) && seenDigit && digits <= 15) {
    c = ++i < end ? buf[i]! : COMMA;
    const sign = c === 45 ? -1 : 1;
    if (c === 45 || c === 43) c = ++i < end ? buf[i]! : COMMA;
    let expDigits = 0;
    while (c >= 48 && c <= 57 && exponent <= 1000) {
      exponent = exponent * 10 + (c - 48);
      expDigits++;
      c = ++i < end ? buf[i]! : COMMA;
    }
    if (expDigits === 0) c = -1;
    exponent *= sign;
  }
  const power = exponent - fraction;
  if (c !== COMMA || !seenDigit || digits > 15 || power < -22 || power > 22) {
    fastEnd = -1;
    return 0;
  }
  fastEnd = i;
  const v = power < 0 ? mantissa / POW10[-power]! : mantissa * POW10[power]!;
  return negative ? -v : v;
}

/** Whether the file starts as UTF-8 (or plain ASCII): otherwise the general reader decodes it. */
export async function startsAsUtf8(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, bytesRead), { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await fh.close();
  }
}

/**
 * Streams the data rows of `path` (the first non-blank line is the header and is skipped) into
 * `sink`. `slotOfColumn[c]` is the output slot of column c, or −1 to skip it; column 0 is the id.
 * Returns false, possibly after some rows, when the file needs the general reader.
 */
export async function readNumericCsv(path: string, slotOfColumn: Int32Array, parseText: CellParser, sink: NumericSink): Promise<boolean> {
  if (!(await startsAsUtf8(path))) return false;
  return (await readNumericRange(path, { start: 0, headerSeen: false }, slotOfColumn, parseText, sink)).ok;
}

/** Where a read starts: a byte offset at the start of a line (0 for the file), and whether the header lies before it. */
export interface CsvRange {
  start: number;
  /** The byte after the range's last line (the file's end when absent). */
  end?: number;
  headerSeen: boolean;
}

/**
 * Reads the lines of one range; `line` in the answer is how many lines it held, so a range read
 * elsewhere (numeric-csv-parallel.ts) can number its lines after them.
 */
export async function readNumericRange(
  path: string, range: CsvRange, slotOfColumn: Int32Array, parseText: CellParser, sink: NumericSink,
): Promise<{ ok: boolean; lines: number; headerSeen: boolean }> {
  let carry: Buffer | null = null;
  let line = 0; // lines consumed so far
  let { headerSeen } = range;
  let first = range.start === 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, start: range.start, ...(range.end === undefined ? {} : { end: range.end - 1 }) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (chunk.indexOf(QUOTE) >= 0) return { ok: false, lines: line, headerSeen };
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const mayHaveCr = buf.indexOf(CR) >= 0;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NL, start);
      if (nl < 0) break;
      line++;
      if (headerSeen) {
        if (!readLine(buf, start, nl, line, slotOfColumn, parseText, sink, mayHaveCr)) return { ok: false, lines: line, headerSeen };
      } else headerSeen = !blankLine(buf, start, nl);
      start = nl + 1;
    }
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
  }
  if (!carry) return { ok: true, lines: line, headerSeen };
  line++;
  if (!headerSeen) return { ok: true, lines: line, headerSeen: !blankLine(carry, 0, carry.length) };
  return { ok: readLine(carry, 0, carry.length, line, slotOfColumn, parseText, sink, true), lines: line, headerSeen };
}

/** A line of nothing but commas and blanks is skipped, as the general reader skips blank rows. */
function blankLine(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b !== COMMA && !isBlankByte(b)) return false;
  }
  return true;
}

function trimmed(buf: Buffer, start: number, end: number): [number, number] {
  while (start < end && isBlankByte(buf[start]!)) start++;
  while (end > start && isBlankByte(buf[end - 1]!)) end--;
  return [start, end];
}

/** Reads one line into the sink; false when it holds a lone CR (a line break to the general reader). */
function readLine(
  buf: Buffer, start: number, end: number, line: number, slotOfColumn: Int32Array, parseText: CellParser, sink: NumericSink,
  mayHaveCr: boolean,
): boolean {
  if (mayHaveCr) {
    if (buf[end - 1] === CR) end--;
    for (let i = start; i < end; i++) if (buf[i] === CR) return false;
  }
  if (blankLine(buf, start, end)) return true;
  const width = slotOfColumn.length;
  let column = 0;
  let from = start;
  for (;;) {
    const slot = column === 0 || column >= width ? -1 : slotOfColumn[column]!;
    let next: number;
    if (slot >= 0) {
      const v = fastNumber(buf, from, end);
      if (fastEnd >= 0) {
        sink.value(slot, v);
        next = fastEnd;
      } else {
        next = fieldEnd(buf, from, end);
        const [a, b] = trimmed(buf, from, next);
        const text = buf.toString('utf8', a, b).trim();
        const parsed = parseText(text);
        if (parsed === undefined) sink.bad(slot, column, text);
        else sink.value(slot, parsed);
      }
    } else {
      next = fieldEnd(buf, from, end);
      if (column === 0) {
        const [a, b] = trimmed(buf, from, next);
        sink.begin(line, buf.toString('utf8', a, b).trim());
      }
    }
    column++;
    if (next >= end) break;
    from = next + 1;
  }
  // Columns the row is too short to have are missing values.
  for (let c = column; c < width; c++) {
    const slot = slotOfColumn[c]!;
    if (slot >= 0) sink.value(slot, Number.NaN);
  }
  return true;
}

function fieldEnd(buf: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end && buf[i] !== COMMA) i++;
  return i;
}
