/**
 * Conformance with COINr's outlier treatment on small cases (fixtures/coinr-treat-cases.json, written by
 * `npm run bench -- coinr` from COINr 1.1.14's Treat on a vector): extremes tied at both ends, a negative
 * skew, missing values, a heavy tail, mostly tied values, each with winmax 1 and 5. No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treatOutliers } from './outliers.js';

interface Case { data: string; winmax: number; treatment: 'none' | 'winsorised' | 'log'; points: number; x: (number | null)[]; treated: (number | null)[] }

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-treat-cases.json'), 'utf8')) as { peer: string; cases: Case[] };

describe(`outlier treatment against ${fixture.peer} on small cases`, () => {
  it('has every case with winmax 1 and 5, and both outcomes', () => {
    expect(new Set(fixture.cases.map((c) => c.winmax))).toEqual(new Set([1, 5]));
    expect(new Set(fixture.cases.map((c) => c.treatment))).toEqual(new Set(['winsorised', 'log']));
    expect(fixture.cases.some((c) => c.x.includes(null))).toBe(true);
  });

  it.each(fixture.cases.map((c) => [`${c.data}, winmax ${c.winmax}: ${c.treatment}`, c] as const))('%s', (_name, c) => {
    const x = Float64Array.from(c.x, (v) => v ?? Number.NaN);
    const ours = treatOutliers(x, { winmax: c.winmax, negativeLog: 'coinr' });
    expect(ours.report.treatment).toBe(c.treatment);
    if (c.treatment === 'winsorised') expect(ours.report.winsorised.length).toBe(c.points);
    c.treated.forEach((v, i) => {
      if (v === null) expect(Number.isNaN(ours.values[i])).toBe(true);
      else expect(Math.abs((ours.values[i] as number) - v)).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * Math.abs(v)));
    });
  });
});
