/**
 * The ASEM example end to end against COINr: COINr's own screened data and 4-level tree, written as a
 * Keping spec (fixtures/coinr-asem-spec.json), translated back to iMeta and run by COINr in five
 * variants of treatment, normalisation and aggregation; every step's data set is kept in
 * fixtures/coinr-asem-pipeline.json, which coinr-asem-pipeline.test.ts compares with Keping's engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { computeIndex } from '../packages/core/src/index-engine/compute.js';
import { matrixFromRows } from '../packages/core/src/index-engine/matrix.js';
import { applyTransform, normaliseColumn } from '../packages/core/src/index-engine/normalise.js';
import { treatOutliers } from '../packages/core/src/index-engine/outliers.js';
import { type IndexSpec, configFromSpec, leavesOf, parseIndexSpec, systemOfSpec } from '../packages/core/src/index-engine/spec.js';
import { LIB, runCoinr } from './coinr-peer.lib.js';

/** The variants of the brief: (a)–(e). */
export const ASEM_VARIANTS: { name: string; methods: Pick<IndexSpec, 'normalisation' | 'aggregation' | 'outliers'> }[] = [
  { name: 'a: no treatment, min-max [0, 100], arithmetic', methods: { normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic', outliers: false } },
  { name: 'b: treatment (winmax 5), min-max [0, 100], arithmetic', methods: { normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic', outliers: { winmax: 5, negativeLog: 'coinr' } } },
  { name: 'c: no treatment, z-score (10, 2), arithmetic', methods: { normalisation: { method: 'zscore', scale: [10, 2] }, aggregation: 'arithmetic', outliers: false } },
  { name: 'd: no treatment, min-max [1, 100], geometric', methods: { normalisation: { method: 'minmax', range: [1, 100] }, aggregation: 'geometric', outliers: false } },
  { name: 'e: treatment (winmax 5), min-max [1, 100], geometric', methods: { normalisation: { method: 'minmax', range: [1, 100] }, aggregation: 'geometric', outliers: { winmax: 5, negativeLog: 'coinr' } } },
];

type Columns = Record<string, (number | null)[]>;

export function asemPipeline(fixtures: string): void {
  const dir = resolve('.tmp', 'coinr-asem');
  mkdirSync(dir, { recursive: true });
  const data = join(dir, 'data.csv');
  const specPath = join(fixtures, 'coinr-asem-spec.json');
  const r = spawnSync('Rscript', [join('bench', 'peers', 'coinr', 'asem-export.R'), LIB, data, specPath], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('asem-export.R failed');
  const parsed = parseIndexSpec(readFileSync(specPath, 'utf8'));
  if (!parsed.ok) throw new Error(`the ASEM spec does not parse: ${JSON.stringify(parsed.errors)}`);
  let peer = '';
  let input: { units: string[]; columns: Columns } | undefined;
  const variants = ASEM_VARIANTS.map((v, i) => {
    const run = runCoinr({ ...parsed.spec, ...v.methods }, data, dir, `variant-${'abcde'[i]}`, 'all');
    peer = run.peer;
    const d = run.dsets ?? {};
    input ??= { units: run.units, columns: d.Raw ?? {} };
    const aggregates = new Set(run.iMeta.filter((m) => m.Type === 'Aggregate').map((m) => m.iCode));
    const pick = (cols: Columns | undefined, keep: (code: string) => boolean): Columns =>
      Object.fromEntries(Object.entries(cols ?? {}).filter(([code]) => keep(code)));
    return {
      name: v.name, methods: v.methods, coinr: run.options,
      // no Treated set without treatment: the step equals its input
      ...(d.Treated ? { treated: d.Treated } : {}),
      normalised: d.Normalised,
      aggregates: pick(d.Aggregated, (code) => aggregates.has(code)),
      ranks: run.ranks,
    };
  });
  const fixture = {
    peer, command: 'npm run bench -- coinr (bench/coinr-asem.lib.ts: asem-export.R, coinrFromSpec, run-spec.R)',
    spec: 'coinr-asem-spec.json', input, variants,
  };
  const out = join(fixtures, 'coinr-asem-pipeline.json');
  writeFileSync(out, `${JSON.stringify(fixture)}\n`);
  console.log(`ASEM end to end: ${variants.length} variants written to ${out}`);
  compareAsem(parsed.spec, fixture.input ?? { units: [], columns: {} }, variants);
}

/** Per variant, the largest relative difference at each step and the ranks that differ (the test asserts them). */
function compareAsem(base: IndexSpec, input: { units: string[]; columns: Columns }, variants: {
  name: string; methods: Pick<IndexSpec, 'normalisation' | 'aggregation' | 'outliers'>; treated?: Columns; normalised?: Columns; aggregates: Columns; ranks: (number | null)[];
}[]): void {
  const leaves = leavesOf(systemOfSpec(base));
  const { units, columns } = input;
  const data = matrixFromRows(units, leaves.map((l) => l.id), units.map((_, u) => leaves.map((l) => columns[l.id]?.[u] ?? null)));
  const rel = (ours: ArrayLike<number>, theirs: readonly (number | null)[] = []) =>
    Math.max(0, ...theirs.map((v, i) => (v === null ? 0 : Math.abs((ours[i] as number) - v) / Math.max(1, Math.abs(v)))));
  for (const v of variants) {
    const spec = { ...base, ...v.methods };
    let treated = 0;
    let normalised = 0;
    for (const leaf of leaves) {
      const raw = Float64Array.from(columns[leaf.id] ?? [], (x) => x ?? Number.NaN);
      const t = v.methods.outliers ? treatOutliers(raw, v.methods.outliers === true ? {} : v.methods.outliers).values : raw;
      if (v.treated) treated = Math.max(treated, rel(t, v.treated[leaf.id]));
      const n = normaliseColumn(t, leaf.direction ?? 1, spec.normalisation, leaf.id);
      if (n.ok) normalised = Math.max(normalised, rel(applyTransform(t, n.transform), v.normalised?.[leaf.id]));
    }
    const r = computeIndex(data, configFromSpec(spec));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const nodes = Math.max(...r.result.nodes.map((n) => rel(n.scores, v.aggregates[n.id])));
    const ranks = v.ranks.filter((x, u) => (x ?? 0) !== r.result.ranks[u]).length;
    console.log(`  ${v.name}: largest relative difference treated ${v.treated ? treated.toExponential(2) : '—'}, normalised ${normalised.toExponential(2)}, `
      + `aggregates (${r.result.nodes.length} nodes) ${nodes.toExponential(2)}; ranks differing ${ranks} of ${units.length}`);
  }
}
