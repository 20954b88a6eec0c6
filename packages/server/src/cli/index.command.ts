/**
 * `keping index compute --spec SPEC.json --data DATA.csv|.xlsx --out OUT.csv [--uncertainty N --seed S]`:
 * computes the composite index of every unit in DATA (an `id` column, then one column per
 * indicator) as SPEC says, and writes `id,score,rank,score_<group>…` sorted by rank, with
 * `rank_median,rank_p05,rank_p95` from N seeded Monte Carlo replicates when asked.
 * All or nothing: bad input gets translated errors naming the file, row and cell, no output.
 * Exit codes: 0 written, 1 data or spec errors, 2 usage.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type FieldError, type IndexResult, type IndexSpec, type IndicatorMatrix, KepingError, type UncertaintyResult, compileSystem,
  computeIndex, configFromSpec, errorMessage, type IndexSpecNode, leavesOf, parseIndexSpec, systemOfSpec, runUncertainty, specFieldPath, translate, uncertaintyFromSpec,
} from '@keping/core';
import { parseCell } from '../files/numeric-cell.js';
import { readNumericCsvInTwo } from '../files/numeric-csv-parallel.js';
import { LOCAL_FILE_LIMITS } from '../files/limits.js';
import { openTable } from '../files/table-reader.js';
import { type CliIo, reportError } from './io.js';

const MAX_PROBLEMS = 100;
const MAX_BYTES = 2 * 1024 * 1024 * 1024;

interface Problem {
  file: string;
  row?: number;
  cell?: string;
  error: FieldError;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function usage(io: CliIo): number {
  io.err(translate(io.locale, 'index.cli.usage'));
  return 2;
}

function report(io: CliIo, problems: Problem[]): number {
  for (const p of problems.slice(0, MAX_PROBLEMS)) {
    const message = errorMessage(io.locale, p.error);
    if (p.row !== undefined && p.cell !== undefined) io.err(translate(io.locale, 'index.cli.errorAt', { file: p.file, row: p.row, cell: p.cell, message }));
    else if (p.row !== undefined) io.err(translate(io.locale, 'index.cli.errorRow', { file: p.file, row: p.row, message }));
    else io.err(translate(io.locale, 'index.cli.errorIn', { file: p.file, message }));
  }
  if (problems.length > MAX_PROBLEMS) io.err(errorMessage(io.locale, { code: 'TOO_MANY_ERRORS', params: { max: MAX_PROBLEMS } }));
  io.err(translate(io.locale, 'index.cli.rejected', { count: problems.length }));
  return 1;
}

interface LoadedData {
  data: IndicatorMatrix;
  /** Spreadsheet row of each unit, and spreadsheet column of each indicator. */
  rows: Int32Array;
  columns: Map<string, number>;
}

/** Rows per block of a column: columns grow a block at a time, never copied until the end. */
const BLOCK = 1 << 16;

/** Collects units and indicator values into growing columns, with the problems found on the way. */
class MatrixBuilder {
  /** Per indicator: its blocks of BLOCK values, and the one being filled. */
  private readonly blocks: Float64Array[][];
  private current: Float64Array[];
  private at = 0;
  rows = new Int32Array(1024);
  units: string[] = [];
  problems: Problem[] = [];
  n = -1;
  private seen = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly indicators: readonly string[],
  ) {
    this.blocks = indicators.map(() => []);
    this.current = [];
  }

  begin(row: number, id: string): void {
    this.n++;
    this.at = this.n % BLOCK;
    if (this.at === 0) {
      this.current = this.blocks.map((list) => {
        const block = new Float64Array(BLOCK);
        list.push(block);
        return block;
      });
    }
    if (this.n === this.rows.length) {
      const r = new Int32Array(this.rows.length * 2);
      r.set(this.rows);
      this.rows = r;
    }
    const { file, seen, problems } = this;
    if (id === '') problems.push({ file, row, cell: `A${row}`, error: { code: 'INDEX_DATA_ID_EMPTY', field: 'id' } });
    else if (seen.has(id)) problems.push({ file, row, cell: `A${row}`, error: { code: 'INDEX_DATA_DUPLICATE_UNIT', field: 'id', params: { unit: id, firstRow: seen.get(id)! } } });
    else seen.set(id, row);
    this.units.push(id);
    this.rows[this.n] = row;
  }

  value(slot: number, v: number): void {
    this.current[slot]![this.at] = v;
  }

  /** The values, one indicator after another (the engine's column-major matrix). */
  columnMajor(): Float64Array {
    const n = this.n + 1;
    const values = new Float64Array(n * this.blocks.length);
    this.blocks.forEach((list, j) => list.forEach((block, b) => {
      values.set(block.subarray(0, Math.min(BLOCK, n - b * BLOCK)), j * n + b * BLOCK);
    }));
    return values;
  }

  bad(slot: number, column: number, text: string): void {
    if (this.problems.length > MAX_PROBLEMS) return;
    const row = this.rows[this.n]!;
    const indicator = this.indicators[slot]!;
    this.problems.push({ file: this.file, row, cell: `${columnLetter(column)}${row}`, error: { code: 'INDEX_DATA_NOT_NUMBER', field: indicator, params: { value: text, indicator } } });
  }
}

