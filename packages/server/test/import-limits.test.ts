/**
 * The import limits (files/limits.ts): too many columns, too many rows, an XLSX part that inflates
 * past its limit (declared, or counted while inflating when the declared size lies), header
 * problems capped; each refused with its own code and field, and a refused import writes nothing.
 * Small limits are passed as options so the files stay small.
 */
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KepingError, syntheticOrganisations } from '@keping/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.js';
import { capHeaderProblems, importLimits } from '../src/files/limits.js';
import { openTable, type TableRow } from '../src/files/table-reader.js';
import { importExperts } from '../src/experts/expert-import.service.js';
import { importOrganisations } from '../src/registry/import.service.js';
import { DATABASES } from './databases.js';
import { type Harness, startHarness } from './harness.js';
import { rowXml, writeXlsx } from './xlsx-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const orgs = syntheticOrganisations({ count: 12_000, seed: 'import-limits', untilYear: 2024 });
/** The rows of a valid organisation file (uscc, name), `n` of them, from `from`. */
const orgRows = (n: number, from = 0) => orgs.slice(from, from + n).map((o) => [o.uscc, o.name]);

/** The error a promise rejects with (fails the test if it resolves). */
async function refusal(p: Promise<unknown>): Promise<KepingError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof KepingError) return error;
    throw error;
  }
  throw new Error('not refused');
}

/** Reads every row of a table; the rows read before a refusal are kept in `seen`. */
async function readAll(path: string, limits: Parameters<typeof importLimits>[0], seen: TableRow[] = []): Promise<TableRow[]> {
  const table = await openTable(path, { limits });
  for await (const batch of table.batches) seen.push(...batch);
  return seen;
}

describe('limits in force', () => {
  it('take options over the environment over the defaults, MB scaled, a bad value said loudly', () => {
    expect(importLimits({}, {})).toEqual({ maxColumns: 200, maxHeaderProblems: 50, maxXlsxPartBytes: 200 * 1048576, maxRows: 1_000_000 });
    const env = { KEPING_IMPORT_MAX_COLUMNS: '7', KEPING_IMPORT_MAX_XLSX_PART_MB: '1.5', KEPING_IMPORT_MAX_ROWS: '10', KEPING_IMPORT_MAX_HEADER_PROBLEMS: '3' };
    expect(importLimits({}, env)).toEqual({ maxColumns: 7, maxHeaderProblems: 3, maxXlsxPartBytes: 1.5 * 1048576, maxRows: 10 });
    expect(importLimits({ maxRows: 5 }, env).maxRows).toBe(5);
    expect(() => importLimits({}, { KEPING_IMPORT_MAX_ROWS: 'lots' })).toThrow(/KEPING_IMPORT_MAX_ROWS/);
  });

  it('cap header problems at M with one summary line saying how many more, translated', () => {
    const problems = Array.from({ length: 8 }, (_, i) => ({ row: 1, field: 'header', code: 'HEADER_UNKNOWN', message: `m${i}` }));
    expect(capHeaderProblems(problems, 8, 'en')).toBe(problems);
    const capped = capHeaderProblems(problems, 3, 'en');
    expect(capped.slice(0, 3)).toEqual(problems.slice(0, 3));
    expect(capped[3]).toEqual({ row: 1, field: 'header', code: 'HEADER_MORE_PROBLEMS', message: '…and 5 more problems in the header' });
    expect(capHeaderProblems(problems, 3, 'zh-CN')[3]?.message).toBe('……表头另有5个问题未列出');
  });
});

