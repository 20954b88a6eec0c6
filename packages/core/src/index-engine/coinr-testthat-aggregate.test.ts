/**
 * COINr 1.1.14's own unit tests for aggregation and PCA (tests/testthat/test-aggregate.R,
 * test-PCA.R), ported with the same inputs and expectations (runif() inputs from a seeded
 * generator; values COINr computes inline written out as formulas). See coinr-testthat.test.ts
 * for the other methods.
 *
 * Not shared: agg_purse (purses), a_genmean, outrankMatrix's own output (Keping returns the
 * Copeland scores only: its entries are checked through them), aggregation by a custom function
 * (silly_aggregate) or by "sum" without weights (sum_by_level), by_df, get_PCA's coin output and
 * prcomp objects (Keping returns the eigenvalues and loadings themselves).
 */
import { describe, expect, it } from 'vitest';
import { asem, expectEqual } from './coinr-testthat.fixture.js';
import { createRng } from '../random.js';
import type { AggregationMethod } from './aggregate.js';
import { computeIndex } from './compute.js';
import { copelandScores } from './copeland.js';
import { matrixFromRows } from './matrix.js';
import { pcaLoadings, pcaWeights } from './pca.js';
import type { IndicatorNode } from './system.js';


/** One-level index of rows × weights, data as given (normalisation 'none'). */
function flat(rows: (number | null)[][], weights: readonly number[], aggregation: AggregationMethod, minCoverage?: number) {
  const ids = weights.map((_, j) => `x${j}`);
  const system: IndicatorNode = { id: 'index', children: ids.map((id, j) => ({ id, weight: weights[j] as number })) };
  return computeIndex(matrixFromRows(rows.map((_, u) => `u${u}`), ids, rows), {
    system, normalisation: { method: 'none' }, aggregation, ...(minCoverage === undefined ? {} : { minCoverage }),
  });
}

function scores(r: ReturnType<typeof flat>): Float64Array {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result.scores;
}

const weightedMean = (x: readonly (number | null)[], w: readonly number[]): number => {
  let s = 0;
  let t = 0;
  x.forEach((v, j) => {
    if (v === null || Number.isNaN(v)) return;
    s += (w[j] as number) * v;
    t += w[j] as number;
  });
  return t > 0 ? s / t : Number.NaN;
};

