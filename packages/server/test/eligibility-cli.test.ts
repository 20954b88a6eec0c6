/** `keping eligibility`: verdicts from CSV and XLSX, JSON and tables in both languages, every kind of bad input. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locale } from '@keping/core';
import ExcelJS from '../src/files/exceljs.js';
import { describe, expect, it } from 'vitest';
import { runEligibility } from '../src/cli/eligibility.command.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-eligibility-'));
const HEADER = 'id,name,field,established,rd_2021,rd_2022,rd_2023,revenue_2023';
const ROWS = [
  // exactly 5 % a year over 2021–2023: eligible by growth
  'E1,增长企业,人工智能,2015-05-01,20000000,21000000,22050000,',
  // exactly 30 million at exactly 3 %: eligible by amount
  'E2,投入企业,ic,2020-01-01,30000000,30000000,30000000,1000000000',
  // growth fails, amount path lacks revenue: undecided
  'E3,缺数企业,software,2020-01-01,40000000,30000000,31000000,',
  // established less than a year before the as-of date
  'E4,新设企业,新能源,2023-07-01,20000000,21000000,22050000,',
  // not one of the 8 fields
  'E5,汽车企业,汽车,2010-01-01,20000000,21000000,22050000,',
];

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(args: string[], locale: Locale = 'zh-CN') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runEligibility(args, { out: (s) => out.push(s), err: (s) => err.push(s), locale });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface JsonVerdict {
  id: string;
  verdict: string;
  reasons: { rule: string; passed: boolean | null; value: unknown; threshold: unknown; message: string }[];
  missing: string[];
}

describe('keping eligibility', () => {
  const good = file('good.csv', [HEADER, ...ROWS]);
  const base = ['--rules', 'talent-2024', '--as-of', '2024-06-30', '--data'];

  it('prints only a JSON array with verdicts, reasons and missing data', async () => {
    const r = await run([...base, good, '--json'], 'en');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const verdicts = JSON.parse(r.out) as JsonVerdict[];
    expect(verdicts.map((v) => [v.id, v.verdict, v.missing])).toEqual([
      ['E1', 'eligible', []], ['E2', 'eligible', []], ['E3', 'unknown', ['revenue_2023']], ['E4', 'ineligible', []], ['E5', 'ineligible', []],
    ]);
    const growth = verdicts[0]?.reasons.find((x) => x.rule === 'rd_growth');
    expect(growth).toMatchObject({ passed: true, value: 0.05, threshold: 0.05 });
    expect(growth?.message).toBe('Average annual growth of rd 2021–2023 is 5%, meets ≥ 5%');
    expect(verdicts[1]?.reasons.find((x) => x.rule === 'rd_intensity')).toMatchObject({ passed: true, value: 0.03 });
    expect(Object.keys(verdicts[0] ?? {})).toEqual(['id', 'verdict', 'reasons', 'missing']);
  });

  it('prints a readable table in the user’s language', async () => {
    const zh = await run([...base, good]);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('重点产业领域人才专项奖励·企业申报条件（2024 年征求意见稿）（talent-2024，第 1 版），基准日 2024-06-30');
    expect(zh.out).toMatch(/E1\s+增长企业\s+符合条件/);
    expect(zh.out).toContain('无法判定（缺少数据）  （缺少：revenue_2023）');
    expect(zh.out).toContain('✗ 成立年限：成立于 2023-07-01：截至基准日满 0 年，不满足 ≥ 1');
    expect(zh.out).toContain('共 5 家：符合条件 2 家，不符合 2 家，无法判定 1 家');
    const en = await run([...base, good], 'en');
    expect(en.out).toContain('5 in all: 2 eligible, 2 not eligible, 1 undecided');
    expect(en.out).toContain('field "汽车" is not one of');
    expect(en.out).toContain('R&D of the last full year ≥ 30 million CNY: rd_2023 is 22,050,000, does not meet ≥ 30,000,000');
  });

  it('reads XLSX the same as CSV, dates and numbers as cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(HEADER.split(','));
    for (const line of ROWS) {
      const cells: (string | number | Date)[] = line.split(',');
      cells[3] = new Date(`${String(cells[3])}T00:00:00Z`);
      for (let i = 4; i < cells.length; i++) if (cells[i] !== '') cells[i] = Number(cells[i]);
      ws.addRow(cells);
    }
    const path = join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(path);
    const fromXlsx = await run([...base, path, '--json']);
    const fromCsv = await run([...base, good, '--json']);
    expect(fromXlsx.code).toBe(0);
    expect(JSON.parse(fromXlsx.out)).toEqual(JSON.parse(fromCsv.out));
  });

  it('applies the earlier rules by id', async () => {
    const r = await run(['--rules', 'talent-prior', '--as-of', '2024-06-30', '--data', good, '--json']);
    expect((JSON.parse(r.out) as JsonVerdict[]).map((v) => v.verdict)).toEqual(['eligible', 'ineligible', 'ineligible', 'ineligible', 'ineligible']);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([...base, good, '--frobnicate'])).code).toBe(2);
    const date = await run(['--rules', 'talent-2024', '--as-of', '2024-02-30', '--data', good], 'en');
    expect(date.code).toBe(2);
    expect(date.err).toContain('"2024-02-30" is not a date');
    const unknown = await run(['--rules', 'talent-2099', '--as-of', '2024-06-30', '--data', good], 'en');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No rule set "talent-2099"; known rule sets: talent-2024, talent-prior');
  });

  it('names the path of every problem in a malformed rule set file', async () => {
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ id: 'x', version: 1, rule: { id: 'a', kind: 'compare', value: { fact: 'x' }, op: '≥', threshold: 'three' } }));
    const r = await run(['--rules', rules, '--as-of', '2024-06-30', '--data', good], 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain('rules.json: Rule set, rule.op: unknown comparison "≥"');
    expect(r.err).toContain('rules.json: Rule set, rule.threshold: "three" is not a decimal number');
    writeFileSync(rules, '{ "id": ');
    expect((await run(['--rules', rules, '--as-of', '2024-06-30', '--data', good], 'en')).err).toContain('The rule set is not valid JSON');
  });

  it('names the missing columns', async () => {
    const path = file('columns.csv', ['id,name,field,rd_2022,rd_2023', 'E1,甲,ai,1,2']);
    const r = await run([...base, path], 'en');
    expect(r.code).toBe(1);
    for (const column of ['established', 'rd_2021', 'revenue_2023']) expect(r.err).toContain(`columns.csv: The file has no column "${column}"`);
    expect(r.out).toBe('');
  });

  it('names file, row and column of non-numeric amounts, bad dates and duplicate ids, and prints no verdicts', async () => {
    const path = file('bad.csv', [HEADER, ROWS[0] ?? '', 'E2,乙,ai,2020-13-01,1,abc,3,', 'E1,丙,ai,2020-01-01,1,2,3,4', ',丁,ai,2020-01-01,1,2,3,4']);
    const r = await run([...base, path, '--json'], 'en');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('bad.csv, row 3, established: "2020-13-01" is not a date');
    expect(r.err).toContain('bad.csv, row 3, rd_2022: "abc" is not a number');
    expect(r.err).toContain('bad.csv, row 4, id: Id "E1" already appears in row 2');
    expect(r.err).toContain('bad.csv, row 5, id: id is required');
    const zh = await run([...base, path]);
    expect(zh.err).toContain('bad.csv，第 4 行，id：编号“E1”已出现在第 2 行');
    expect(zh.err).toContain('未给出结论：请改正以上 4 处问题后重新运行。');
  });

  it('reports a file that is missing, empty or of the wrong type', async () => {
    expect((await run([...base, join(dir, 'nope.csv')], 'en')).err).toContain('does not exist');
    expect((await run([...base, file('empty.csv', [])], 'en')).code).toBe(1);
    expect((await run([...base, file('header-only.csv', [HEADER])], 'en')).err).toContain('no data rows');
    const txt = await run([...base, file('data.txt', [HEADER])], 'en');
    expect(txt.code).toBe(1);
    expect(txt.err).toContain('Only .csv and .xlsx files');
  });
});
