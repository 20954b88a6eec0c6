/**
 * Conformance with COINr's imputation by group on its ASEM example: `i_mean_grp` by EurAsia_group on
 * the denominated data (fixtures/coinr-asem-impute.json, written by `npm run bench -- coinr` from
 * COINr 1.1.14) against Keping's `{ method: 'mean', by: 'group' }`. No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imputeColumn } from './impute.js';

interface Fixture { peer: string; units: string[]; groups: string[]; indicators: { code: string; input: (number | null)[]; imputed: (number | null)[] }[] }

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'coinr-asem-impute.json'), 'utf8')) as Fixture;
const names = [...new Set(fixture.groups)].sort();
const groups = { codes: Int32Array.from(fixture.groups, (g) => names.indexOf(g)), count: names.length };

describe(`imputation by group against ${fixture.peer} on the ASEM example`, () => {
  it('has 51 units in 2 groups, 49 indicators and 65 missing values', () => {
    expect([fixture.units.length, names.length, fixture.indicators.length]).toEqual([51, 2, 49]);
    expect(fixture.indicators.flatMap((i) => i.input).filter((v) => v === null)).toHaveLength(65);
  });

  it.each(fixture.indicators.map((i) => [i.code, i] as const))('%s: the group means COINr fills in', (_code, ind) => {
    const x = Float64Array.from(ind.input, (v) => v ?? Number.NaN);
    const { values } = imputeColumn(x, { method: 'mean', by: 'group' }, groups);
    ind.imputed.forEach((v, i) => {
      if (v === null) expect(Number.isNaN(values[i])).toBe(true);
      else expect(Math.abs((values[i] as number) - v)).toBeLessThanOrEqual(Math.max(1e-12, 1e-9 * Math.abs(v)));
    });
  });
});
