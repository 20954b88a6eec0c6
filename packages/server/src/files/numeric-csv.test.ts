import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCell } from './numeric-cell.js';
import { readNumericCsv } from './numeric-csv.js';
import { readNumericCsvInTwo } from './numeric-csv-parallel.js';
import { openTable } from './table-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-numcsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Event = ['begin', number, string] | ['value', number, number] | ['bad', number, number, string];

function recorder(): { events: Event[]; sink: Parameters<typeof readNumericCsv>[3] } {
  const events: Event[] = [];
  return {
    events,
    sink: {
      begin: (line, id) => events.push(['begin', line, id]),
      value: (slot, v) => events.push(['value', slot, v]),
      bad: (slot, column, text) => events.push(['bad', slot, column, text]),
    },
  };
}

/** The general reader's view of the same file, as the same events. */
async function generalEvents(path: string, slotOfColumn: Int32Array): Promise<Event[]> {
  const events: Event[] = [];
  const table = await openTable(path);
  for await (const { row, cells } of table.rows) {
    events.push(['begin', row, cells[0] ?? '']);
    for (let c = 1; c < slotOfColumn.length; c++) {
      const slot = slotOfColumn[c]!;
      if (slot < 0) continue;
      const text = cells[c] ?? '';
      const v = parseCell(text);
      events.push(v === undefined ? ['bad', slot, c, text] : ['value', slot, v]);
    }
  }
  return events;
}

const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((x) => x.toPrecision(6)),
  fc.double({ min: 1e-30, max: 1e30, noNaN: true }).map((x) => x.toExponential(4)),
  fc.constantFrom('', ' 12.5 ', 'NA', 'n/a', '#N/A', 'abc', '1e', '0x1F', '12345678901234567890', '00012', '.5', '5.', '-0', '+3', '１２'),
);

describe('readNumericCsv', () => {
  it('reads exactly what the general reader and parseCell read', async () => {
    let files = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('U1', ' 单位 ', '', 'x'), fc.array(cell, { minLength: 0, maxLength: 4 })), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(),
        async (rows, eol, bom, blankLines) => {
          const lines = ['id,a,skip,b', ...rows.map(([id, cells], i) => [`${id}${i}`, ...cells].join(','))];
          if (blankLines) lines.splice(2, 0, ',,', '');
          const path = join(dir, `p${files++}.csv`);
          writeFileSync(path, (bom ? '\ufeff' : '') + lines.join(eol) + (rows.length % 2 ? eol : ''));
          const slotOfColumn = Int32Array.from([-1, 0, -1, 1]);
          const { events, sink } = recorder();
          expect(await readNumericCsv(path, slotOfColumn, parseCell, sink)).toBe(true);
          expect(events).toEqual(await generalEvents(path, slotOfColumn));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hands quoted files, lone CRs and other encodings back to the general reader', async () => {
    const slotOfColumn = Int32Array.from([-1, 0]);
    const cases: [string, Buffer][] = [
      ['quoted.csv', Buffer.from('id,a\n"U,1",2\n')],
      ['lone-cr.csv', Buffer.from('id,a\nU1,2\rU2,3\n')],
      ['gb18030.csv', Buffer.from([0x69, 0x64, 0x2c, 0x61, 0x0a, 0xc9, 0xcf, 0xba, 0xa3, 0x2c, 0x31, 0x0a])], // 上海,1
    ];
    for (const [name, bytes] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      expect(await readNumericCsv(path, slotOfColumn, parseCell, recorder().sink), name).toBe(false);
    }
  });
});

describe('readNumericCsvInTwo', () => {
  it('reads on two threads exactly what the sequential reader reads: rows, numbers, problems, line numbers', async () => {
    let files = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('U', ' 单位 ', ''), fc.array(cell, { minLength: 0, maxLength: 4 })), { minLength: 2, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(),
        async (rows, eol, bom, blankLines) => {
          const lines = ['id,a,skip,b', ...rows.map(([id, cells], i) => [`${id}${i}`, ...cells].join(','))];
          if (blankLines) lines.splice(Math.floor(lines.length / 2), 0, ',,', '');
          const path = join(dir, `two${files++}.csv`);
          writeFileSync(path, (bom ? '\ufeff' : '') + lines.join(eol) + (rows.length % 2 ? eol : ''));
          const slotOfColumn = Int32Array.from([-1, 1, -1, 0]);
          const one = recorder();
          const two = recorder();
          expect(await readNumericCsv(path, slotOfColumn, parseCell, one.sink)).toBe(true);
          expect(await readNumericCsvInTwo(path, slotOfColumn, two.sink, 0)).toBe(true);
          expect(two.events).toEqual(one.events);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('hands a quote in the second half back to the general reader', async () => {
    const path = join(dir, 'late-quote.csv');
    writeFileSync(path, ['id,a', ...Array.from({ length: 50 }, (_, i) => `U${i},${i}`), '"U,50",1', ''].join('\n'));
    expect(await readNumericCsvInTwo(path, Int32Array.from([-1, 0]), recorder().sink, 0)).toBe(false);
  });
});