/** Reads the units and the spec's indicator columns straight into one column-major Float64Array. */
async function loadData(
  path: string, file: string, indicators: readonly string[], checkHeaders: (headers: string[]) => Problem[],
): Promise<{ ok: true; loaded: LoadedData } | { ok: false; problems: Problem[] }> {
  let table;
  try {
    table = await openTable(path, { maxBytes: MAX_BYTES, limits: LOCAL_FILE_LIMITS });
  } catch (e) {
    if (e instanceof KepingError) return { ok: false, problems: [{ file, error: e.toFieldError() }] };
    throw e;
  }
  const headers = table.headers;
  const bad = (headers[0] ?? '').toLowerCase() !== 'id'
    ? [{ file, row: 1, cell: 'A1', error: { code: 'INDEX_DATA_ID_COLUMN', field: 'data', params: { header: headers[0] ?? '' } } }]
    : checkHeaders(headers.slice(1));
  const columns = new Map<string, number>();
  headers.forEach((h, c) => { if (c > 0 && !columns.has(h)) columns.set(h, c); });
  const wanted = Int32Array.from(indicators, (id) => columns.get(id) ?? -1);
  const slotOfColumn = new Int32Array(headers.length).fill(-1);
  wanted.forEach((c, j) => { if (c >= 0) slotOfColumn[c] = j; });
  let builder = new MatrixBuilder(file, indicators);
  // CSV: numbers straight from the bytes when the file allows it, else the general reader.
  let done = false;
  if (bad.length === 0 && table.format === 'csv') {
    await table.rows[Symbol.asyncIterator]().return?.(undefined);
    done = await readNumericCsvInTwo(path, slotOfColumn, builder);
    if (!done) {
      builder = new MatrixBuilder(file, indicators);
      table = await openTable(path, { maxBytes: MAX_BYTES, limits: LOCAL_FILE_LIMITS });
    }
  }
  if (bad.length > 0) {
    await table.rows[Symbol.asyncIterator]().return?.(undefined);
    return { ok: false, problems: bad };
  }
  if (!done) {
    const k = indicators.length;
    for await (const { row, cells } of table.rows) {
      builder.begin(row, cells[0] ?? '');
      for (let j = 0; j < k; j++) {
        const c = wanted[j]!;
        const text = c < 0 ? '' : (cells[c] ?? '');
        const v = parseCell(text);
        if (v === undefined) builder.bad(j, c, text);
        else builder.value(j, v);
      }
    }
  }
  const { problems, units, rows } = builder;
  const n = builder.n + 1;
  if (n === 0) problems.push({ file, error: { code: 'FILE_NO_ROWS', field: 'file' } });
  if (problems.length > 0) return { ok: false, problems };
  const values = builder.columnMajor();
  return { ok: true, loaded: { data: { units, indicators, values }, rows: rows.slice(0, n), columns } };
}

/** Places an engine error in the data file when it names a unit and an indicator. */
function locate(error: FieldError, loaded: LoadedData, dataFile: string, specFile: string): Problem {
  const unit = error.params?.unit;
  const indicator = error.params?.indicator;
  if (typeof unit === 'string') {
    const u = loaded.data.units.indexOf(unit);
    const row = u >= 0 ? (loaded.rows[u] as number) : undefined;
    const column = typeof indicator === 'string' ? loaded.columns.get(indicator) : undefined;
    return { file: dataFile, ...(row !== undefined ? { row } : {}), ...(row !== undefined && column !== undefined ? { cell: `${columnLetter(column)}${row}` } : {}), error };
  }
  return { file: error.field === 'data' ? dataFile : specFile, error };
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/**
 * A double as text that reads back to the same double: 17 significant digits (7× faster than
 * String() here, which searches for the shortest), trailing fraction zeros dropped.
 */
export function formatNumber(x: number): string {
  if (x !== x) return '';
  const s = x.toPrecision(17);
  if (s.indexOf('e') >= 0 || s.indexOf('.') < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}
const num = formatNumber;

/** The groups of a tree below its root, at every level, in declaration order. */
function innerNodesOf(root: IndexSpecNode): string[] {
  const walk = (node: IndexSpecNode): string[] => (node.children ? [node.id, ...node.children.flatMap(walk)] : []);
  return (root.children ?? []).flatMap(walk);
}

async function writeResult(path: string, spec: IndexSpec, result: IndexResult, mc: UncertaintyResult | undefined): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((ok, fail) => { out.on('finish', ok); out.on('error', fail); });
  // every group's score, at every level, in the order the spec declares them
  const ids = innerNodesOf(systemOfSpec(spec));
  const groups = ids.map((id) => result.nodes.find((node) => node.id === id)?.scores ?? new Float64Array(0));
  const header = ['id', 'score', 'rank', ...ids.map((id) => `score_${id}`), ...(mc ? ['rank_median', 'rank_p05', 'rank_p95'] : [])];
  let chunk = `${header.map(csvField).join(',')}\n`;
  const order = new Int32Array(result.units.length);
  order.set(result.order);
  let tail = result.order.length;
  for (let u = 0; u < result.ranks.length; u++) if (result.ranks[u] === 0) order[tail++] = u;
  for (const u of order) {
    let line = `${csvField(result.units[u] as string)},${num(result.scores[u] as number)},${result.ranks[u] || ''}`;
    for (const g of groups) line += `,${num(g[u] as number)}`;
    if (mc) line += `,${num(mc.median[u] as number)},${num(mc.p05[u] as number)},${num(mc.p95[u] as number)}`;
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()));
      chunk = '';
    }
  }
  out.end(chunk);
  await done;
}

