/**
 * Test and benchmark support for reviewer assignment (not used by the engine): an
 * independent, deliberately naive reading of the rules, a feasibility checker, and the
 * same problem as an LP / MIP for the HiGHS reference solver.
 */
import fc from 'fast-check';
import * as highsModule from 'highs';
import type { Highs, ModelData } from 'highs';
import type { Assignment, AssignmentInput, AssignmentMode } from './assignment-types.js';

const scoreArb = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.2, 0.3, 0.7),
);

/**
 * Small random instances touching every rule: organisations (some shared by entries and
 * experts), categories, conflicts, per-expert load overrides, listed or all candidates.
 * Roughly half are feasible; the rest fail in every named way.
 */
export function inputArb(mode: AssignmentMode, size: { entries?: number; experts?: number } = {}): fc.Arbitrary<AssignmentInput> {
  const maxN = size.entries ?? 7;
  const maxM = size.experts ?? 7;
  return fc
    .record({
      n: fc.integer({ min: 1, max: maxN }),
      m: fc.integer({ min: 1, max: maxM }),
      k: fc.integer({ min: 1, max: 3 }),
      candidates: fc.constantFrom<'all' | 'listed'>('all', 'listed'),
      sameOrganisationIsConflict: fc.boolean(),
      onePerOrganisation: fc.boolean(),
      maxLoad: fc.integer({ min: 1, max: 6 }),
      minLoad: fc.integer({ min: 0, max: 1 }),
      seed: fc.string({ minLength: 1, maxLength: 8 }),
      reserves: fc.integer({ min: 0, max: 3 }),
    })
    .chain((b) =>
      fc
        .record({
          entryOrgs: fc.array(fc.constantFrom('', 'A', 'B', 'C'), { minLength: b.n, maxLength: b.n }),
          entryCats: fc.array(fc.constantFrom('', '', 'x', 'y'), { minLength: b.n, maxLength: b.n }),
          expertOrgs: fc.array(fc.constantFrom('', 'A', 'B', 'C', 'D'), { minLength: b.m, maxLength: b.m }),
          expertCats: fc.array(fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 3 }, { arbitrary: fc.subarray(['x', 'y']), weight: 1 }), {
            minLength: b.m, maxLength: b.m,
          }),
          loads: fc.array(fc.option(fc.record({ lo: fc.integer({ min: 0, max: 1 }), hi: fc.integer({ min: 2, max: 6 }) }), { freq: 3 }), {
            minLength: b.m, maxLength: b.m,
          }),
          scores: fc.array(fc.option(scoreArb, { freq: 6 }), { minLength: b.n * b.m, maxLength: b.n * b.m }),
          conflicts: fc.array(fc.integer({ min: 0, max: 14 }), { minLength: b.n * b.m, maxLength: b.n * b.m }),
        })
        .map((d): AssignmentInput => {
          const entries = d.entryOrgs.map((o, i) => ({ id: `E${i}`, organisation: o, category: d.entryCats[i]! }));
          const experts = d.expertOrgs.map((o, j) => {
            const l = d.loads[j];
            return { id: `X${j}`, organisation: o, categories: d.expertCats[j]!, ...(l ? { minLoad: l.lo, maxLoad: l.hi } : {}) };
          });
          const affinity = d.scores.flatMap((s, c) =>
            s === null ? [] : [{ entryId: `E${Math.floor(c / b.m)}`, expertId: `X${c % b.m}`, score: s }],
          );
          const conflicts = d.conflicts.flatMap((v, c) => (v === 0 ? [{ entryId: `E${Math.floor(c / b.m)}`, expertId: `X${c % b.m}` }] : []));
          return {
            entries, experts, affinity, conflicts, mode,
            candidates: b.candidates, perEntry: b.k, maxLoad: b.maxLoad, minLoad: Math.min(b.minLoad, b.maxLoad),
            sameOrganisationIsConflict: b.sameOrganisationIsConflict, onePerOrganisation: b.onePerOrganisation,
            seed: b.seed, reserves: b.reserves,
          };
        }),
    );
}

