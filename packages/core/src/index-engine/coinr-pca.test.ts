/**
 * Conformance with COINr's get_PCA (fixtures/coinr-pca.json, written by `npm run bench -- coinr`
 * from COINr 1.1.14) on the ASEM example coin: per group and over a whole level, raw data with gaps
 * (complete cases) and the normalised and aggregated sets. Eigenvalues, every component's loadings
 * (up to its sign, fixed so that its largest-|.| loading is positive) and COINr's weights (the first
 * component's loadings, pcaWeights method 'coinr'). No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matrixFromRows } from './matrix.js';
import { pcaLoadings, pcaWeights } from './pca.js';

interface Case {
  run: string; dset: string; group: string; units: string[]; indicators: string[]; data: (number | null)[][];
  complete: number; eigenvalues: number[]; rotation: number[][]; weights: number[];
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-pca.json'), 'utf8')) as { peer: string; cases: Case[] };

const close = (ours: number, v: number): boolean => Math.abs(ours - v) <= Math.max(1e-12, 1e-9 * Math.abs(v));

/** COINr's f-th component (a column of prcomp's rotation), signed as Keping signs it. */
function component(c: Case, f: number): number[] {
  const v = c.rotation.map((row) => row[f] as number);
  const top = v.reduce((t, x) => (Math.abs(x) > Math.abs(t) ? x : t), 0);
  return top < 0 ? v.map((x) => -x) : v;
}

describe(`PCA against ${fixture.peer}`, () => {
  it('has groups with gaps, a whole level of 49 indicators and the pillars', () => {
    expect(fixture.cases.some((c) => c.complete < c.units.length)).toBe(true);
    expect(fixture.cases.some((c) => c.indicators.length === 49)).toBe(true);
    expect(new Set(fixture.cases.map((c) => c.run)).size).toBe(4);
  });

  it.each(fixture.cases.map((c) => [`${c.run} ${c.group} (${c.indicators.length} indicators)`, c] as const))('%s', (_name, c) => {
    const data = matrixFromRows(c.units, c.indicators, c.data);
    const p = pcaLoadings(data);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const { eigenvalues, loadings, units } = p.result;
    expect(units).toBe(c.complete);
    c.eigenvalues.forEach((v, f) => expect(close(eigenvalues[f] as number, v), `eigenvalue ${f}: ${eigenvalues[f]} vs ${v}`).toBe(true));
    c.eigenvalues.forEach((_, f) => {
      const ours = loadings[f] as Float64Array;
      component(c, f).forEach((v, j) => expect(close(ours[j] as number, v), `component ${f}, ${c.indicators[j]}: ${ours[j]} vs ${v}`).toBe(true));
    });
    // COINr's weights: the first component as prcomp signs it; Keping's: the same, signed as above
    const w = pcaWeights(data, { method: 'coinr' });
    if (!w.ok) throw new Error(JSON.stringify(w.errors));
    const sign = Math.sign((component(c, 0)[0] as number) / (c.weights[0] as number));
    c.weights.forEach((v, j) => expect(close(w.result.weights[j] as number, sign * v), `weight ${c.indicators[j]}`).toBe(true));
  });
});
