/**
 * npm run bench -- import [--rows N]: imports N (default 100,000) synthetic organisations from CSV
 * and from XLSX into a fresh SQLite file, and in the same run inserts the same rows with raw
 * better-sqlite3 (prepared statement, one transaction). Prints rows/s, peak memory and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DISTRICTS, syntheticOrganisations } from '@keping/core';
import ExcelJS from '../packages/server/src/files/exceljs.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const N = Number(values.rows);
const out = join('bench', 'out');
mkdirSync(out, { recursive: true });

const zhDistrict = new Map(DISTRICTS.map((d) => [d.code, d.zh]));
const orgs = syntheticOrganisations({ count: N, seed: 'bench-import', untilYear: 2024 });
const KINDS: Record<string, string> = { enterprise: '企业', university: '高校', institute: '科研院所', hospital: '医院', other: '其他' };
const LISTINGS: Record<string, string> = { main_board: '主板', star_market: '科创板', other: '其他上市', unlisted: '未上市' };
const header = ['统一社会信用代码', '名称', '类型', '所在区', '行业代码', '成立日期', '上市情况'];
const cells = (o: (typeof orgs)[number]) => [
  o.uscc, o.name, KINDS[o.kind ?? 'other'] ?? '', zhDistrict.get(o.district ?? '') ?? '', o.industryCode ?? '', o.established ?? '',
  LISTINGS[o.listing ?? 'unlisted'] ?? '',
];

const csvPath = join(out, `organisations-${N}.csv`);
const csv = createWriteStream(csvPath);
csv.write(`${header.join(',')}\n`);
for (const o of orgs) csv.write(`${cells(o).join(',')}\n`);
await new Promise<void>((ok) => csv.end(ok));

const xlsxPath = join(out, `organisations-${N}.xlsx`);
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: false });
const ws = wb.addWorksheet('机构名录');
ws.addRow(header).commit();
for (const o of orgs) ws.addRow(cells(o)).commit();
ws.commit();
await wb.commit();

interface Run { seconds: number; rows: number; maxRssMb: number }
function measure(mode: 'ours' | 'raw', file: string): Run {
  const db = join(out, `bench-${mode}-${Date.now()}.sqlite`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/import.worker.lib.ts', mode, file, db], { encoding: 'utf8' });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  if (r.status !== 0) throw new Error(`${mode} ${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Run;
}

const mb = (p: string) => (statSync(p).size / 1048576).toFixed(1);
console.log(`Import benchmark: ${N.toLocaleString('en')} organisations into SQLite (node ${process.version})`);
console.log(`  CSV ${mb(csvPath)} MB, XLSX ${mb(xlsxPath)} MB\n`);
const raw = measure('raw', csvPath);
const rows: [string, Run][] = [['raw better-sqlite3 insert (peer)', raw], ['keping import CSV', measure('ours', csvPath)], ['keping import XLSX', measure('ours', xlsxPath)]];
console.log('| run | rows | seconds | rows/s | peak RSS MB | rate vs raw |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, r] of rows) {
  const rate = r.rows / r.seconds;
  console.log(`| ${name} | ${r.rows} | ${r.seconds.toFixed(2)} | ${Math.round(rate).toLocaleString('en')} | ${r.maxRssMb.toFixed(0)} | ${(rate / (raw.rows / raw.seconds)).toFixed(2)} |`);
}
console.log('\nGoal: at least 0.5 of the raw rate; memory bounded (the file is streamed, never held whole).');