async function compute(io: CliIo, args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args, allowPositionals: false, strict: true,
      options: { spec: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, uncertainty: { type: 'string' }, seed: { type: 'string' } },
    }));
  } catch {
    return usage(io);
  }
  const { spec: specPath, data: dataPath, out: outPath } = values;
  const replicates = values.uncertainty === undefined ? 0 : Number(values.uncertainty);
  if (!specPath || !dataPath || !outPath || !(Number.isInteger(replicates) && replicates >= 0)) return usage(io);
  if (values.seed !== undefined && values.uncertainty === undefined) return usage(io);
  const specFile = basename(specPath);
  const dataFile = basename(dataPath);
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch {
    return report(io, [{ file: specFile, error: { code: 'FILE_NOT_FOUND', field: 'spec', params: { path: specPath } } }]);
  }
  const parsed = parseIndexSpec(text);
  if (!parsed.ok) return report(io, parsed.errors.map((error) => ({ file: specFile, error })));
  const spec = parsed.spec;
  const config = configFromSpec(spec);
  const tree = systemOfSpec(spec);
  const fieldPath = specFieldPath(spec);
  const indicators = [...new Set(leavesOf(tree).map((i) => i.id))];
  // the spec against the file's columns first: a wrong indicator id is known before any row is read
  const loaded = await loadData(dataPath, dataFile, indicators, (headers) => {
    const checked = compileSystem(config.system, headers, fieldPath);
    return checked.ok ? [] : checked.errors.map((error) => ({ file: specFile, error }));
  });
  if (!loaded.ok) return report(io, loaded.problems);
  const computed = computeIndex(loaded.loaded.data, config, { fieldPath });
  if (!computed.ok) return report(io, computed.errors.map((e) => locate(e, loaded.loaded, dataFile, specFile)));
  const result = computed.result;
  let mc: UncertaintyResult | undefined;
  const seed = values.seed ?? '1';
  if (replicates > 0) {
    const run = runUncertainty(loaded.loaded.data, config, uncertaintyFromSpec(spec, replicates, seed));
    if (!run.ok) return report(io, run.errors.map((e) => locate(e, loaded.loaded, dataFile, specFile)));
    mc = run.result;
  }
  await writeResult(outPath, spec, result, mc);
  const ranked = result.order.length;
  io.out(translate(io.locale, 'index.cli.done', { ranked, units: result.units.length, indicators: indicators.length, groups: innerNodesOf(tree).length, path: outPath }));
  if (result.coverage.excluded.length > 0) io.out(translate(io.locale, 'index.cli.excluded', { count: result.coverage.excluded.length, minCoverage: result.coverage.minCoverage }));
  for (const ind of result.indicators) {
    if (!ind.outliers || ind.outliers.treatment === 'none') continue;
    io.out(translate(io.locale, 'index.cli.treated', {
      indicator: ind.id, treatment: translate(io.locale, `index.treatment.${ind.outliers.treatment}`),
      skew: ind.outliers.skew.toFixed(2), kurt: ind.outliers.kurt.toFixed(2),
    }));
  }
  if (mc) {
    const precision = mc.exact ? translate(io.locale, 'index.cli.exact') : translate(io.locale, 'index.cli.binned', { resolution: mc.resolution });
    io.out(translate(io.locale, 'index.cli.uncertainty', { replicates, seed, precision }));
  }
  return 0;
}

/** `keping index …`: the lead wires this into main.ts as COMMANDS.index = (io, args) => runIndex(args, io). */
export async function runIndex(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'compute') return usage(io);
  try {
    return await compute(io, rest);
  } catch (error) {
    return reportError(io, error);
  }
}
