/**
 * Uncertainty analysis (不确定性分析; handbook §7, as the JRC audits the Global Innovation Index):
 * N seeded Monte Carlo replicates, each drawing one of the declared imputations, normalisations
 * and aggregations uniformly and perturbing every weight uniformly within ±x; per unit, the
 * median rank and the 5th–95th percentile band. Ranks are streamed into per-unit counts
 * (rank-stream.ts): the replicate matrix is never held.
 */
import type { FieldError } from '../errors.js';
import { createRng } from '../random.js';
import type { AggregationMethod } from './aggregate.js';
import { type IndexConfig, resolveChoice, setUp } from './compute.js';
import type { ImputationSpec, UnitGroups } from './impute.js';
import type { IndicatorMatrix } from './matrix.js';
import type { NormalisationSpec } from './normalise.js';
import { RankAccumulator, type RankSummary } from './rank-stream.js';
import { type Alternatives, ScenarioRunner } from './scenario.js';

export interface UncertaintySpec {
  replicates: number;
  seed: string | number;
  imputations?: ImputationSpec[];
  normalisations?: NormalisationSpec[];
  aggregations?: AggregationMethod[];
  weightPerturbation?: number;
}

export interface UncertaintyResult extends Omit<RankSummary, 'median' | 'p05' | 'p95'> {
  replicates: number;
  /** Per unit, input order; NaN for units not ranked. */
  median: Float64Array;
  p05: Float64Array;
  p95: Float64Array;
  alternatives: Alternatives;
  /** How many replicates used each alternative, per list. */
  drawn: { imputations: number[]; normalisations: number[]; aggregations: number[] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The configuration's own choices first, then the declared alternatives not already there. */
export function alternativesOf(config: IndexConfig, spec: Omit<UncertaintySpec, 'replicates' | 'seed'>): Alternatives {
  const base = resolveChoice(config);
  const merge = <T>(first: T, rest: readonly T[] | undefined): T[] => [first, ...(rest ?? []).filter((x) => !same(x, first))]
    .filter((x, i, all) => all.findIndex((y) => same(x, y)) === i);
  return {
    imputations: merge(base.imputation, spec.imputations),
    normalisations: merge(base.normalisation, spec.normalisations),
    aggregations: merge(base.aggregation, spec.aggregations),
    weightPerturbation: spec.weightPerturbation ?? 0,
  };
}

export function validateUncertainty(spec: UncertaintySpec): FieldError[] {
  const errors: FieldError[] = [];
  if (!(Number.isInteger(spec.replicates) && spec.replicates >= 1)) errors.push({ code: 'INDEX_REPLICATES', field: 'uncertainty.replicates', params: { value: String(spec.replicates) } });
  const x = spec.weightPerturbation ?? 0;
  if (!(x >= 0 && x < 1)) errors.push({ code: 'INDEX_PERTURBATION', field: 'uncertainty.weightPerturbation', params: { value: String(x) } });
  return errors;
}

export function runUncertainty(
  data: IndicatorMatrix, config: IndexConfig, spec: UncertaintySpec,
  options: { groups?: UnitGroups; onProgress?: (done: number, total: number) => void } = {},
): { ok: true; result: UncertaintyResult } | { ok: false; errors: FieldError[] } {
  const invalid = validateUncertainty(spec);
  if (invalid.length > 0) return { ok: false, errors: invalid };
  const setup = setUp(data, config, undefined, options.groups);
  if (!setup.ok) return setup;
  const alternatives = alternativesOf(config, spec);
  const runner = new ScenarioRunner(
    setup.kept, setup.system, alternatives, resolveChoice(config).outliers, setup.keptGroups, config.tieTolerance,
    setup.kept === data ? setup.coverage.indicators : undefined,
  );
  const prepError = runner.prepareAll();
  if (prepError.length > 0) return { ok: false, errors: prepError };
  const m = setup.kept.units.length;
  const acc = new RankAccumulator(m, spec.replicates);
  const rng = createRng(spec.seed);
  const ranks = new Int32Array(m);
  const drawn = {
    imputations: alternatives.imputations.map(() => 0), normalisations: alternatives.normalisations.map(() => 0),
    aggregations: alternatives.aggregations.map(() => 0),
  };
  const scenario = runner.draw(rng);
  for (let r = 0; r < spec.replicates; r++) {
    if (r > 0) runner.draw(rng, scenario);
    const count = (list: number[], i: number) => { list[i] = (list[i] as number) + 1; };
    count(drawn.imputations, scenario.imputation);
    count(drawn.normalisations, scenario.normalisation);
    count(drawn.aggregations, scenario.aggregation);
    const ran = runner.run(scenario, ranks);
    if (!ran.ok) return ran;
    acc.add(ranks);
    options.onProgress?.(r + 1, spec.replicates);
  }
  const summary = acc.summary();
  const n = data.units.length;
  const scatter = (src: Float64Array) => {
    const keep = setup.coverage.kept;
    if (!keep) return src;
    const out = new Float64Array(n).fill(Number.NaN);
    keep.forEach((u, i) => { out[u] = src[i] as number; });
    return out;
  };
  return {
    ok: true,
    result: {
      ...summary, median: scatter(summary.median), p05: scatter(summary.p05), p95: scatter(summary.p95),
      replicates: spec.replicates, alternatives, drawn,
    },
  };
}
