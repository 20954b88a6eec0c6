/**
 * npm run bench -- import-limits [--keep]: hostile files through the real organisation import, each
 * in its own process on a fresh SQLite database, with the default limits (KEPING_IMPORT_MAX_* may
 * override them): a CSV whose header has 1,000,000 columns; an XLSX whose sheet inflates to ~700 MB
 * (5,000,000 rows); an XLSX whose central directory declares its sheet 1 MB while it inflates to
 * ~330 MB; a CSV of 2,000,000 valid rows. The peers are the same import of innocuous files of
 * 100,000 rows (CSV and XLSX): the table prints each run's error code, heap and RSS before, at peak
 * and after (garbage collected), and the peak RSS as a ratio to the innocuous file's of its format.
 * Files are generated streaming into a temporary folder (removed afterwards unless --keep).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { usccCheckCharacter } from '@keping/core';
import { rowXml, writeXlsx } from '../packages/server/test/xlsx-writer.js';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const dir = mkdtempSync(join(tmpdir(), 'keping-import-limits-'));

/** A valid organisation code for n (distinct for distinct n below 10^9). */
function uscc(n: number): string {
  const body = `91310000${String(n).padStart(9, '0')}`;
  return body + (usccCheckCharacter(body) ?? '0');
}
const name = (n: number) => `上海示例${n}科技有限公司`;
const DISTRICTS = ['浦东新区', '徐汇区', '嘉定区', '闵行区'];
/** The seven columns of a full row: wider rows, so the part limit trips before the row limit. */
const full = (n: number) => [uscc(n), name(n), '企业', DISTRICTS[n % 4]!, 'C3973', '2015-06-01', '未上市'];
const HEADER_2 = ['统一社会信用代码', '名称'];
const HEADER_7 = ['统一社会信用代码', '名称', '类型', '所在区', '行业代码', '成立日期', '上市情况'];

async function writeText(path: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
}

/** Rows joined in pieces of a thousand: one write per piece, not per row. */
function* pieces(count: number, row: (i: number) => string, head: string): Generator<string> {
  yield head;
  let buf: string[] = [];
  for (let i = 0; i < count; i++) {
    buf.push(row(i));
    if (buf.length === 1000) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length > 0) yield buf.join('');
}

const xlsxRows = (count: number, cells: (n: number) => string[], header: string[]) =>
  pieces(count, (i) => rowXml(i + 2, cells(i)), rowXml(1, header));

interface Case { label: string; path: string; format: 'csv' | 'xlsx'; hostile: boolean; note: string }
const cases: Case[] = [];
const add = (c: Case) => cases.push(c);

const t0 = Date.now();
console.log(`Generating files in ${dir} …`);
const goodCsv = join(dir, 'good-100k.csv');
await writeText(goodCsv, pieces(100_000, (i) => `${uscc(i)},${name(i)}\n`, `${HEADER_2.join(',')}\n`));
add({ label: 'innocuous CSV, 100,000 rows (peer)', path: goodCsv, format: 'csv', hostile: false, note: '' });
const goodXlsx = join(dir, 'good-100k.xlsx');
await writeXlsx(goodXlsx, xlsxRows(100_000, (i) => [uscc(i), name(i)], HEADER_2));
add({ label: 'innocuous XLSX, 100,000 rows (peer)', path: goodXlsx, format: 'xlsx', hostile: false, note: '' });

const columns = join(dir, 'columns-1m.csv');
await writeText(columns, pieces(1_000_000, (i) => (i === 0 ? `c${i}` : `,c${i}`), ''));
add({ label: 'CSV, header of 1,000,000 columns', path: columns, format: 'csv', hostile: true, note: '' });
const bomb = join(dir, 'rows-5m.xlsx');
const { sheetBytes: bombBytes } = await writeXlsx(bomb, xlsxRows(5_000_000, (i) => [uscc(i), name(i)], HEADER_2));
add({ label: 'XLSX, 5,000,000 rows', path: bomb, format: 'xlsx', hostile: true, note: `sheet ${(bombBytes / 1048576).toFixed(0)} MB` });
const lying = join(dir, 'lying.xlsx');
const { sheetBytes: lyingBytes } = await writeXlsx(lying, xlsxRows(1_000_000, full, HEADER_7), { declaredSheetSize: 1048576 });
add({ label: 'XLSX declaring its sheet 1 MB', path: lying, format: 'xlsx', hostile: true, note: `sheet ${(lyingBytes / 1048576).toFixed(0)} MB` });
const rows = join(dir, 'rows-2m.csv');
await writeText(rows, pieces(2_000_000, (i) => `${uscc(i)},${name(i)}\n`, `${HEADER_2.join(',')}\n`));
add({ label: 'CSV, 2,000,000 rows', path: rows, format: 'csv', hostile: true, note: '' });
console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);

interface Run { code: string; rows: number; seconds: number; heapBefore: number; heapPeak: number; heapAfter: number; rssBefore: number; rssPeak: number; rssAfter: number }
function measure(path: string): Run {
  const db = join(dir, `bench-${Date.now()}.sqlite`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/import-limits.worker.lib.ts', path, db], { encoding: 'utf8' });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  if (r.status !== 0) throw new Error(`${path} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Run;
}

console.log(`Import limits benchmark (node ${process.version}); limits: defaults unless KEPING_IMPORT_MAX_* are set`);
console.log('| file | size MB | code | rows read | seconds | heap MB before / peak / after | RSS MB before / peak / after | peak RSS vs innocuous |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|');
const peers = new Map<string, Run>();
const f0 = (n: number) => n.toFixed(0);
try {
  for (const c of cases) {
    const r = measure(c.path);
    if (!c.hostile) peers.set(c.format, r);
    const peer = peers.get(c.format);
    const ratio = c.hostile && peer ? (r.rssPeak / peer.rssPeak).toFixed(2) : '1.00';
    const size = `${(statSync(c.path).size / 1048576).toFixed(1)}${c.note ? ` (${c.note})` : ''}`;
    console.log(`| ${c.label} | ${size} | ${r.code} | ${r.rows ? r.rows.toLocaleString('en') : '—'} | ${r.seconds.toFixed(2)} | ${f0(r.heapBefore)} / ${f0(r.heapPeak)} / ${f0(r.heapAfter)} | ${f0(r.rssBefore)} / ${f0(r.rssPeak)} / ${f0(r.rssAfter)} | ${ratio} |`);
  }
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
console.log('\nGoal: every hostile file refused with its code, peak memory near the innocuous import\'s, memory back near "before" afterwards.');
console.log('Peak heap is sampled every 5 ms (a sample cannot land inside a synchronous stretch); peak RSS is the process\'s maxRSS.');
