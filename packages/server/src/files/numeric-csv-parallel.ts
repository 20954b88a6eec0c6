/**
 * Large numeric CSVs read on two cores: the file is cut at the line break nearest its middle, a worker
 * thread reads the second half while this thread reads the first, and the second half's rows then go
 * to the sink in file order, numbered after the first half's lines. Parsing is most of the time of
 * `keping index compute`; the worker starts from the compiled build in a few tens of milliseconds.
 * Small files, and anything the fast reader cannot take, are read as before (numeric-csv.ts).
 */
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { parseCell } from './numeric-cell.js';
import { type CsvRange, type NumericSink, readNumericCsv, readNumericRange, startsAsUtf8 } from './numeric-csv.js';

/** What the worker (numeric-csv.worker.ts) is asked and answers. */
export interface HalfRequest {
  path: string;
  range: CsvRange;
  slotOfColumn: Int32Array;
}

/** Rows per block: the values grow a block at a time and move to the caller block by block. */
export const HALF_BLOCK = 1 << 15;

export interface HalfResult {
  ok: boolean;
  ids: string[];
  /** Each row's line within the range (1-based). */
  lines: Int32Array<ArrayBuffer>;
  /** Row-major blocks of HALF_BLOCK rows × width values, NaN where missing. */
  blocks: Float64Array<ArrayBuffer>[];
  width: number;
  bad: { row: number; slot: number; column: number; text: string }[];
}

/** Below this a second thread costs more than it saves. */
export const SPLIT_MIN_BYTES = 16 * 1024 * 1024;

/** The worker's script: next to the compiled build's entry, or the TypeScript source through tsx. */
function workerOf(request: HalfRequest): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./ts-worker.mjs', here), { workerData: { ...request, module: new URL('./numeric-csv.worker.ts', here).href } });
  }
  const compiled = new URL(here.includes('/chunks/') ? '../numeric-csv.worker.js' : './numeric-csv.worker.js', here);
  if (!existsSync(compiled)) throw new Error(`no ${compiled.pathname}`);
  return new Worker(compiled, { workerData: request });
}

/** The offset just after the first line break at or after `from` (the file's size when there is none). */
async function lineStartAfter(path: string, from: number, size: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let at = from; at < size; at += buf.length) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, at);
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl >= 0) return at + nl + 1;
    }
    return size;
  } finally {
    await fh.close();
  }
}

function readInWorker(request: HalfRequest): Promise<HalfResult> {
  return new Promise((resolve, reject) => {
    const worker = workerOf(request);
    worker.once('message', (m: HalfResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`numeric CSV worker exited (${code})`)));
  });
}

/** As readNumericCsv, on two threads when the file is large: same rows, same numbers, same line numbers. */
export async function readNumericCsvInTwo(path: string, slotOfColumn: Int32Array, sink: NumericSink, minBytes = SPLIT_MIN_BYTES): Promise<boolean> {
  const { size } = await stat(path);
  if (size < minBytes || !(await startsAsUtf8(path))) return readNumericCsv(path, slotOfColumn, parseCell, sink);
  const split = await lineStartAfter(path, Math.floor(size / 2), size);
  const second = readInWorker({ path, range: { start: split, headerSeen: true }, slotOfColumn });
  second.catch(() => undefined); // awaited below; a failure before then must not go unhandled
  const first = await readNumericRange(path, { start: 0, end: split, headerSeen: false }, slotOfColumn, parseCell, sink);
  // A header after the middle (a file of blank lines first) would have been read as data there.
  if (!first.ok || !first.headerSeen) return false;
  const half = await second;
  if (!half.ok) return false;
  // Replayed as the sequential reader calls the sink: per row, the wanted columns in file order.
  const wanted = [...slotOfColumn].flatMap((slot, column) => (column > 0 && slot >= 0 ? [{ slot, column }] : []));
  const { ids, lines, blocks, width, bad } = half;
  let b = 0;
  for (let r = 0; r < ids.length; r++) {
    sink.begin(first.lines + lines[r]!, ids[r]!);
    const block = blocks[Math.floor(r / HALF_BLOCK)]!;
    const base = (r % HALF_BLOCK) * width;
    let end = b;
    while (end < bad.length && bad[end]!.row === r) end++;
    const rowBad = end > b ? bad.slice(b, end) : undefined;
    for (const { slot, column } of wanted) {
      const cell = rowBad?.find((x) => x.column === column);
      if (cell) sink.bad(slot, column, cell.text);
      else sink.value(slot, block[base + slot]!);
    }
    b = end;
  }
  return true;
}