describe('COINr testthat: test-aggregate.R', () => {
  const rng = createRng('agg_df');
  const X = Array.from({ length: 20 }, () => Array.from({ length: 5 }, () => rng.next()));

  it('agg_df: the default is the row mean; weights 1:5 give weighted.mean; dat_thresh 0.5 leaves a row with 4/5 gaps out', () => {
    expectEqual(scores(flat(X, [1, 1, 1, 1, 1], 'arithmetic')), X.map((row) => row.reduce((s, v) => s + v, 0) / 5));
    const w = [1, 2, 3, 4, 5];
    const weighted = X.map((row) => weightedMean(row, w));
    expectEqual(scores(flat(X, w, 'arithmetic')), weighted);
    const gaps: (number | null)[][] = X.map((row, u) => (u === 0 ? [null, null, null, null, row[4] as number] : row));
    const r = scores(flat(gaps, w, 'arithmetic', 0.5)); // Keping's minCoverage is COINr's dat_thresh
    expect(Number.isNaN(r[0])).toBe(true);
    expectEqual(r.subarray(1), weighted.slice(1));
  });

  it('agg_coin: three levels over ASEM with random weights equal the weighted means taken level by level', () => {
    const wr = createRng('agg_coin');
    const weight = new Map(asem.nodes.map((n) => [n.code, wr.next()]));
    const tree = (code: string): IndicatorNode => {
      const kids = asem.children(code);
      const w = weight.get(code) as number;
      return kids.length === 0 ? { id: code, weight: w, direction: asem.node(code).direction ?? 1 } : { id: code, weight: w, children: kids.map((k) => tree(k.code)) };
    };
    const root = asem.nodes.find((n) => n.parent === null)?.code as string;
    const r = computeIndex(asem.data(), { system: tree(root), normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // by hand: min-max onto [0, 100] with directions, then weighted means up the tree
    const values = new Map<string, number[]>();
    for (const code of asem.indicators) {
      const x = Array.from(asem.column(code));
      const p = x.filter((v) => v === v);
      const lo = Math.min(...p);
      const hi = Math.max(...p);
      values.set(code, x.map((v) => ((asem.node(code).direction ?? 1) === 1 ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)) * 100));
    }
    const byHand = (code: string): number[] => {
      const known = values.get(code);
      if (known) return known;
      const kids = asem.children(code);
      const cols = kids.map((k) => byHand(k.code));
      const out = asem.units.map((_, u) => weightedMean(cols.map((c) => c[u] as number), kids.map((k) => weight.get(k.code) as number)));
      values.set(code, out);
      return out;
    };
    for (const node of r.result.nodes) expectEqual(node.scores, byHand(node.id));
  });

  it('agg_functions: a_gmean, its refusal of −1 and 0, weighted; a_hmean weighted (a_genmean not shared)', () => {
    expectEqual(scores(flat([[1, 2, 3]], [1, 1, 1], 'geometric')), [(1 * 2 * 3) ** (1 / 3)]);
    expect(flat([[1, 2, -1]], [1, 1, 1], 'geometric').ok).toBe(false);
    expect(flat([[1, 2, 0]], [1, 1, 1], 'geometric').ok).toBe(false);
    expectEqual(scores(flat([[1, 2, 3]], [1, 1, 2], 'geometric')), [(1 * 2 * 3 ** 2) ** (1 / 4)]);
    expectEqual(scores(flat([[1, 2, 3]], [2, 1, 1], 'harmonic')), [4 / (2 / 1 + 1 / 2 + 1 / 3)]);
  });

  // outranking and copeland: X = (1:4, c(3:1, 5), c(2, 3, 1, 4)), equal weights
  const O = [[1, 3, 2], [2, 2, 3], [3, 1, 1], [4, 5, 4]];
  /** outrankMatrix's entry [i, j]: weights where i is higher, plus half those where equal. */
  const orm = (i: number, j: number): number => {
    const a = O[i] as number[];
    const b = O[j] as number[];
    return a.reduce((s, v, c) => s + (v > (b[c] as number) ? 1 / 3 : v === b[c] ? 1 / 6 : 0), 0);
  };

  it('outranking: the entries [2,1] = 2/3, [3,1] = 1/3, [4,1] = 1 and 3 dominant pairs, through the Copeland scores', () => {
    expectEqual([orm(1, 0), orm(2, 0), orm(3, 0)], [2 / 3, 1 / 3, 1]);
    const dominant = O.flatMap((_, i) => O.map((__, j) => (i !== j && orm(i, j) === 1 ? 1 : 0))).reduce((s: number, v) => s + v, 0);
    expect(dominant).toBe(3);
  });

  it('copeland: the row sums of the signed outranking matrix; two units that split evenly score 0 each', () => {
    const expected = O.map((_, i) => O.reduce((s: number, __, j) => s + (i === j ? 0 : Math.sign(orm(i, j) - 0.5)), 0));
    expect(Array.from(scores(flat(O, [1, 1, 1], 'copeland')))).toEqual(expected);
    const out = new Float64Array(4);
    copelandScores([0, 1, 2].map((c) => Float64Array.from(O, (row) => row[c] as number)), [1, 1, 1], out, { missing: 'coinr' });
    expect(Array.from(out)).toEqual(expected);
    expect(Array.from(scores(flat([[1, 2], [2, 1]], [1, 1], 'copeland')))).toEqual([0, 0]);
  });

  it('aggregation by level: a_amean from indicators to Physical, a_gmean from pillars to Conn (raw data, metadata weights)', () => {
    // COINr's Aggregate() on the raw set applies no directions: every indicator forwards here
    const tree = (code: string): IndicatorNode => {
      const kids = asem.children(code);
      const level = asem.node(code).level;
      if (kids.length === 0) return { id: code };
      return { id: code, aggregation: level === 3 ? 'geometric' : 'arithmetic', children: kids.map((k) => tree(k.code)) };
    };
    const root = asem.nodes.find((n) => n.parent === null)?.code as string;
    const r = computeIndex(asem.data(), { system: tree(root), normalisation: { method: 'none' }, aggregation: 'arithmetic' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const node = (id: string) => r.result.nodes.find((n) => n.id === id)?.scores as Float64Array;
    const physical = asem.children('Physical').map((k) => asem.column(k.code)[0] as number);
    expectEqual([node('Physical')[0] as number], [weightedMean(physical, physical.map(() => 1))]);
    const pillars = asem.children('Conn').map((k) => node(k.code)[0] as number);
    expectEqual([node('Conn')[0] as number], [Math.exp(pillars.reduce((s, v) => s + Math.log(v), 0) / pillars.length)]);
  });
});

describe('COINr testthat: test-PCA.R', () => {
  it('get_pca: PCA of each group under Sust (raw data, complete cases), one weight per indicator', () => {
    const groups = asem.children('Sust').map((g) => g.code);
    expect(new Set(groups)).toEqual(new Set(['Environ', 'Social', 'SusEcFin']));
    for (const g of groups) {
      const codes = asem.children(g).map((k) => k.code);
      const cols = codes.map((c) => asem.column(c));
      const data = matrixFromRows(asem.units, codes, asem.units.map((_, u) => cols.map((c) => {
        const v = c[u] as number;
        return v === v ? v : null;
      })));
      const p = pcaLoadings(data);
      const w = pcaWeights(data, { method: 'coinr' });
      if (!p.ok || !w.ok) throw new Error('PCA refused');
      expect(p.result.loadings.length).toBe(codes.length);
      expect(w.result.weights.length).toBe(codes.length);
      expectEqual(w.result.weights, p.result.loadings[0] as Float64Array);
    }
  });
});
