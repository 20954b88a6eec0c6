/**
 * Conformance with COINr (the JRC/OECD handbook's R package) on its ASEM example: its default outlier
 * treatment of the screened data (winsorise up to 5 points, else log_CT), as COINr 1.1.14 computed it
 * (fixtures/coinr-asem-treat.json, written by `npm run bench -- coinr`). No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treatOutliers } from './outliers.js';

interface Fixture {
  peer: string;
  units: string[];
  indicators: { code: string; treatment: 'none' | 'winsorised' | 'log'; points: number; input: (number | null)[]; treated: (number | null)[] }[];
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-asem-treat.json'), 'utf8')) as Fixture;

describe(`outlier treatment against ${fixture.peer} on the ASEM example`, () => {
  it('covers 51 units and 49 indicators, 15 of them winsorised by COINr', () => {
    expect(fixture.units).toHaveLength(51);
    expect(fixture.indicators).toHaveLength(49);
    expect(fixture.indicators.filter((i) => i.treatment === 'winsorised')).toHaveLength(15);
  });

  it.each(fixture.indicators.map((i) => [i.code, i] as const))('%s: the same treatment, points and values', (_code, ind) => {
    const x = Float64Array.from(ind.input, (v) => v ?? Number.NaN);
    const ours = treatOutliers(x, { negativeLog: 'coinr' });
    expect(ours.report.treatment).toBe(ind.treatment);
    if (ind.treatment === 'winsorised') expect(ours.report.winsorised.length).toBe(ind.points);
    ind.treated.forEach((v, i) => {
      if (v === null) expect(Number.isNaN(ours.values[i])).toBe(true);
      else expect(Math.abs((ours.values[i] as number) - v)).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * Math.abs(v)));
    });
  });
});
