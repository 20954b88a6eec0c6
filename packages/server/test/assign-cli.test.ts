/** `keping assign`: the three modes from CSV files, reproducible draws, and every kind of bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locale } from '@keping/core';
import { describe, expect, it } from 'vitest';
import { runAssign } from '../src/cli/assign.command.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-assign-'));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(args: string[], locale: Locale = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAssign(args, { out: (s) => out.push(s), err: (s) => err.push(s), locale });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const entries = file('entries.csv', ['id,organisation,category', 'E1,上海甲公司,ai', 'E2,乙大学,ai', 'E3,丙研究院,ic']);
const experts = file('experts.csv', [
  'id,organisation,category',
  'X1,上海甲公司,ai;ic', // same organisation as E1: a conflict
  'X2,乙大学,ai',
  'X3,丁医院,ai|ic',
  'X4,戊公司,ic',
  'X5,,ai',
]);
const affinity = file('affinity.csv', [
  'entry_id,expert_id,score',
  'E1,X1,0.99', 'E1,X2,0.8', 'E1,X3,0.6', 'E1,X5,0.5',
  'E2,X1,0.7', 'E2,X3,0.9', 'E2,X5,0.4',
  'E3,X3,0.3', 'E3,X4,0.95', 'E3,X1,0.2',
]);
const conflicts = file('conflicts.csv', ['entry_id,expert_id', 'E2,X1']);
const base = ['--entries', entries, '--experts', experts, '--affinity', affinity, '--conflicts', conflicts, '--per-entry', '2', '--max-load', '2'];

function rowsOf(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
}

describe('keping assign', () => {
  it('writes the optimal assignment, honouring conflicts, organisations and categories', async () => {
    const out = join(dir, 'optimal.csv');
    const r = await run([...base, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = rowsOf(out);
    expect(rows[0]).toEqual(['entry_id', 'expert_id', 'score']);
    const pairs = rows.slice(1).map(([e, x]) => `${e}-${x}`);
    expect(pairs).toHaveLength(6);
    expect(pairs).not.toContain('E1-X1'); // same organisation
    expect(pairs).not.toContain('E2-X1'); // listed conflict
    expect(pairs).not.toContain('E2-X2'); // same organisation
    expect(pairs.filter((p) => p.startsWith('E3'))).toEqual(expect.arrayContaining(['E3-X4'])); // X2, X5 are not in category ic
    expect(r.out).toContain('3 entries × 2 experts assigned (optimal)');
    expect(r.out).toContain('Pairs excluded: 1 for conflicts');
  });

  it('draws at random reproducibly from the printed seed, with reserves in a second file', async () => {
    const args = [...base, '--mode', 'random', '--reserves', '1', '--max-load', '3'];
    const first = await run([...args, '--out', join(dir, 'draw1.csv')]);
    expect(first.code).toBe(0);
    const seed = /Seed (\S+):/.exec(first.out)?.[1];
    expect(seed).toBeTruthy();
    const again = await run([...args, '--seed', seed!, '--out', join(dir, 'draw2.csv')]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'draw2.csv'), 'utf8')).toBe(readFileSync(join(dir, 'draw1.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'draw2.reserves.csv'), 'utf8')).toBe(readFileSync(join(dir, 'draw1.reserves.csv'), 'utf8'));
    const reserves = rowsOf(join(dir, 'draw1.reserves.csv'));
    expect(reserves[0]).toEqual(['entry_id', 'expert_id', 'rank', 'draw_position', 'score']);
    for (const [e, x] of reserves.slice(1)) expect(['E1-X1', 'E2-X1', 'E2-X2']).not.toContain(`${e}-${x}`);
  });

  it('reports the fair minimum in Chinese', async () => {
    const r = await run([...base, '--mode', 'fair', '--out', join(dir, 'fair.csv')], 'zh-CN');
    expect(r.code).toBe(0);
    expect(r.out).toContain('公平匹配');
    expect(r.out).toContain('已证明为可能的最大值');
  });

  it('names the file and the missing column', async () => {
    const noScore = file('no-score.csv', ['entry_id,expert_id', 'E1,X2']);
    const r = await run(['--entries', entries, '--experts', experts, '--affinity', noScore, '--per-entry', '1', '--max-load', '2', '--out', join(dir, 'x.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('no-score.csv, row 1: The file has no column "score"');
  });

  it('names file, row and column of a score that is not a number', async () => {
    const badScore = file('bad-score.csv', ['entry_id,expert_id,score', 'E1,X2,0.5', 'E2,X3,high']);
    const r = await run(['--entries', entries, '--experts', experts, '--affinity', badScore, '--per-entry', '1', '--max-load', '2', '--out', join(dir, 'x.csv')], 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.err).toBe('bad-score.csv 第 3 行“score”列：“high”不是数字');
  });

  it('names both rows of a duplicate id', async () => {
    const dup = file('dup.csv', ['id', 'E1', 'E2', '', 'E1', 'E3']);
    const r = await run(['--entries', dup, '--experts', experts, '--affinity', affinity, '--per-entry', '1', '--max-load', '2', '--out', join(dir, 'x.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('dup.csv, row 5, column id: Entry id "E1" appears twice (first in row 2)');
  });

  it('names an affinity row with an unknown expert', async () => {
    const unknown = file('unknown.csv', ['entry_id,expert_id,score', 'E1,X2,0.5', 'E1,X9,0.5']);
    const r = await run(['--entries', entries, '--experts', experts, '--affinity', unknown, '--per-entry', '1', '--max-load', '2', '--out', join(dir, 'x.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('unknown.csv, row 3, column expert_id: Unknown expert "X9"');
  });

  it('explains an entry with fewer eligible experts than k', async () => {
    const r = await run([...base, '--candidates', 'listed', '--per-entry', '3', '--max-load', '3', '--out', join(dir, 'x.csv')]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      'entries.csv, row 3: Entry E2 has only 2 eligible experts (no conflict, right category and expertise) but needs 3',
      'Error: The experts can take at most 8 assignments (their maximum loads, counting only entries each may review), but 3 entries × 3 experts need 9',
      'Error: Category ai: its 2 entries need 6 assignments, but the experts who may review them can take at most 5',
    ]);
  });

  it('answers bad options with the usage and exit code 2', async () => {
    expect((await run(['--entries', entries])).code).toBe(2);
    const k = await run([...base.slice(0, -4), '--per-entry', 'three', '--max-load', '2', '--out', join(dir, 'x.csv')]);
    expect(k.code).toBe(2);
    expect(k.err).toContain('Option --per-entry needs ≥ 1 (got "three")');
    expect(k.err).toContain('keping assign --entries');
    expect((await run([...base, '--mode', 'lottery', '--out', join(dir, 'x.csv')])).code).toBe(2);
  });
});