describe('CSV limits', () => {
  it('refuses a header wider than the limit while reading it, on the fast path and on the quoted one', async () => {
    const wide = file('wide.csv', `a,b,c,d,e,f\n1,2,3,4,5,6\n`);
    const e = await refusal(openTable(wide, { limits: { maxColumns: 5 } }));
    expect(e).toMatchObject({ code: 'FILE_TOO_MANY_COLUMNS', field: 'file', status: 413, params: { max: 5, row: 1 } });
    const quoted = file('wide-quoted.csv', `"a","b","c","d","e","f"\n`);
    expect((await refusal(openTable(quoted, { limits: { maxColumns: 5 } }))).params).toEqual({ max: 5, row: 1 });
    const noNewline = file('wide-last.csv', `"a",b,c,d,e,f`);
    expect((await refusal(openTable(noNewline, { limits: { maxColumns: 5 } }))).code).toBe('FILE_TOO_MANY_COLUMNS');
    expect((await openTable(wide, { limits: { maxColumns: 6 } })).headers).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('refuses a header of 300,000 columns (spanning many chunks) at the default limit, before it is split', async () => {
    const path = file('huge-header.csv', `${Array.from({ length: 300_000 }, (_, i) => `c${i}`).join(',')}\n`);
    const e = await refusal(openTable(path));
    expect(e).toMatchObject({ code: 'FILE_TOO_MANY_COLUMNS', params: { max: 200, row: 1 } });
  });

  it('refuses a data row wider than the limit, naming its line', async () => {
    const path = file('wide-row.csv', 'a,b\n1,2\n\n1,2,3,4,5,6\n');
    const seen: TableRow[] = [];
    const e = await refusal(readAll(path, { maxColumns: 5 }, seen));
    expect(e.params).toEqual({ max: 5, row: 4 });
  });

  it('stops at the first row past the row limit, blank rows not counted', async () => {
    const lines = ['uscc,name', ...orgRows(3000).map((r) => r.join(','))];
    const path = file('rows.csv', `${lines.join('\n')}\n`);
    const seen: TableRow[] = [];
    const e = await refusal(readAll(path, { maxRows: 1000 }, seen));
    expect(e).toMatchObject({ code: 'FILE_TOO_MANY_ROWS', field: 'file', status: 413, params: { max: 1000 } });
    expect(seen.length).toBeLessThanOrEqual(1000);
    expect(await readAll(path, { maxRows: 3000 })).toHaveLength(3000);
    const blanks = file('blanks.csv', 'uscc,name\n1,2\n,\n\n,,\n3,4\n');
    expect(await readAll(blanks, { maxRows: 2 })).toHaveLength(2);
  });
});

describe('XLSX limits', () => {
  const sheetRows = function* (n: number, width = 2): Generator<string> {
    yield rowXml(1, ['uscc', 'name', ...Array.from({ length: width - 2 }, (_, i) => `x${i}`)]);
    for (let i = 0; i < n; i++) {
      const o = orgs[i % orgs.length]!;
      yield rowXml(i + 2, [o.uscc, `${o.name}${'填充'.repeat(40)}`, ...Array.from({ length: width - 2 }, () => '')]);
    }
  };

  it('refuses a sheet whose declared size passes the limit before inflating a byte of it', async () => {
    const path = join(dir, 'declared.xlsx');
    const { sheetBytes } = await writeXlsx(path, sheetRows(10_000));
    expect(sheetBytes).toBeGreaterThan(1048576);
    // Garbage in the middle of the sheet's deflated data: inflating it fails, so a refusal for its
    // size (not for being unreadable) shows that nothing was inflated.
    const bytes = readFileSync(path);
    const at = bytes.indexOf('xl/worksheets/sheet1.xml') + 24 + 20_000;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, at);
    expect((await refusal(readAll(path, {}))).code).toBe('FILE_UNREADABLE');
    const e = await refusal(readAll(path, { maxXlsxPartBytes: 1048576 }));
    expect(e).toMatchObject({ code: 'FILE_UNPACKED_TOO_LARGE', field: 'file', status: 413, params: { limitMb: 1 } });
  });

  it('refuses a sheet whose declared size lies while inflating it, as soon as the count passes the limit', async () => {
    const path = join(dir, 'lying.xlsx');
    const { sheetBytes } = await writeXlsx(path, sheetRows(12_000), { declaredSheetSize: 1000 });
    expect(sheetBytes).toBeGreaterThan(3 * 1048576);
    const seen: TableRow[] = [];
    const e = await refusal(readAll(path, { maxXlsxPartBytes: 1048576 }, seen));
    expect(e).toMatchObject({ code: 'FILE_UNPACKED_TOO_LARGE', params: { limitMb: 1 } });
    // Rows of the first MB were read, not those after it.
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.length).toBeLessThan(4000);
    expect(await readAll(path, {})).toHaveLength(12_000);
  });

  it('refuses shared strings that inflate past the limit, declared or lying', async () => {
    const xml = `<sst>${'<si><t>重复的共享字符串</t></si>'.repeat(60_000)}</sst>`;
    const honest = join(dir, 'strings.xlsx');
    await writeXlsx(honest, sheetRows(5), { sharedStrings: { xml } });
    const lying = join(dir, 'strings-lying.xlsx');
    await writeXlsx(lying, sheetRows(5), { sharedStrings: { xml, declaredSize: 100 } });
    for (const path of [honest, lying]) {
      expect((await refusal(readAll(path, { maxXlsxPartBytes: 1048576 }))).code).toBe('FILE_UNPACKED_TOO_LARGE');
      expect(await readAll(path, {})).toHaveLength(5);
    }
  });

  it('refuses a row longer than any row within the column limit, rather than reading it again with each chunk', async () => {
    const path = join(dir, 'long-row.xlsx');
    await writeXlsx(path, [rowXml(1, ['uscc', 'name']), rowXml(2, ['x', 'y'.repeat(3_000_000)])]);
    expect(await refusal(readAll(path, { maxColumns: 2 }))).toMatchObject({ code: 'FILE_UNREADABLE', field: 'file' });
    expect(await readAll(path, { maxColumns: 200 })).toHaveLength(1);
  });

  it('refuses rows wider than the column limit and stops past the row limit', async () => {
    const path = join(dir, 'wide.xlsx');
    await writeXlsx(path, sheetRows(20, 6));
    expect(await refusal(readAll(path, { maxColumns: 5 }))).toMatchObject({ code: 'FILE_TOO_MANY_COLUMNS', params: { max: 5, row: 1 } });
    const rows = join(dir, 'rows.xlsx');
    await writeXlsx(rows, sheetRows(5000));
    const seen: TableRow[] = [];
    expect(await refusal(readAll(rows, { maxRows: 1000 }, seen))).toMatchObject({ code: 'FILE_TOO_MANY_ROWS', params: { max: 1000 } });
    expect(seen.length).toBeLessThanOrEqual(1000);
  });
});

