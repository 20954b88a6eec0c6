/**
 * The ASEM example data (COINr's build_example_coin raw set, its tree, weights, directions and
 * targets) as fixtures/coinr-aggregate.json holds it, for the ports of COINr's own tests.
 * Test support only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IndicatorMatrix, columnOf, matrixFromRows } from './matrix.js';

export interface AsemNode { code: string; level: number; parent: string | null; weight: number; direction: 1 | -1 | null; target: number | null }

interface AsemFixture { coin: { units: string[]; nodes: AsemNode[]; indicators: string[]; raw: (number | null)[][] } }

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-aggregate.json'), 'utf8')) as AsemFixture;

export const asem = {
  units: fixture.coin.units,
  nodes: fixture.coin.nodes,
  indicators: fixture.coin.indicators,
  raw: fixture.coin.raw,
  data: (): IndicatorMatrix => matrixFromRows(fixture.coin.units, fixture.coin.indicators, fixture.coin.raw),
  column(code: string): Float64Array {
    return columnOf(asem.data(), asem.indicators.indexOf(code));
  },
  node(code: string): AsemNode {
    const n = fixture.coin.nodes.find((x) => x.code === code);
    if (!n) throw new Error(`no ASEM node ${code}`);
    return n;
  },
  children: (code: string): AsemNode[] => fixture.coin.nodes.filter((n) => n.parent === code),
};
