/** `keping index compute`: exact scores from CSV and XLSX, rank bands, and every kind of bad input. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locale } from '@keping/core';
import ExcelJS from '../src/files/exceljs.js';
import { describe, expect, it } from 'vitest';
import { columnLetter, runIndex } from '../src/cli/index.command.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-index-'));
let files = 0;

function file(name: string, text: string): string {
  const path = join(dir, `${files++}-${name}`);
  writeFileSync(path, text);
  return path;
}

async function run(args: string[], locale: Locale = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIndex(args, { out: (s) => out.push(s), err: (s) => err.push(s), locale });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const DATA = ['id,rd,patents,cost,talent', 'E1,10,5,30,1', 'E2,20,1,10,2', 'E3,40,3,20,4', 'E4,30,9,50,3'];
const SPEC = {
  normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic',
  groups: [
    { id: 'innovation', weight: 0.4, indicators: [{ id: 'rd', direction: 1, weight: 1 }, { id: 'patents', direction: 1, weight: 3 }] },
    { id: 'efficiency', weight: 0.6, indicators: [{ id: 'cost', direction: -1, weight: 1 }, { id: 'talent', direction: 1, weight: 1 }] },
  ],
};
const spec = (s: object = SPEC) => file('spec.json', JSON.stringify(s));

function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
}

/** The formulas, written out independently of the engine. */
function expected(rows: number[][], s: typeof SPEC, norm: (col: number[], x: number, dir: number) => number, geometric = false) {
  const columns = ['rd', 'patents', 'cost', 'talent'];
  const mean = (xs: number[], ws: number[]) => {
    const total = ws.reduce((a, b) => a + b, 0);
    return geometric ? Math.exp(xs.reduce((a, x, i) => a + (ws[i] as number) * Math.log(x), 0) / total) : xs.reduce((a, x, i) => a + (ws[i] as number) * x, 0) / total;
  };
  return rows.map((row) => {
    const groups = s.groups.map((g) => mean(g.indicators.map((i) => {
      const j = columns.indexOf(i.id);
      return norm(rows.map((r) => r[j] as number), row[j] as number, i.direction);
    }), g.indicators.map((i) => i.weight ?? 1)));
    return { index: mean(groups, s.groups.map((g) => g.weight)), groups };
  });
}
const ROWS = DATA.slice(1).map((l) => l.split(',').slice(1).map(Number));