describe.each(DATABASES)('import limits on $name', (database) => {
  let h: Harness;
  const ctx = systemContext('en', () => new Date('2026-11-25T02:00:00Z'));
  const counts = async () => Promise.all((['organisations', 'imports', 'audit_log', 'experts'] as const).map(async (t) =>
    Number((await h.store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
  const importFile = (path: string, limits: Parameters<typeof importLimits>[0]) =>
    importOrganisations(h.store, ctx, path, { dryRun: false, fileName: 'limits', limits });

  beforeAll(async () => {
    h = await startHarness(database);
  });
  afterAll(async () => h.dispose());
  afterEach(() => {
    delete process.env.KEPING_IMPORT_MAX_COLUMNS;
  });

  it('writes nothing when the row limit stops an import after valid batches were written', async () => {
    const before = await counts();
    const path = file('many.csv', `${['uscc,name', ...orgRows(6500).map((r) => r.join(','))].join('\n')}\n`);
    // Progress is reported at 5,000 rows: by then ten batches of valid rows went to the transaction.
    let progress = 0;
    const e = await refusal(importOrganisations(h.store, ctx, path, {
      dryRun: false, fileName: 'limits', limits: { maxRows: 6000 }, onProgress: (n) => { progress = n; },
    }));
    expect(e).toMatchObject({ code: 'FILE_TOO_MANY_ROWS', field: 'file', params: { max: 6000 } });
    expect(progress).toBeGreaterThanOrEqual(5000);
    expect(await counts()).toEqual(before);
    // The same file within the limit is imported: the refusal was the limit's.
    const ok = await importFile(path, { maxRows: 6500 });
    expect(ok).toMatchObject({ imported: true, rows: 6500, created: 6500 });
  });

  it('writes nothing when a lying XLSX is refused while inflating, after valid batches were written', async () => {
    const before = await counts();
    const path = join(dir, 'import-lying.xlsx');
    const rows = function* () {
      yield rowXml(1, ['uscc', 'name']);
      for (let i = 0; i < 5000; i++) yield rowXml(i + 2, [orgs[6500 + i]!.uscc, `${orgs[6500 + i]!.name}${'填充'.repeat(40)}`]);
    };
    await writeXlsx(path, rows(), { declaredSheetSize: 2000 });
    const e = await refusal(importFile(path, { maxXlsxPartBytes: 1048576 }));
    expect(e).toMatchObject({ code: 'FILE_UNPACKED_TOO_LARGE', field: 'file' });
    expect(await counts()).toEqual(before);
  });

  it('refuses too wide a header before checking its columns; caps header problems with a summary line', async () => {
    const before = await counts();
    const wide = file('wide-import.csv', `uscc,name,${Array.from({ length: 10 }, (_, i) => `extra${i}`).join(',')}\n`);
    expect(await refusal(importFile(wide, { maxColumns: 5 }))).toMatchObject({ code: 'FILE_TOO_MANY_COLUMNS', params: { max: 5, row: 1 } });
    const report = await importFile(wide, { maxHeaderProblems: 4 });
    expect(report.imported).toBe(false);
    expect(report.errors.map((x) => x.code)).toEqual([...Array<string>(4).fill('HEADER_UNKNOWN'), 'HEADER_MORE_PROBLEMS']);
    expect(report.errors[4]?.message).toBe('…and 6 more problems in the header');
    const experts = await importExperts(h.store, ctx, wide, { dryRun: false, fileName: 'e', limits: { maxHeaderProblems: 2 } });
    expect(experts.errors.map((x) => x.code).slice(-1)).toEqual(['HEADER_MORE_PROBLEMS']);
    expect(experts.errors).toHaveLength(3);
    expect(await counts()).toEqual(before);
  });

  it('answers an upload past a limit set in the environment with 413, its code and translated message', async () => {
    const staff = await h.login('staff');
    process.env.KEPING_IMPORT_MAX_COLUMNS = '5';
    const fd = new FormData();
    fd.append('file', new Blob(['a,b,c,d,e,f\n1,2,3,4,5,6\n'], { type: 'text/csv' }), 'wide.csv');
    const res = await staff.request({ method: 'POST', url: '/api/organisations/import?dryRun=false', payload: fd, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'FILE_TOO_MANY_COLUMNS', field: 'file', message: '第1行超过5列，文件被拒绝' } });
  });
});
