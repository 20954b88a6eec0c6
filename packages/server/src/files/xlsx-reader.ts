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
 *
 * This module joins the sheet's chunks into rows; its parts live in xlsx/: the ZIP container
 * (zip.ts), the workbook's small parts (workbook.ts, dates.ts), a row's cells (rows.ts, cells.ts)
 * and the byte scanning and text cache they share (xml-bytes.ts, text-cache.ts, xml-text.ts).
 */
import { open } from 'node:fs/promises';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, tooManyColumns } from './limits.js';
import type { CellReader } from './xlsx/cells.js';
import { XlsxFormatError } from './xlsx/format-error.js';
import { ROW_CLOSE, ROW_OPEN, ROW_OPEN_BYTES, rowCells } from './xlsx/rows.js';
import { TextCache, ValueScan } from './xlsx/text-cache.js';
import { openWorkbook } from './xlsx/workbook.js';
import { Attributes, bytesAt, endsName, GT, integerIn, SLASH } from './xlsx/xml-bytes.js';
import { entryBytes } from './xlsx/zip.js';

export { serialToDate } from './xlsx/dates.js';
export { XlsxFormatError } from './xlsx/format-error.js';
export { decodeXml } from './xlsx/xml-text.js';

export interface XlsxRow {
  /** The spreadsheet's row number (1-based). */
  row: number;
  cells: string[];
}

export type XlsxLimits = Pick<ImportLimits, 'maxColumns' | 'maxXlsxPartBytes'>;

/**
 * Streams the rows of the first worksheet. Throws XlsxFormatError when the file is not a workbook,
 * and the limits' KepingErrors when a part inflates past its limit or a row is too wide.
 */
export async function* readXlsxRows(path: string, limits: XlsxLimits = DEFAULT_IMPORT_LIMITS): AsyncGenerator<XlsxRow> {
  for await (const rows of readXlsxRowBatches(path, limits)) yield* rows;
}

/** The same rows as readXlsxRows, in one array per inflated chunk of the sheet (no await per row). */
export async function* readXlsxRowBatches(path: string, limits: XlsxLimits = DEFAULT_IMPORT_LIMITS): AsyncGenerator<XlsxRow[]> {
  const { maxColumns, maxXlsxPartBytes } = limits;
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const { ctx, sheet } = await openWorkbook(fh, size, maxXlsxPartBytes);
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
          // A row's cells stop at column XFD (16,384): checked once it is read, it costs nothing per cell.
          if (cells.length > maxColumns) throw tooManyColumns(maxColumns, row);
          rows.push({ row, cells });
          from = reader.rowEnd + ROW_CLOSE.length;
        }
        lastRow = row;
      }
    };
    let pending: Buffer | null = null;
    // A row cut at a chunk's end is read again from its start with each new chunk: a row of hundreds
    // of MB would cost time quadratic in its size. No row Excel writes within the column limit is
    // longer than this (32,767 characters a cell, 3 bytes each, and its markup).
    const maxRowBytes = maxColumns * (32_767 * 3 + 1024) + 1048576;
    for await (const chunk of entryBytes(path, fh, sheet, maxXlsxPartBytes)) {
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
      if (pending && pending.length > maxRowBytes) throw new XlsxFormatError('row too long');
      if (rows.length > 0) yield rows;
    }
  } finally {
    await fh.close();
  }
}
