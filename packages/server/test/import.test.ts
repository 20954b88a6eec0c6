/** `keping import organisations`: formats, headers, every kind of bad input, all or nothing; export back. */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticOrganisations } from '@keping/core';
import ExcelJS from '../src/files/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';
import type { Store } from '../src/db/database.js';
import { DATABASES } from './databases.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-import-'));
const ZH = '统一社会信用代码,名称,类型,所在区,行业代码,成立日期,上市情况';

function csv(name: string, lines: string[], encoding: 'utf8' | 'gb18030' = 'utf8'): string {
  const path = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, encoding === 'utf8' ? text : gbk(text));
  return path;
}

/** GB18030 bytes of a text, via the standard's own mapping as exposed by TextDecoder (round-trip search). */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const b = Buffer.from([hi, lo]);
      const ch = decoder.decode(b);
      if (ch.length === 1 && !table.has(ch)) table.set(ch, b);
    }
  }
  return Buffer.concat([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : (table.get(ch) ?? Buffer.from('?')))));
}

async function xlsx(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r) => ws.addRow(r));
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function run(args: string[], locale: 'en' | 'zh-CN' = 'en'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, locale };
  const code = await main(args, io);
  return { code, out, err };
}

interface JsonReport {
  rows: number;
  valid: number;
  errors: { row: number; field: string; code: string; message: string }[];
}

async function importJson(path: string, extra: string[] = []): Promise<{ code: number; report: JsonReport; out: string }> {
  const r = await run(['import', 'organisations', path, '--json', ...extra]);
  return { code: r.code, report: JSON.parse(r.out) as JsonReport, out: r.out };
}

