/**
 * What the ports of COINr's unit tests share (coinr-testthat*.test.ts): the ASEM example as the
 * aggregation fixture holds it, and the comparison every expectation uses (1e-9 relative, 1e-12 absolute).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type IndicatorMatrix, matrixFromRows } from './matrix.js';

/** The ASEM example (COINr's build_example_coin raw set, tree, directions, targets) from the aggregation fixture. */
export interface AsemNode { code: string; level: number; parent: string | null; weight: number; direction: 1 | -1 | null; target: number | null }
const coin = (JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-aggregate.json'), 'utf8')) as {
  coin: { units: string[]; nodes: AsemNode[]; indicators: string[]; raw: (number | null)[][] };
}).coin;
export const asem = {
  ...coin,
  data: (): IndicatorMatrix => matrixFromRows(coin.units, coin.indicators, coin.raw),
  column: (code: string): Float64Array => Float64Array.from(coin.raw, (row) => row[coin.indicators.indexOf(code)] ?? Number.NaN),
  node: (code: string): AsemNode => coin.nodes.find((x) => x.code === code) as AsemNode,
  children: (code: string): AsemNode[] => coin.nodes.filter((n) => n.parent === code),
};

export function expectEqual(ours: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(ours.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const v = expected[i] as number;
    if (Number.isNaN(v)) expect(Number.isNaN(ours[i]), `[${i}]`).toBe(true);
    else expect(Math.abs((ours[i] as number) - v), `[${i}]: ${ours[i]} vs ${v}`).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * Math.abs(v)));
  }
}
