/**
 * Conformance with COINr's normalisation functions (fixtures/coinr-methods.json, written by
 * `npm run bench -- coinr` from COINr 1.1.14): each COINr function and its options, and the Keping
 * method that reproduces it, on data with ties at both ends, missing values, zeros and negatives, in
 * both directions. No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTransform, type NormalisationSpec, normaliseColumn } from './normalise.js';

interface Case { data: string; direction: 1 | -1; method: string; params: Record<string, number | boolean>; x: (number | null)[]; expected: (number | null)[] }

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-methods.json'), 'utf8')) as { peer: string; cases: Case[] };

/** COINr's function (and options) → Keping's method with the options that reproduce it. */
function kepingSpec(c: Case): NormalisationSpec {
  switch (c.method) {
    case 'n_rank': return { method: 'rank', ties: 'min' };
    case 'n_rank_average': return { method: 'rank', ties: 'average' };
    case 'n_borda': return { method: 'borda', ties: 'min' };
    case 'n_prank': return { method: 'percentile', ties: 'min', scale: 1 };
    case 'n_dist2max': return { method: 'dist2max' };
    case 'n_fracmax': return { method: 'frontier' };
    case 'n_goalposts': return { method: 'goalposts', low: Number(c.params.low), high: Number(c.params.high), scale: Number(c.params.scale), truncate: Boolean(c.params.truncate) };
    default: throw new Error(`no Keping method for ${c.method}`);
  }
}

describe(`normalisation against ${fixture.peer}`, () => {
  it('has cases for every function, both directions, ties, missing values and zeros', () => {
    expect(new Set(fixture.cases.map((c) => c.method))).toEqual(new Set(['n_rank', 'n_rank_average', 'n_borda', 'n_prank', 'n_dist2max', 'n_fracmax', 'n_goalposts']));
    expect(new Set(fixture.cases.map((c) => c.direction))).toEqual(new Set([1, -1]));
    expect(fixture.cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(fixture.cases.map((c) => [`${c.method} ${JSON.stringify(c.params)} on ${c.data}, direction ${c.direction}`, c] as const))('%s', (_name, c) => {
    const x = Float64Array.from(c.x, (v) => v ?? Number.NaN);
    const result = normaliseColumn(x, c.direction, kepingSpec(c), c.data);
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);
    const y = applyTransform(x, result.transform);
    c.expected.forEach((v, i) => {
      if (v === null) expect(Number.isNaN(y[i])).toBe(true);
      else expect(Math.abs((y[i] as number) - v)).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * Math.abs(v)));
    });
  });
});