describe.each(DATABASES)('import on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const counts = async () => ({
    organisations: Number((await store.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  beforeAll(async () => {
    let url: string;
    ({ store, url, dispose } = await database.open());
    process.env.KEPING_DATABASE_URL = url;
  });
  afterAll(async () => {
    delete process.env.KEPING_DATABASE_URL;
    await dispose();
  });

  it('imports a CSV with Chinese headers, districts with or without 区, classes with or without the letter', async () => {
    const path = csv('zh.csv', [
      ZH,
      '91310114MA1GT00019,上海嘉定芯片有限公司,企业,嘉定,3973,2015-06-01,科创板',
      '91310104MA1GT0002W,上海徐汇医药有限公司,企业,徐汇区,C2720,2010/3/5,未上市',
      '12310000MA1GT00049,上海示例研究院,科研院所,浦东新区,M7320,,',
    ]);
    const r = await run(['import', 'organisations', path], 'zh-CN');
    expect(r.code).toBe(0);
    expect(r.out).toContain('共读取3行，有效3行，错误0处');
    const rows = await store.db.selectFrom('organisations').selectAll().orderBy('uscc').execute();
    expect(rows.map((o) => [o.uscc, o.district, o.industry_code, o.listing])).toEqual([
      ['12310000MA1GT00049', '310115', 'M7320', null],
      ['91310104MA1GT0002W', '310104', 'C2720', 'unlisted'],
      ['91310114MA1GT00019', '310114', 'C3973', 'star_market'],
    ]);
    expect(rows[2]?.groups).toBe(',ic,electronic_information,');
    const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'organisation.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ rows: 3, created: 3, updated: 0 });
  });

  it('imports an XLSX with English headers and real date cells; --json prints only the report', async () => {
    const path = await xlsx('en.xlsx', [
      ['uscc', 'name', 'kind', 'district', 'industry_code', 'established', 'listing'],
      ['91310115MA1GT0003X', 'Shanghai Example Robotics Co., Ltd.', 'enterprise', 'Pudong New Area', 'C3491', new Date(Date.UTC(2018, 4, 20)), 'main_board'],
      ['91310114MA1GT00019', '上海嘉定芯片有限公司', '企业', '嘉定区', 3973, '2015-06-01', '科创板'],
    ]);
    const { code, report, out } = await importJson(path);
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(out) as object)).toEqual(['rows', 'valid', 'errors']);
    expect(report).toEqual({ rows: 2, valid: 2, errors: [] });
    const robot = await store.db.selectFrom('organisations').selectAll().where('uscc', '=', '91310115MA1GT0003X').executeTakeFirstOrThrow();
    expect(robot.established).toBe('2018-05-20');
  });

  it('--dry-run validates and writes nothing', async () => {
    const before = await counts();
    const path = csv('dry.csv', ['uscc,name', '91350100M000100Y43,上海干跑有限公司']);
    const { code, report } = await importJson(path, ['--dry-run']);
    expect(code).toBe(0);
    expect(report).toEqual({ rows: 1, valid: 1, errors: [] });
    expect(await counts()).toEqual(before);
  });

  it('counts created and updated organisations on a re-import, stamping the updated ones', async () => {
    const before = await counts();
    const chipBefore = await store.db.selectFrom('organisations').selectAll().where('uscc', '=', '91310114MA1GT00019').executeTakeFirstOrThrow();
    const path = csv('again.csv', [
      ZH,
      '91310114MA1GT00019,上海嘉定芯片有限公司,企业,嘉定,3973,2015-06-01,科创板',
      '91350100M000100Y43,上海重导有限公司,,,,,未上市',
    ]);
    const { code, report } = await importJson(path);
    expect(code).toBe(0);
    expect(report).toEqual({ rows: 2, valid: 2, errors: [] });
    expect((await counts()).organisations).toBe(before.organisations + 1);
    const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'organisation.import').orderBy('id', 'desc').execute();
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ rows: 2, created: 1, updated: 1 });
    const chip = await store.db.selectFrom('organisations').selectAll().where('uscc', '=', '91310114MA1GT00019').executeTakeFirstOrThrow();
    expect(chip.import_id).not.toBe(chipBefore.import_id);
    expect({ ...chip, import_id: 0, updated_at: '' }).toEqual({ ...chipBefore, import_id: 0, updated_at: '' });
    await outsideAudit('test: undo the re-import', () => store.db.deleteFrom('organisations').where('uscc', '=', '91350100M000100Y43').execute());
  });

  it('reports every code registered under another name, in any batch, before or after other errors', async () => {
    const before = await counts();
    const orgs = syntheticOrganisations({ count: 1200, seed: 'mismatch-batches', untilYear: 2024 });
    const lines = ['uscc,name', ...orgs.slice(0, 700).map((o) => `${o.uscc},${o.name}`), '91310114MA1GT00019,别的名字一',
      ...orgs.slice(700).map((o) => `${o.uscc},${o.name}`), '91350100M000100Y4,坏行', '91310104MA1GT0002W,别的名字二'];
    const { code, report } = await importJson(csv('mismatches.csv', lines));
    expect(code).toBe(1);
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([
      [702, 'USCC_NAME_MISMATCH'], [1203, 'USCC_LENGTH'], [1204, 'USCC_NAME_MISMATCH'],
    ]);
    expect(report.valid).toBe(1200);
    expect(await counts()).toEqual(before);
  });

  const bad: [string, () => Promise<string> | string, JsonReport['errors'][number]][] = [
    ['a malformed USCC', () => csv('b1.csv', ['uscc,name', '91350100M000100Y43,甲', '91350100M000100Y4,乙']),
      { row: 3, field: 'uscc', code: 'USCC_LENGTH', message: 'A Unified Social Credit Code has 18 characters, this one has 17' }],
    ['a wrong check character', () => csv('b2.csv', ['uscc,name', '91350100M000100Y44,乙']),
      { row: 2, field: 'uscc', code: 'USCC_CHECK_CHARACTER', message: 'Check character is "4" but should be "3": the code is mistyped' }],
    ['an unknown district', () => csv('b3.csv', ['uscc,name,district', '91350100M000100Y43,甲,浦西区']),
      { row: 2, field: 'district', code: 'DISTRICT_UNKNOWN', message: 'Unknown district "浦西区": use one of Shanghai\'s 16 districts' }],
    ['a future established date', () => csv('b4.csv', ['uscc,name,established', '91350100M000100Y43,甲,2999-01-01']),
      { row: 2, field: 'established', code: 'DATE_IN_FUTURE', message: /^Date 2999-01-01 is after today/ as unknown as string }],
    ['a USCC repeated in the file', () => csv('b5.csv', ['uscc,name', '91350100M000100Y43,甲', '', '9135 0100 m000100y43,甲']),
      { row: 4, field: 'uscc', code: 'USCC_DUPLICATE_IN_FILE', message: 'This code already appears in row 2 of the file' }],
    ['a USCC registered under another name', () => csv('b6.csv', ['uscc,name', '91350100M000100Y43,甲', '91310114MA1GT00019,别的名字']),
      { row: 3, field: 'uscc', code: 'USCC_NAME_MISMATCH', message: 'This code is already registered as "上海嘉定芯片有限公司"' }],
    ['an unknown header', () => csv('b7.csv', ['uscc,name,城市', '91350100M000100Y43,甲,上海']),
      { row: 1, field: 'header', code: 'HEADER_UNKNOWN', message: /^Column "城市" is not known/ as unknown as string }],
    ['a missing required header', () => csv('b8.csv', ['统一社会信用代码,所在区', '91350100M000100Y43,嘉定']),
      { row: 1, field: 'header', code: 'HEADER_MISSING', message: 'The file has no column "name"' }],
  ];

  it.each(bad)('%s: named by row and field, database unchanged', async (_label, make, expected) => {
    const before = await counts();
    const { code, report } = await importJson(await make());
    expect(code).toBe(1);
    expect(report.errors).toHaveLength(1);
    const error = report.errors[0];
    if (typeof expected.message === 'string') expect(error).toEqual(expected);
    else expect(error).toMatchObject({ ...expected, message: expect.stringMatching(expected.message as unknown as RegExp) });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty file', () => csv('e1.csv', []), 'FILE_EMPTY', 'The file is empty'],
    ['a header and no rows', () => csv('e2.csv', ['uscc,name']), 'FILE_NO_ROWS', 'The file has a header but no data rows'],
    ['binary garbage renamed .xlsx', () => { const p = join(dir, 'garbage.xlsx'); writeFileSync(p, Buffer.from([0, 1, 2, 3, 255, 254, 7, 9].concat(Array(500).fill(42)))); return p; },
      'FILE_UNREADABLE', 'The file cannot be read as XLSX'],
    ['a zip that is not a workbook', () => { const p = join(dir, 'zip.xlsx'); writeFileSync(p, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 1)])); return p; },
      'FILE_UNREADABLE', 'The file cannot be read as XLSX'],
    ['a 200 MB file', () => { const p = join(dir, 'huge.csv'); writeFileSync(p, 'uscc,name\n'); truncateSync(p, 200 * 1024 * 1024); return p; },
      'FILE_TOO_LARGE', 'The file is larger than the limit of 50 MB'],
    ['a .txt file', () => csv('notes.txt', ['uscc,name']), 'FILE_TYPE', 'Only .csv and .xlsx files can be imported'],
  ])('%s: a translated error, exit code 1, database unchanged', async (_label, make, code, message) => {
    const before = await counts();
    const r = await run(['import', 'organisations', make()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(r.err).toContain('Error: ');
    expect(await counts()).toEqual(before);
    expect(code).toMatch(/^FILE_/);
  });

  it('is all or nothing: one bad row after many good ones writes nothing', async () => {
    const before = await counts();
    const orgs = syntheticOrganisations({ count: 1200, seed: 'all-or-nothing', untilYear: 2024 });
    const lines = ['uscc,name,district,industry_code', ...orgs.map((o) => `${o.uscc},${o.name},${o.district},${o.industryCode}`), '91350100M000100Y4X,坏行,嘉定,3973'];
    const { code, report } = await importJson(csv('many.csv', lines));
    expect(code).toBe(1);
    expect(report.rows).toBe(1201);
    expect(report.valid).toBe(1200);
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[1202, 'uscc']]);
    expect(await counts()).toEqual(before);
  });

  it('reads Chinese text across the chunks of a large XLSX intact (ExcelJS decodes chunk by chunk unpatched)', async () => {
    const orgs = syntheticOrganisations({ count: 6000, seed: 'xlsx-chunks', untilYear: 2024 });
    const path = join(dir, `chunks-${database.name}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = wb.addWorksheet('机构');
    ws.addRow(ZH.split(',')).commit();
    for (const o of orgs) ws.addRow([o.uscc, o.name, '企业', '浦东新区', o.industryCode, o.established, '科创板']).commit();
    ws.commit();
    await wb.commit();
    const { report } = await importJson(path, ['--dry-run']);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(6000);
  });

  it('reads a GB18030 CSV as Excel in China saves it', async () => {
    const path = csv('gbk.csv', [ZH, '91310114MA1GT00019,上海嘉定芯片有限公司,企业,嘉定区,C3973,2015-06-01,科创板'], 'gb18030');
    const { report } = await importJson(path, ['--dry-run']);
    expect(report).toEqual({ rows: 1, valid: 1, errors: [] });
  });

  it('exports to XLSX with the same headers, neutralising formula cells, and imports back unchanged', async () => {
    await outsideAudit('test: a formula planted in a name', () =>
      store.db.updateTable('organisations').set({ name: '=HYPERLINK("http://evil","x")' }).where('uscc', '=', '12310000MA1GT00049').execute());
    const out = join(dir, `export-${database.name}.xlsx`);
    const r = await run(['export', 'organisations', out], 'zh-CN');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([undefined, ...ZH.split(',')]);
    const cells = new Map<string, unknown[]>();
    ws?.eachRow((row, n) => { if (n > 1) cells.set(String(row.getCell(1).value), row.values as unknown[]); });
    expect(cells.get('12310000MA1GT00049')?.[2]).toBe('\'=HYPERLINK("http://evil","x")');
    expect(cells.get('91310114MA1GT00019')?.slice(1)).toEqual(['91310114MA1GT00019', '上海嘉定芯片有限公司', '企业', '嘉定区', 'C3973', '2015-06-01', '科创板']);
    const before = await counts();
    const back = await importJson(out);
    expect(back.report.errors).toEqual([]);
    expect(back.report.rows).toBe(before.organisations);
    const evil = await store.db.selectFrom('organisations').select('name').where('uscc', '=', '12310000MA1GT00049').executeTakeFirstOrThrow();
    expect(evil.name).toBe('=HYPERLINK("http://evil","x")');
  });
});
