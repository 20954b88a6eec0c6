/** The web's import path: upload, preview with per-cell errors, confirm; size limit; template; export. */
import ExcelJS from '../src/files/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { type Client, type Harness, startHarness } from './harness.js';

function form(name: string, content: string | Buffer): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  return fd;
}

interface Report {
  rows: number;
  valid: number;
  imported: boolean;
  created: number;
  errors: { row: number; field: string; code: string; message: string }[];
  preview: { row: number; values: Record<string, string> }[];
}

describe.each(DATABASES)('import API on $name', (database) => {
  let h: Harness;
  let staff: Client;
  beforeAll(async () => {
    h = await startHarness(database, { uploadLimitBytes: 1024 * 1024 });
    staff = await h.login('staff');
  });
  afterAll(async () => h.dispose());

  const bad = 'uscc,name,district,established\n91310114MA1GT00019,甲公司,嘉定,2015-01-01\n91310114MA1GT00018,乙公司,火星,2999-01-01\n';

  it('previews every row and marks each bad cell, writing nothing', async () => {
    const res = await staff.request({ method: 'POST', url: '/api/organisations/import?dryRun=true', payload: form('orgs.csv', bad), headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    expect(report.preview.map((p) => p.values.name)).toEqual(['甲公司', '乙公司']);
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'uscc', 'USCC_CHECK_CHARACTER'], [3, 'district', 'DISTRICT_UNKNOWN'], [3, 'established', 'DATE_IN_FUTURE'],
    ]);
    expect(report.errors[1]?.message).toBe('未知的区“火星”：请填写上海市16个区之一');
    expect(report.imported).toBe(false);
    const n = await h.store.db.selectFrom('organisations').select('uscc').where('uscc', '=', '91310114MA1GT00019').executeTakeFirst();
    expect(n).toBeUndefined();
  });

  it('refuses to import a file with errors, then imports the fixed one', async () => {
    const refused = await staff.request({ method: 'POST', url: '/api/organisations/import?dryRun=false', payload: form('orgs.csv', bad) });
    expect((refused.json() as Report).imported).toBe(false);
    const fixed = bad.replace('91310114MA1GT00018,乙公司,火星,2999-01-01', '91310104MA1GT0002W,乙公司,徐汇,1999-01-01');
    const ok = await staff.request({ method: 'POST', url: '/api/organisations/import?dryRun=false', payload: form('orgs.csv', fixed) });
    expect(ok.json()).toMatchObject({ imported: true, created: 2, rows: 2, valid: 2, errors: [] });
    const history = await staff.request({ method: 'GET', url: '/api/organisations/91310104MA1GT0002W/history' });
    expect((history.json() as { entries: { action: string }[] }).entries.map((e) => e.action)).toEqual(['organisation.import']);
  });

  it('refuses a file over the limit with 413 and a translated message', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const res = await staff.request({ method: 'POST', url: '/api/organisations/import', payload: form('big.csv', big) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', field: 'file', message: '文件超过1 MB的上限' } });
  });

  it('answers garbage, a wrong type and a missing file with 4xx errors', async () => {
    const garbage = await staff.request({ method: 'POST', url: '/api/organisations/import', payload: form('x.xlsx', Buffer.from([0, 159, 146, 150, 1, 2])) });
    expect(garbage.statusCode).toBe(400);
    expect((garbage.json() as { error: { code: string } }).error.code).toBe('FILE_UNREADABLE');
    const type = await staff.request({ method: 'POST', url: '/api/organisations/import', payload: form('x.pdf', 'hello') });
    expect((type.json() as { error: { code: string } }).error.code).toBe('FILE_TYPE');
    const none = await staff.request({ method: 'POST', url: '/api/organisations/import', payload: { file: 'x' } });
    expect(none.statusCode).toBeLessThan(500);
    expect((none.json() as { error: { code: string } }).error.code).toBe('FILE_MISSING');
  });

  it('serves a template and an export whose headers follow the language', async () => {
    // A logged-in user's chosen language wins over the browser's Accept-Language.
    await staff.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'en' } });
    const template = await staff.request({ method: 'GET', url: '/api/organisations/template.xlsx', headers: { 'accept-language': 'zh-CN' } });
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(1).values).toEqual([undefined, 'uscc', 'name', 'kind', 'district', 'industry_code', 'established', 'listing']);
    const exported = await staff.request({ method: 'GET', url: '/api/organisations/export.xlsx?district=310104' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb2.worksheets[0]?.eachRow((row, n) => { if (n > 1) names.push(String(row.getCell(2).value)); });
    expect(names).toEqual(['乙公司', '其他示例有限公司']); // both in 徐汇, by code
  });
});