export interface NaivePair {
  entry: number;
  expert: number;
  score: number;
}

/** Eligible pairs by a direct double loop over entries × experts (no shared code with the engine). */
export function naivePairs(input: AssignmentInput): NaivePair[] {
  const listed = new Map<string, number>();
  for (const a of input.affinity) listed.set(`${a.entryId}\u0000${a.expertId}`, a.score);
  const conflicts = new Set((input.conflicts ?? []).map((c) => `${c.entryId}\u0000${c.expertId}`));
  const pairs: NaivePair[] = [];
  input.entries.forEach((e, i) => {
    input.experts.forEach((x, j) => {
      const key = `${e.id}\u0000${x.id}`;
      const score = listed.get(key);
      if (input.candidates === 'listed' && score === undefined) return;
      if (conflicts.has(key)) return;
      const eo = (e.organisation ?? '').trim();
      if (input.sameOrganisationIsConflict && eo !== '' && eo === (x.organisation ?? '').trim()) return;
      const cats = (x.categories ?? []).map((c) => c.trim()).filter((c) => c !== '');
      const ec = (e.category ?? '').trim();
      if (ec !== '' && cats.length > 0 && !cats.includes(ec)) return;
      if ((score ?? 0) < (input.minScore ?? -Infinity)) return;
      pairs.push({ entry: i, expert: j, score: score ?? 0 });
    });
  });
  return pairs;
}

/** Every rule an assignment must satisfy, checked against the raw input; returns the violations. */
export function violations(input: AssignmentInput, assignments: readonly Assignment[]): string[] {
  const out: string[] = [];
  const eligible = new Map(naivePairs(input).map((p) => [`${input.entries[p.entry]!.id}\u0000${input.experts[p.expert]!.id}`, p.score]));
  const perEntry = new Map<string, string[]>();
  const load = new Map<string, number>();
  for (const a of assignments) {
    const key = `${a.entryId}\u0000${a.expertId}`;
    if (!eligible.has(key)) out.push(`${a.entryId}-${a.expertId} is not an eligible pair`);
    else if (eligible.get(key) !== a.score) out.push(`${a.entryId}-${a.expertId} has score ${a.score}`);
    perEntry.set(a.entryId, [...(perEntry.get(a.entryId) ?? []), a.expertId]);
    load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
  }
  for (const e of input.entries) {
    const xs = perEntry.get(e.id) ?? [];
    if (xs.length !== input.perEntry) out.push(`${e.id} has ${xs.length} experts`);
    if (new Set(xs).size !== xs.length) out.push(`${e.id} has an expert twice`);
    if (input.onePerOrganisation) {
      const orgs = xs.map((id) => (input.experts.find((x) => x.id === id)?.organisation ?? '').trim()).filter((o) => o !== '');
      if (new Set(orgs).size !== orgs.length) out.push(`${e.id} has two experts of one organisation`);
    }
  }
  for (const x of input.experts) {
    const l = load.get(x.id) ?? 0;
    const lo = x.minLoad ?? input.minLoad ?? 0;
    const hi = x.maxLoad ?? input.maxLoad;
    if (l < lo || l > hi) out.push(`${x.id} has load ${l} outside ${lo}..${hi}`);
  }
  return out;
}

