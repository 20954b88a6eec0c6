/**
 * A row's cells from the bytes of an inflated chunk of the sheet: the row's end is found as its
 * cells are read, and a row cut at the chunk's end is left for the next chunk.
 */
import { type CellReader, cellValue, fastCell } from './cells.js';
import { XlsxFormatError } from './format-error.js';
import { columnIn, endsName, findTag, isSpace } from './xml-bytes.js';

// The bytes this file's loops compare with, declared here rather than imported from xml-bytes.ts:
// an imported binding is loaded and checked at each use, and the reader measured slower with them.
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const EQUALS = 0x3d;

export const ROW_OPEN = Buffer.from('<row');
export const ROW_CLOSE = Buffer.from('</row>');
export const ROW_OPEN_BYTES = [...ROW_OPEN];
const C_CLOSE_TAIL = [SLASH, 0x63, GT]; // /c>

/**
 * The cells of the row whose inner XML starts at `from`, up to its </row> (whose position goes to
 * r.rowEnd); null when buf ends first (a row cut at the chunk's end). The end is found on the way,
 * as cells are read, not searched for beforehand: a native search per row cost more than the scan.
 */
export function rowCells(buf: Buffer, from: number, r: CellReader): string[] | null {
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
