import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './table-reader.js';
import { trimmable } from './trim.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openTable', () => {
  it('knows every character String.prototype.trim takes off', () => {
    for (let c = 0; c <= 0xffff; c++) expect([c, trimmable(c)]).toEqual([c, String.fromCharCode(c).trim() === '']);
  });

  it('trims cells, skips blank rows and gives the same rows one by one or in batches', async () => {
    const path = join(dir, 'cells.csv');
    const lines = ['uscc,name', ' 1 ,\u3000甲\u00a0', '', ',', ...Array.from({ length: 5000 }, (_, i) => `${i},乙${i}`)];
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const one = await openTable(path);
    expect(one.headers).toEqual(['uscc', 'name']);
    const rows = [];
    for await (const r of one.rows) rows.push(r);
    const batched = [];
    for await (const b of (await openTable(path)).batches) batched.push(...b);
    expect(batched).toEqual(rows);
    expect(rows.slice(0, 2)).toEqual([{ row: 2, cells: ['1', '甲'] }, { row: 5, cells: ['0', '乙0'] }]);
    expect(rows).toHaveLength(5001);
  });
});
