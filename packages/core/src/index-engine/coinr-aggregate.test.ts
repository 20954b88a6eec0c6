/**
 * Conformance with COINr's aggregation (fixtures/coinr-aggregate.json, written by
 * `npm run bench -- coinr` from COINr 1.1.14): a_amean, a_gmean, a_hmean and a_copeland on small
 * data sets (ties, missing values, unequal weights, exact Copeland draws), each compared with
 * Keping's index over a one-level system with normalisation 'none'; and Aggregate() over the
 * ASEM coin (Raw → n_minmax to [1, 100], unequal weights, three levels) compared node by node
 * with computeIndex on the same tree. No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AggregationMethod } from './aggregate.js';
import { computeIndex } from './compute.js';
import { copelandScores } from './copeland.js';
import { matrixFromRows } from './matrix.js';
import type { IndicatorNode } from './system.js';

type Column = (number | null)[];
interface Case { data: string; weights: number[]; rows: Column[]; a_amean: Column; a_gmean: Column; a_hmean: Column; a_copeland: number[] }
interface CoinNode { code: string; level: number; parent: string | null; weight: number; direction: 1 | -1 | null }
interface Fixture {
  peer: string;
  cases: Case[];
  coin: { units: string[]; nodes: CoinNode[]; indicators: string[]; raw: Column[]; aggregated: Record<string, Record<string, Column>> };
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-aggregate.json'), 'utf8')) as Fixture;
const METHODS: Record<'a_amean' | 'a_gmean' | 'a_hmean' | 'a_copeland', AggregationMethod> = {
  a_amean: 'arithmetic', a_gmean: 'geometric', a_hmean: 'harmonic', a_copeland: 'copeland',
};

function expectClose(ours: ArrayLike<number>, expected: Column, label = ''): void {
  expect(ours.length).toBe(expected.length);
  expected.forEach((v, i) => {
    if (v === null) expect(Number.isNaN(ours[i]), `${label} [${i}]`).toBe(true);
    else expect(Math.abs((ours[i] as number) - v), `${label} [${i}]`).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * Math.abs(v)));
  });
}

function flatIndex(c: Case, method: AggregationMethod): Float64Array {
  const ids = c.weights.map((_, j) => `x${j}`);
  const system: IndicatorNode = { id: 'index', children: ids.map((id, j) => ({ id, weight: c.weights[j] as number })) };
  const r = computeIndex(matrixFromRows(c.rows.map((_, u) => `u${u}`), ids, c.rows), { system, normalisation: { method: 'none' }, aggregation: method });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result.scores;
}

const hasGaps = (c: Case): boolean => c.rows.some((row) => row.includes(null));

describe(`aggregation functions against ${fixture.peer}`, () => {
  it('has ties, gaps, unequal weights and exact draws among its cases', () => {
    expect(fixture.cases.map((c) => c.data)).toEqual(['ties', 'unequal_weights', 'missing', 'copeland_draws', 'testthat']);
  });

  const means = fixture.cases.flatMap((c) => (['a_amean', 'a_gmean', 'a_hmean'] as const).map((f) => [`${f} on ${c.data}`, c, f] as const));
  it.each(means)('%s', (_name, c, f) => {
    expectClose(flatIndex(c, METHODS[f]), c[f]);
  });

  it.each(fixture.cases.filter((c) => !hasGaps(c)).map((c) => [c.data, c] as const))('a_copeland on %s: the engine\'s Copeland scores', (_name, c) => {
    expect(Array.from(flatIndex(c, 'copeland'))).toEqual(c.a_copeland);
  });

  it.each(fixture.cases.map((c) => [c.data, c] as const))('a_copeland on %s: copelandScores with missing: \'coinr\'', (_name, c) => {
    const columns = c.weights.map((_, j) => Float64Array.from(c.rows, (row) => row[j] ?? Number.NaN));
    const out = new Float64Array(c.rows.length);
    copelandScores(columns, c.weights, out, { missing: 'coinr' });
    expect(Array.from(out)).toEqual(c.a_copeland);
  });

  it('with gaps, Keping\'s default Copeland differs from COINr\'s (contests over the children both units have)', () => {
    const c = fixture.cases.find((x) => x.data === 'missing') as Case;
    const ours = Array.from(flatIndex(c, 'copeland'));
    expect(ours).not.toEqual(c.a_copeland);
    // COINr's scores depend on the order of the units; Keping's do not
    const reversed = { ...c, rows: [...c.rows].reverse() };
    expect(Array.from(flatIndex(reversed, 'copeland')).reverse()).toEqual(ours);
  });
});

describe(`Aggregate() on the ASEM coin against ${fixture.peer}`, () => {
  const { coin } = fixture;
  function tree(code: string): IndicatorNode {
    const node = coin.nodes.find((n) => n.code === code) as CoinNode;
    const children = coin.nodes.filter((n) => n.parent === code);
    if (children.length === 0) return { id: code, weight: node.weight, direction: node.direction ?? 1 };
    return { id: code, weight: node.weight, children: children.map((c) => tree(c.code)) };
  }
  const root = coin.nodes.find((n) => n.parent === null) as CoinNode;
  const data = matrixFromRows(coin.units, coin.indicators, coin.raw);

  it('has a tree of three levels above 49 indicators, with gaps in the data', () => {
    expect(coin.indicators.length).toBe(49);
    expect(Math.max(...coin.nodes.map((n) => n.level))).toBe(4);
    expect(coin.raw.some((row) => row.includes(null))).toBe(true);
  });

  it.each(Object.keys(coin.aggregated).map((f) => [f] as const))('%s at every level', (f) => {
    const r = computeIndex(data, { system: tree(root.code), normalisation: { method: 'minmax', range: [1, 100] }, aggregation: METHODS[f as 'a_amean'] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const expected = coin.aggregated[f] as Record<string, Column>;
    expect(r.result.nodes.map((n) => n.id).sort()).toEqual(Object.keys(expected).sort());
    for (const node of r.result.nodes) expectClose(node.scores, expected[node.id] as Column, `${f} ${node.id}`);
  });
});
