import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.js';
import { readXlsxRows, serialToDate, XlsxFormatError } from './xlsx-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(path: string): Promise<{ row: number; cells: string[] }[]> {
  const out: { row: number; cells: string[] }[] = [];
  for await (const r of readXlsxRows(path)) out.push(r);
  return out;
}

describe('readXlsxRows', () => {
  it('reads shared, inline and rich strings, numbers, booleans, dates, formulas, entities and gaps', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['this sheet is not the first one']); // the first sheet is read
    const ws = wb.worksheets[0]!;
    ws.name = '机构';
    ws.spliceRows(1, 1);
    ws.getCell('A1').value = '统一社会信用代码';
    ws.getCell('C1').value = '名称 & <公司>';
    ws.getCell('A2').value = 3973;
    ws.getCell('B2').value = true;
    ws.getCell('C2').value = { richText: [{ text: '上海' }, { text: '集成电路', font: { bold: true } }] };
    ws.getCell('D2').value = new Date(Date.UTC(2015, 5, 30));
    ws.getCell('E2').value = { formula: '1+1', result: 2 };
    ws.getCell('F2').value = '  trimmed  ';
    ws.getCell('AB4').value = 'far column';
    wb.addWorksheet('second').addRow(['not read']);
    const path = join(dir, 'kinds.xlsx');
    await wb.xlsx.writeFile(path);
    const rows = await rowsOf(path);
    expect(rows).toEqual([
      { row: 1, cells: ['统一社会信用代码', '', '名称 & <公司>'] },
      { row: 2, cells: ['3973', 'TRUE', '上海集成电路', '2015-06-30', '2', 'trimmed'] },
      { row: 4, cells: [...Array<string>(27).fill(''), 'far column'] },
    ]);
  });

  it('reads a streamed workbook of inline strings large enough to span many chunks, Chinese text intact', async () => {
    const path = join(dir, 'stream.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = writer.addWorksheet('数据');
    const expected: string[][] = [];
    for (let i = 0; i < 6000; i++) {
      const cells = [`9131000${String(i).padStart(11, '0')}`, `上海第${i}号精密制造有限公司（集团）`, i % 7 === 0 ? '' : `C${3900 + (i % 90)}`];
      ws.addRow(cells).commit();
      expected.push(cells);
    }
    ws.commit();
    await writer.commit();
    const rows = await rowsOf(path);
    expect(rows).toHaveLength(6000);
    expect(rows.map((r) => r.cells.concat(Array<string>(3 - r.cells.length).fill('')))).toEqual(expected);
    expect(rows[5999]!.row).toBe(6000);
  });

  it('refuses what is not a workbook with XlsxFormatError', async () => {
    const garbage = join(dir, 'garbage.xlsx');
    writeFileSync(garbage, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]));
    await expect(rowsOf(garbage)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('converts Excel serial days in both date systems, with the 1900 leap-year quirk', () => {
    expect(serialToDate(1, false)).toBe('1900-01-01');
    expect(serialToDate(59, false)).toBe('1900-02-28');
    expect(serialToDate(61, false)).toBe('1900-03-01');
    expect(serialToDate(42185, false)).toBe('2015-06-30');
    expect(serialToDate(0, true)).toBe('1904-01-01');
    expect(serialToDate(40723, true)).toBe('2015-06-30');
  });
});