/** Organisation groups (entry, organisation) with two or more eligible experts. */
function organisationGroups(input: AssignmentInput, pairs: NaivePair[]): number[][] {
  const groups = new Map<string, number[]>();
  pairs.forEach((p, c) => {
    const o = (input.experts[p.expert]!.organisation ?? '').trim();
    if (o === '') return;
    const key = `${p.entry}\u0000${o}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * The assignment as a HiGHS model: one column per eligible pair (0..1), a row per entry
 * (= k), per expert (min..max) and per entry × organisation group (≤ 1). With `maxMin`,
 * a last column t and rows Σ score·x − t ≥ 0 per entry, maximising t, columns binary.
 */
export function highsModel(highs: Highs, input: AssignmentInput, options: { maxMin?: boolean } = {}): ModelData {
  const pairs = naivePairs(input);
  const n = input.entries.length;
  const groups = input.onePerOrganisation ? organisationGroups(input, pairs) : [];
  const rows: { lower: number; upper: number; cols: number[]; vals: number[] }[] = [];
  for (let i = 0; i < n; i++) rows.push({ lower: input.perEntry, upper: input.perEntry, cols: [], vals: [] });
  input.experts.forEach((x) => rows.push({ lower: x.minLoad ?? input.minLoad ?? 0, upper: x.maxLoad ?? input.maxLoad, cols: [], vals: [] }));
  pairs.forEach((p, c) => {
    rows[p.entry]!.cols.push(c);
    rows[p.entry]!.vals.push(1);
    rows[n + p.expert]!.cols.push(c);
    rows[n + p.expert]!.vals.push(1);
  });
  for (const g of groups) rows.push({ lower: -highs.infinity, upper: 1, cols: g, vals: g.map(() => 1) });
  const t = pairs.length;
  if (options.maxMin) {
    for (let i = 0; i < n; i++) {
      const cols: number[] = [];
      const vals: number[] = [];
      pairs.forEach((p, c) => {
        if (p.entry === i && p.score !== 0) {
          cols.push(c);
          vals.push(p.score);
        }
      });
      rows.push({ lower: 0, upper: highs.infinity, cols: [...cols, t], vals: [...vals, -1] });
    }
  }
  const numCols = pairs.length + (options.maxMin ? 1 : 0);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    indices.push(...r.cols);
    values.push(...r.vals);
    starts.push(indices.length);
  }
  const model: ModelData = {
    numCols,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: options.maxMin ? [...pairs.map(() => 0), 1] : pairs.map((p) => p.score),
    colLower: options.maxMin ? [...pairs.map(() => 0), -highs.infinity] : new Array<number>(numCols).fill(0),
    colUpper: options.maxMin ? [...pairs.map(() => 1), highs.infinity] : new Array<number>(numCols).fill(1),
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: {
      format: 'csr', numRows: rows.length, numCols,
      starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values),
    },
  };
  if (!options.maxMin) return model;
  return { ...model, integrality: [...pairs.map(() => highs.constants.variableType.integer), highs.constants.variableType.continuous] };
}

type HighsLoader = () => Promise<Highs>;

/**
 * Loads HiGHS (WebAssembly). The package's types describe its CommonJS build, whose
 * default export is a property of module.exports; at run time the ESM build's default
 * export is the loader itself. This accepts both shapes.
 */
export async function loadHighs(): Promise<Highs> {
  const mod = highsModule as unknown as { default: HighsLoader | { default: HighsLoader } };
  const load = typeof mod.default === 'function' ? mod.default : mod.default.default;
  return load();
}

export type HighsAnswer = { feasible: true; objective: number } | { feasible: false };

export function solveHighs(highs: Highs, model: ModelData): HighsAnswer {
  if (model.numCols === 0) {
    // HiGHS reports an empty model as such; with no columns every row activity is 0.
    const ok = Array.from(model.rowLower, (lo, r) => lo <= 0 && 0 <= model.rowUpper[r]!).every(Boolean);
    const answer: HighsAnswer = ok ? { feasible: true, objective: 0 } : { feasible: false };
    return answer;
  }
  return highs.withModel(model, (h): HighsAnswer => {
    h.options.set({ output_flag: false });
    h.run();
    const status = h.getModelStatus();
    if (status === highs.constants.modelStatus.optimal) return { feasible: true, objective: h.getObjectiveValue() };
    const { infeasible, unboundedOrInfeasible } = highs.constants.modelStatus;
    if (status === infeasible || status === unboundedOrInfeasible) return { feasible: false };
    throw new Error(`HiGHS ended with model status ${status}`);
  });
}
