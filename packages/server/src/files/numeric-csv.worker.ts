/**
 * The worker of numeric-csv-parallel.ts: reads the second half of a numeric CSV into flat arrays
 * (ids, line numbers within the range, values row by row, the cells that are not numbers) and posts
 * them back, the typed arrays moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseCell } from './numeric-cell.js';
import { HALF_BLOCK, type HalfRequest, type HalfResult } from './numeric-csv-parallel.js';
import { readNumericRange } from './numeric-csv.js';

async function readHalf({ path, range, slotOfColumn }: HalfRequest): Promise<HalfResult> {
  const width = Math.max(0, ...slotOfColumn) + 1;
  const ids: string[] = [];
  let lines = new Int32Array(4096);
  const blocks: Float64Array<ArrayBuffer>[] = [];
  let block = new Float64Array(0);
  let base = 0;
  const bad: HalfResult['bad'] = [];
  let n = -1;
  const sink = {
    begin(line: number, id: string) {
      n++;
      if (n === lines.length) {
        const l = new Int32Array(lines.length * 2);
        l.set(lines);
        lines = l;
      }
      if (n % HALF_BLOCK === 0) {
        block = new Float64Array(HALF_BLOCK * width).fill(Number.NaN);
        blocks.push(block);
      }
      base = (n % HALF_BLOCK) * width;
      ids.push(id);
      lines[n] = line;
    },
    value(slot: number, v: number) {
      block[base + slot] = v;
    },
    bad(slot: number, column: number, text: string) {
      bad.push({ row: n, slot, column, text });
    },
  };
  const { ok } = await readNumericRange(path, range, slotOfColumn, parseCell, sink);
  return { ok, ids, lines: lines.slice(0, n + 1), blocks, width, bad };
}

const result = await readHalf(workerData as HalfRequest);
parentPort?.postMessage(result, [result.lines.buffer, ...result.blocks.map((b) => b.buffer)]);