describe('keping index compute', () => {
  it('writes id,score,rank,score_<group> sorted by rank, exactly as min-max and the weighted means define them', async () => {
    const out = join(dir, 'out.csv');
    const r = await run(['compute', '--spec', spec(), '--data', file('d.csv', DATA.join('\n')), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ranked 4 of 4 units on 4 indicators in 2 groups');
    const table = readCsv(out);
    expect(table[0]).toEqual(['id', 'score', 'rank', 'score_innovation', 'score_efficiency']);
    const minmax = (col: number[], x: number, dir: number) => {
      const [lo, hi] = [Math.min(...col), Math.max(...col)];
      return (100 * (dir === 1 ? x - lo : hi - x)) / (hi - lo);
    };
    const want = expected(ROWS, SPEC, minmax);
    const byId = new Map(table.slice(1).map((row) => [row[0], row]));
    want.forEach((w, u) => {
      const row = byId.get(`E${u + 1}`) as string[];
      expect(Number(row[1])).toBeCloseTo(w.index, 12);
      expect(Number(row[3])).toBeCloseTo(w.groups[0] as number, 12);
      expect(Number(row[4])).toBeCloseTo(w.groups[1] as number, 12);
    });
    const order = [...want.keys()].sort((a, b) => (want[b]?.index as number) - (want[a]?.index as number));
    expect(table.slice(1).map((row) => [row[0], row[2]])).toEqual(order.map((u, i) => [`E${u + 1}`, String(i + 1)]));
  });

  it('z-scores with the sample standard deviation and aggregates geometrically when asked', async () => {
    const z = { ...SPEC, normalisation: { method: 'zscore' } };
    const out = join(dir, 'z.csv');
    expect((await run(['compute', '--spec', spec(z), '--data', file('d.csv', DATA.join('\n')), '--out', out])).code).toBe(0);
    const zscore = (col: number[], x: number, dir: number) => {
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / (col.length - 1));
      return (dir * (x - m)) / sd;
    };
    const want = expected(ROWS, SPEC, zscore);
    for (const row of readCsv(out).slice(1)) expect(Number(row[1])).toBeCloseTo(want[Number(row[0]?.slice(1)) - 1]?.index as number, 12);

    const g = { ...SPEC, aggregation: 'geometric', normalisation: { method: 'minmax', range: [1, 100] } };
    const gout = join(dir, 'g.csv');
    expect((await run(['compute', '--spec', spec(g), '--data', file('d.csv', DATA.join('\n')), '--out', gout])).code).toBe(0);
    const minmax1 = (col: number[], x: number, dir: number) => {
      const [lo, hi] = [Math.min(...col), Math.max(...col)];
      return 1 + (99 * (dir === 1 ? x - lo : hi - x)) / (hi - lo);
    };
    const gw = expected(ROWS, SPEC, minmax1, true);
    for (const row of readCsv(gout).slice(1)) expect(Number(row[1])).toBeCloseTo(gw[Number(row[0]?.slice(1)) - 1]?.index as number, 12);
  });

  it('reads XLSX to the same result as CSV, and leaves an empty cell out of its group mean', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    for (const line of DATA) sheet.addRow(line.split(',').map((c, i) => (i === 0 || Number.isNaN(Number(c)) ? c : Number(c))));
    const xlsx = join(dir, 'd.xlsx');
    await book.xlsx.writeFile(xlsx);
    const a = join(dir, 'x.csv');
    const b = join(dir, 'c.csv');
    const s = spec();
    expect((await run(['compute', '--spec', s, '--data', xlsx, '--out', a])).code).toBe(0);
    expect((await run(['compute', '--spec', s, '--data', file('d.csv', DATA.join('\n')), '--out', b])).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));

    const gap = join(dir, 'gap.csv');
    expect((await run(['compute', '--spec', s, '--data', file('d.csv', [...DATA.slice(0, 4), 'E4,30,,50,3'].join('\n')), '--out', gap])).code).toBe(0);
    const e4 = readCsv(gap).find((row) => row[0] === 'E4') as string[];
    expect(Number(e4[3])).toBe(2 / 3 * 100); // rd only: (30 − 10)/(40 − 10)
  });

  it('adds rank_median,rank_p05,rank_p95 from a seeded Monte Carlo run, the same for the same seed', async () => {
    const s = spec({ ...SPEC, uncertainty: { normalisations: [{ method: 'rank' }], weightPerturbation: 0.3 } });
    const data = file('d.csv', DATA.join('\n'));
    const a = join(dir, 'mc1.csv');
    const b = join(dir, 'mc2.csv');
    const r = await run(['compute', '--spec', s, '--data', data, '--out', a, '--uncertainty', '200', '--seed', '7'], 'zh-CN');
    expect(r.code).toBe(0);
    expect(r.out).toContain('不确定性分析：200 次蒙特卡洛重复，种子 7；名次区间精确');
    await run(['compute', '--spec', s, '--data', data, '--out', b, '--uncertainty', '200', '--seed', '7']);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const table = readCsv(a);
    expect(table[0]?.slice(-3)).toEqual(['rank_median', 'rank_p05', 'rank_p95']);
    for (const row of table.slice(1)) {
      const [median, p05, p95] = row.slice(-3).map(Number) as [number, number, number];
      expect(p05 <= median && median <= p95).toBe(true);
    }
  });

  it('names the spec path of an unknown indicator and of weights summing to 0, writing nothing', async () => {
    const out = join(dir, 'never.csv');
    const data = file('d.csv', DATA.join('\n'));
    const unknown = { ...SPEC, groups: [SPEC.groups[0], { id: 'efficiency', weight: 0.6, indicators: [{ id: 'revenue', direction: 1, weight: 1 }] }] };
    const r = await run(['compute', '--spec', spec(unknown), '--data', data, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/spec\.json: Indicator "revenue" \(groups\[1\]\.indicators\[0\]\.id\) is not a column of the data/);
    const zero = { ...SPEC, groups: SPEC.groups.map((g) => ({ ...g, weight: 0 })) };
    const z = await run(['compute', '--spec', spec(zero), '--data', data, '--out', out], 'zh-CN');
    expect(z.code).toBe(1);
    expect(z.err).toContain('“index”下各项权重之和为 0（groups）');
    const typo = await run(['compute', '--spec', spec({ ...SPEC, normalisation: { method: 'minmax', range: [100, 0] }, aggregation: 'mean' }), '--data', data, '--out', out]);
    expect(typo.err).toContain('Spec aggregation: must be one of "arithmetic", "geometric", "harmonic", "copeland"');
    expect(typo.err).toContain('Spec normalisation.range is invalid');
    expect(existsSync(out)).toBe(false);
  });

  it('names the row and cell of non-numeric values, in Chinese by default', async () => {
    const data = file('bad.csv', [...DATA.slice(0, 2), 'E2,20,abc,10,2', 'E3,40,3,20,x4', 'E4,30,9,50,3'].join('\n'));
    const r = await run(['compute', '--spec', spec(), '--data', data, '--out', join(dir, 'never.csv')], 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.csv 第 3 行，单元格 C3：“abc”不是数字（指标“patents”）');
    expect(r.err).toContain('bad.csv 第 4 行，单元格 E4：“x4”不是数字（指标“talent”）');
    expect(r.err).toContain('发现 2 个问题');
  });

  it('refuses an indicator with zero variance and a negative value under geometric aggregation, naming row and cell', async () => {
    const flat = file('flat.csv', DATA.map((l, i) => (i === 0 ? l : l.replace(/,\d+$/, ',7'))).join('\n'));
    const r = await run(['compute', '--spec', spec(), '--data', flat, '--out', join(dir, 'never.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Indicator "talent" has the same value for all 4 units');
    const geometric = { ...SPEC, aggregation: 'geometric', normalisation: { method: 'none' }, groups: [{ id: 'all', weight: 1, indicators: [{ id: 'rd', direction: 1, weight: 1 }, { id: 'talent', direction: 1, weight: 1 }] }] };
    const negative = file('neg.csv', DATA.map((l) => l.replace('E3,40,3,20,4', 'E3,40,3,20,-4')).join('\n'));
    const g = await run(['compute', '--spec', spec(geometric), '--data', negative, '--out', join(dir, 'never.csv')]);
    expect(g.code).toBe(1);
    expect(g.err).toContain('neg.csv, row 4, cell E4: Indicator "talent", unit E3: value -4 is -4 after normalisation, but geometric aggregation needs every value above 0');
  });

  it('exits 2 with the usage on a missing or unknown option', async () => {
    expect((await run(['compute', '--spec', 'a.json', '--data', 'b.csv'])).code).toBe(2);
    expect((await run(['compute', '--spec', 'a.json', '--data', 'b.csv', '--out', 'c.csv', '--bogus'])).code).toBe(2);
    expect((await run(['compute', '--spec', 'a.json', '--data', 'b.csv', '--out', 'c.csv', '--uncertainty', 'many'])).code).toBe(2);
    const r = await run(['rank']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: keping index compute --spec SPEC.json');
    expect(columnLetter(0) + columnLetter(25) + columnLetter(26) + columnLetter(701)).toBe('AZAAZZ');
  });

  it('takes groups of groups, each level aggregating its own way, and writes a score column for every group', async () => {
    const nested = {
      normalisation: { method: 'minmax', range: [1, 2] }, aggregation: 'arithmetic',
      groups: [
        { id: 'inputs', weight: 2, aggregation: 'geometric', groups: [
          { id: 'money', indicators: [{ id: 'rd' }, { id: 'cost', direction: -1 }] },
          { id: 'people', indicators: [{ id: 'talent' }] },
        ] },
        { id: 'outputs', indicators: [{ id: 'patents' }] },
      ],
    };
    const data = file('d.csv', DATA.join('\n'));
    const out = join(dir, 'nested.csv');
    const r = await run(['compute', '--spec', spec(nested), '--data', data, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('on 4 indicators in 4 groups');
    const [header, ...rows] = readCsv(out);
    expect(header).toEqual(['id', 'score', 'rank', 'score_inputs', 'score_money', 'score_people', 'score_outputs']);
    // by hand: min-max to [1, 2], money = mean(rd, −cost), inputs = √(money·people), index = (2·inputs + outputs)/3
    const n = (j: number, x: number, dir = 1) => {
      const col = ROWS.map((row) => row[j] as number);
      const lo = Math.min(...col);
      const hi = Math.max(...col);
      return 1 + (dir === 1 ? x - lo : hi - x) / (hi - lo);
    };
    for (const row of rows) {
      const raw = ROWS[DATA.slice(1).findIndex((l) => l.startsWith(`${row[0]},`))] as number[];
      const money = (n(0, raw[0] as number) + n(2, raw[2] as number, -1)) / 2;
      const people = n(3, raw[3] as number);
      const inputs = Math.sqrt(money * people);
      expect(Number(row[4])).toBeCloseTo(money, 12);
      expect(Number(row[3])).toBeCloseTo(inputs, 12);
      expect(Number(row[1])).toBeCloseTo((2 * inputs + n(1, raw[1] as number)) / 3, 12);
    }
    // the same tree as an index round stores it runs unchanged and gives the same file
    const tree = { ...nested, groups: undefined, system: { id: 'index', children: [
      { id: 'inputs', weight: 2, aggregation: 'geometric', children: [
        { id: 'money', children: [{ id: 'rd' }, { id: 'cost', direction: -1 }] }, { id: 'people', children: [{ id: 'talent' }] },
      ] },
      { id: 'outputs', children: [{ id: 'patents' }] },
    ] } };
    const treeOut = join(dir, 'tree.csv');
    expect((await run(['compute', '--spec', spec(tree), '--data', data, '--out', treeOut])).code).toBe(0);
    expect(readFileSync(treeOut, 'utf8')).toBe(readFileSync(out, 'utf8'));
    // an unknown indicator deep in the tree is named at its place
    const wrong = { ...nested, groups: [{ ...nested.groups[0], groups: [{ id: 'money', indicators: [{ id: 'rd' }, { id: 'revenue' }] }] }, nested.groups[1]] };
    const bad = await run(['compute', '--spec', spec(wrong), '--data', data, '--out', join(dir, 'never.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('(groups[0].groups[0].indicators[1].id)');
  });
});
