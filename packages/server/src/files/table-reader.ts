/**
 * Reads a CSV or XLSX file row by row, streamed (never the whole file in memory), as strings.
 * Row numbers are the spreadsheet's (header = 1) so errors point where the user looks.
 * The import limits (limits.ts) hold while reading: too wide a row, too many rows or an XLSX part
 * inflating too far stop the reading with the limit's error, streams closed.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform } from 'node:stream';
import { KepingError } from '@keping/core';
import { parseCsv } from './csv.js';
import { type ImportLimits, importLimits, tooManyColumns, tooManyRows } from './limits.js';
import { trimmed } from './trim.js';
import { readXlsxRowBatches } from './xlsx-reader.js';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface TableRow {
  row: number;
  cells: string[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  headers: string[];
  /** The rows after the header, one by one. Read either `rows` or `batches`, once: they share the stream. */
  rows: AsyncIterable<TableRow>;
  /** The same rows in arrays of a few thousand (as they were read): no await per row on hot paths. */
  batches: AsyncIterable<TableRow[]>;
  /** Stops reading and closes the file, for a reader that does not read to the end (a bad header). */
  close(): Promise<void>;
}

export function formatOf(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new KepingError('FILE_TYPE', { field: 'file' });
}

async function head(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** UTF-8 (with or without BOM) or, failing that, GB18030: what Excel in China saves CSV as. */
async function csvEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const start = await head(path, 64 * 1024);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function decoder(encoding: string): Transform {
  const d = new TextDecoder(encoding, { ignoreBOM: false });
  // Strings out, never re-split buffers: a character cut between two chunks would be garbled.
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, d.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, d.decode());
    },
  });
}

/** The records of each decoded chunk, trimmed, blank ones left out: one hop per chunk, not per row. */
async function* csvBatches(path: string, maxColumns: number): AsyncGenerator<TableRow[]> {
  const encoding = await csvEncoding(path);
  // 64 KB reads (Node's default), not more: the rows of a chunk live until all are written, and
  // with 256 KB chunks so many outlived young-generation collections that GC time doubled.
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  const text = file.pipe(decoder(encoding)) as AsyncIterable<string>;
  try {
    yield* csvRows(text, maxColumns);
  } finally {
    // Destroying the decoder (done by for await) leaves the piped file open: close it too.
    file.destroy();
  }
}

async function* csvRows(text: AsyncIterable<string>, maxColumns: number): AsyncGenerator<TableRow[]> {
  const limit = { maxFields: maxColumns, onFieldLimit: (line: number) => tooManyColumns(maxColumns, line) };
  for await (const records of parseCsv(text, limit)) {
    const out: TableRow[] = [];
    for (const record of records) {
      const cells = record.fields;
      for (let i = 0; i < cells.length; i++) {
        // trimmed() calls trim only for a blank such as U+3000 or U+00A0 at either end: a call per
        // Chinese cell adds up.
        cells[i] = trimmed(cells[i]!);
      }
      if (!blank(cells)) out.push({ row: record.line, cells });
    }
    if (out.length > 0) yield out;
  }
}

async function* xlsxBatches(path: string, limits: ImportLimits): AsyncGenerator<TableRow[]> {
  const magic = await head(path, 4);
  if (magic.toString('latin1') !== 'PK\u0003\u0004') {
    throw new KepingError('FILE_UNREADABLE', { field: 'file', params: { format: 'XLSX' } });
  }
  try {
    for await (const rows of readXlsxRowBatches(path, limits)) {
      const out = rows.filter((r) => !blank(r.cells));
      if (out.length > 0) yield out;
    }
  } catch (error) {
    if (error instanceof KepingError) throw error;
    throw new KepingError('FILE_UNREADABLE', { field: 'file', params: { format: 'XLSX' } });
  }
}

function blank(cells: string[]): boolean {
  return cells.every((c) => c === '');
}

/**
 * Opens a table: checks size and type, reads the header (first non-blank row), streams the rest.
 * `limits` overrides the import limits in force (importLimits: environment, else defaults).
 */
export async function openTable(
  path: string,
  options: { maxBytes?: number | undefined; format?: 'csv' | 'xlsx' | undefined; limits?: Partial<ImportLimits> | undefined } = {},
): Promise<Table> {
  const format = options.format ?? formatOf(path);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const limits = importLimits(options.limits);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new KepingError('FILE_NOT_FOUND', { field: 'file', params: { path } });
  }
  if (size > maxBytes) {
    throw new KepingError('FILE_TOO_LARGE', { field: 'file', params: { limitMb: Math.round(maxBytes / 1048576) }, status: 413 });
  }
  if (size === 0) throw new KepingError('FILE_EMPTY', { field: 'file' });
  const source = format === 'csv' ? csvBatches(path, limits.maxColumns) : xlsxBatches(path, limits);
  const first = await source.next();
  if (first.done) throw new KepingError('FILE_EMPTY', { field: 'file' });
  const [header, ...rest] = first.value;
  const headers = header!.cells;
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const { maxRows } = limits;
  // The rest of the same generator (blank rows already skipped), after what the header's chunk held;
  // the row limit is checked per batch, before the batch is handed on.
  async function* batches(): AsyncGenerator<TableRow[]> {
    try {
      let count = rest.length;
      if (count > maxRows) throw tooManyRows(maxRows);
      if (rest.length > 0) yield rest;
      for await (const batch of source) {
        count += batch.length;
        if (count > maxRows) throw tooManyRows(maxRows);
        yield batch;
      }
    } finally {
      await source.return(undefined);
    }
  }
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const batch of batches()) yield* batch;
  }
  const close = async () => {
    await source.return(undefined);
  };
  return { format, headers, rows: rows(), batches: batches(), close };
}
