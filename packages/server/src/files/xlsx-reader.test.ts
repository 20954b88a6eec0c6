import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
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

/** A workbook zipped by hand (entries stored, not deflated), for sheet XML that ExcelJS does not write. */
function storedXlsx(path: string, sheetData: string): void {
  const files: [string, string][] = [
    ['xl/workbook.xml', '<workbook><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', `<worksheet><sheetData>${sheetData}</sheetData></worksheet>`],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, directory, end]));
}

describe('readXlsxRows', () => {
  it('reads inline strings in every shape: plain, with attributes, entities, rich runs, phonetic guides, empty', async () => {
    const path = join(dir, 'inline.xlsx');
    const c = (ref: string, body: string) => `<c r="${ref}" t="inlineStr">${body}</c>`;
    storedXlsx(path, `<row r="1">${[
      c('A1', '<is><t>上海集成电路</t></is>'),
      c('B1', '<is><t xml:space="preserve">  名称 &amp; &lt;公司&gt; </t></is>'),
      c('C1', '<is><r><t>上海</t></r><r><rPr><b/></rPr><t>集成&amp;电路</t></r></is>'),
      c('D1', '<is><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is>'),
      c('E1', '<is><t/></is>'),
      c('F1', '<is><tx>not text</tx></is>'),
      c('G1', '<is><t>&#x4E0A;&#28023;</t></is>'),
    ].join('')}</row>`);
    expect(await rowsOf(path)).toEqual([{ row: 1, cells: ['上海集成电路', '名称 & <公司>', '上海集成&电路', '东京', '', '', '上海'] }]);
  });


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

  it('reads rows cut at every kind of place by chunk ends, empty self-closing rows among them', async () => {
    const path = join(dir, 'cuts.xlsx');
    const expected: { row: number; cells: string[] }[] = [];
    const xml: string[] = [];
    for (let r = 1; r <= 12_000; r++) {
      if (r % 5 === 0) {
        xml.push(`<row r="${r}"/>`);
        continue;
      }
      const cells = [`第${r}行`, 'x'.repeat(r % 97), `${r}&amp;${r % 13}`];
      xml.push(`<row r="${r}" spans="1:3">${cells.map((c, i) => `<c r="${'ABC'[i]}${r}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`);
      expected.push({ row: r, cells: cells.map((c) => c.replace('&amp;', '&')) });
    }
    storedXlsx(path, xml.join(''));
    const rows = await rowsOf(path);
    expect(rows.length).toBe(expected.length);
    expect(rows).toEqual(expected);
  });

  it('keeps short texts apart that share a slot of the text cache (same length, same hash), across types', async () => {
    // "Aa" and "BB" (and so "AaBB", "BBAa", …) have the same 31-multiplier hash and length.
    const words = ['Aa', 'BB', 'Aa', 'AaBB', 'BBAa', 'BBBB', 'AaAa', 'BB'];
    const str = (ref: string, v: string) => `<c r="${ref}" t="str"><v>${v}</v></c>`;
    storedXlsx(join(dir, 'collide.xlsx'), [
      `<row r="1">${words.map((w, i) => str(`${'ABCDEFGH'[i]}1`, w)).join('')}</row>`,
      `<row r="2">${words.map((w, i) => `<c r="${'ABCDEFGH'[i]}2" t="inlineStr"><is><t>${w}</t></is></c>`).join('')}</row>`,
      // The same bytes read as a number, an entity-decoded text, a trimmed text, then the plain ones again.
      `<row r="3"><c r="A3"><v>12</v></c>${str('B3', '12')}${str('C3', ' A&amp;B ')}${str('D3', 'A&amp;B')}${str('E3', ' A&amp;B ')}</row>`,
      `<row r="4">${str('A4', '&#x4E2D;')}${str('B4', '中')}${str('C4', '&amp;#x4E2D;')}${str('D4', '&#x4E2D;')}</row>`,
    ].join(''));
    expect(await rowsOf(join(dir, 'collide.xlsx'))).toEqual([
      { row: 1, cells: words },
      { row: 2, cells: words },
      { row: 3, cells: ['12', '12', 'A&B', 'A&B', 'A&B'] },
      { row: 4, cells: ['中', '中', '&#x4E2D;', '中'] },
    ]);
  });

  it('reads a character whose UTF-8 bytes are split between two chunks, in short and long texts', async () => {
    const chunk = 256 * 1024; // the reader's read size: a stored sheet arrives in pieces of this many bytes
    for (const text of ['中文', `上海${'集成电路'.repeat(6)}`]) {
      for (const before of [1, 2]) {
        // Row 1 pads the sheet (chunks count from the entry's first byte) so that the first character
        // of row 2's text has `before` of its three bytes in the first chunk.
        const head = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
        const rest = `</t></is></c></row><row r="2"><c r="A2" t="str"><v>`;
        const pad = chunk - before - head.length - rest.length;
        const path = join(dir, `split-${text.length}-${before}.xlsx`);
        storedXlsx(path, `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(pad)}</t></is></c></row><row r="2"><c r="A2" t="str"><v>${text}</v></c><c r="B2" t="str"><v>${text}</v></c></row>`);
        const rows = await rowsOf(path);
        expect(rows.map((r) => r.row)).toEqual([1, 2]);
        expect(rows[1]!.cells).toEqual([text, text]);
      }
    }
  });

  it('numbers rows and cells without r attributes in order, across chunk ends', async () => {
    const xml: string[] = [];
    for (let r = 1; r <= 9000; r++) xml.push(`<row><c t="str"><v>${r}</v></c><c t="str"><v>第${r % 50}行</v></c></row>`);
    storedXlsx(join(dir, 'no-refs.xlsx'), xml.join(''));
    const rows = await rowsOf(join(dir, 'no-refs.xlsx'));
    expect(rows).toHaveLength(9000);
    rows.forEach((r, i) => expect(r).toEqual({ row: i + 1, cells: [String(i + 1), `第${(i + 1) % 50}行`] }));
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
