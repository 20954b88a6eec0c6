/**
 * Conformance with COINr 1.1.14 end to end on its ASEM example (fixtures/coinr-asem-pipeline.json,
 * written by `npm run bench -- coinr`): COINr's screened data and 4-level tree as a Keping spec
 * (fixtures/coinr-asem-spec.json), run by COINr through the translator (coinr-imeta.ts) in five
 * variants. Each step is compared: the treated and normalised columns (the engine's own column
 * functions, as prepareLeaves applies them), every pillar, sub-index and the index (computeIndex's
 * nodes) and every rank. No R needed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coinrFromSpec } from './coinr-imeta.js';
import { computeIndex } from './compute.js';
import { matrixFromRows } from './matrix.js';
import { applyTransform, normaliseColumn } from './normalise.js';
import { treatOutliers } from './outliers.js';
import { type IndexSpec, configFromSpec, leavesOf, parseIndexSpec, systemOfSpec } from './spec.js';

type Columns = Record<string, (number | null)[]>;
interface Variant {
  name: string;
  methods: Pick<IndexSpec, 'normalisation' | 'aggregation' | 'outliers'>;
  coinr: unknown;
  treated?: Columns;
  normalised: Columns;
  aggregates: Columns;
  ranks: (number | null)[];
}
interface Fixture { peer: string; input: { units: string[]; columns: Columns }; variants: Variant[] }

const dir = join(import.meta.dirname, 'fixtures');
const fixture = JSON.parse(readFileSync(join(dir, 'coinr-asem-pipeline.json'), 'utf8')) as Fixture;
const parsed = parseIndexSpec(readFileSync(join(dir, 'coinr-asem-spec.json'), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const base = parsed.spec;
const leaves = leavesOf(systemOfSpec(base));
const { units, columns } = fixture.input;
const data = matrixFromRows(units, leaves.map((l) => l.id), units.map((_, u) => leaves.map((l) => columns[l.id]?.[u] ?? null)));
const column = (code: string) => Float64Array.from(columns[code] ?? [], (v) => v ?? Number.NaN);

/** Worst violation of |ours − theirs| ≤ max(1e-12, 1e-9·|theirs|), over one column (0 when all within). */
function excess(ours: ArrayLike<number>, theirs: readonly (number | null)[]): number {
  let worst = 0;
  theirs.forEach((v, i) => {
    const o = ours[i] as number;
    if (v === null) worst = Math.max(worst, Number.isNaN(o) ? 0 : Infinity);
    // written so that a NaN of ours fails too
    else if (!(Math.abs(o - v) <= Math.max(1e-12, 1e-9 * Math.abs(v)))) worst = Math.max(worst, Number.isNaN(o) ? Infinity : Math.abs(o - v));
  });
  return worst;
}

describe(`the ASEM example end to end against ${fixture.peer}`, () => {
  it('has the screened data (51 units × 49 indicators), the 4-level tree and five variants', () => {
    expect(units).toHaveLength(51);
    expect(leaves).toHaveLength(49);
    expect(Object.keys(columns)).toEqual(expect.arrayContaining(leaves.map((l) => l.id)));
    expect(fixture.variants).toHaveLength(5);
    for (const v of fixture.variants) expect(Object.keys(v.aggregates).sort()).toEqual(['ConEcFin', 'Conn', 'Environ', 'Instit', 'P2P', 'Physical', 'Political', 'Social', 'SusEcFin', 'Sust', 'index']);
    expect(fixture.variants.filter((v) => v.treated)).toHaveLength(2);
  });

  describe.each(fixture.variants.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const spec: IndexSpec = { ...base, ...v.methods };

    it('is the spec the translator gave COINr', () => {
      const t = coinrFromSpec(spec);
      expect(t.ok && t.options).toEqual(v.coinr);
    });

    it('treats and normalises every indicator as COINr does', () => {
      const differing: string[] = [];
      for (const leaf of leaves) {
        const raw = column(leaf.id);
        const treated = v.methods.outliers ? treatOutliers(raw, v.methods.outliers === true ? {} : v.methods.outliers).values : raw;
        if (v.treated && excess(treated, v.treated[leaf.id] ?? []) > 0) differing.push(`${leaf.id} treated`);
        const n = normaliseColumn(treated, leaf.direction ?? 1, spec.normalisation, leaf.id);
        if (!n.ok) throw new Error(n.error.code);
        if (excess(applyTransform(treated, n.transform), v.normalised[leaf.id] ?? []) > 0) differing.push(`${leaf.id} normalised`);
      }
      expect(differing).toEqual([]);
    });

    it('scores every pillar, sub-index and the index, and ranks every unit, as COINr does', () => {
      const r = computeIndex(data, configFromSpec(spec));
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const { nodes, ranks } = r.result;
      expect(nodes.map((n) => n.id).sort()).toEqual(Object.keys(v.aggregates).sort());
      const differing = nodes.filter((n) => excess(n.scores, v.aggregates[n.id] ?? []) > 0).map((n) => n.id);
      expect(differing).toEqual([]);
      expect(Array.from(ranks)).toEqual(v.ranks);
    });
  });
});
