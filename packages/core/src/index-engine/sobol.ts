/**
 * Variance-based sensitivity (敏感性分析; handbook §7, Saltelli et al. 2010). Inputs are uniform
 * on [0, 1)^d; two seeded N × d sample matrices A and B and the d matrices AB_i (A with column i
 * from B) give N·(d + 2) model runs and, per output o with variance V over A and B:
 *   first order  S_i = (1/N)·Σ f(B)·(f(AB_i) − f(A)) / V          (Saltelli 2010)
 *   total        T_i = (1/2N)·Σ (f(A) − f(AB_i))² / V               (Jansen 1999)
 * For a vector output (the rank of every unit) the indices are pooled over the outputs weighted
 * by their variances, S_i = Σ_o V_o·S_io / Σ_o V_o (Gamboa et al. 2014): units whose rank never
 * moves weigh nothing. Sums are streamed; no run is kept.
 */
import type { FieldError } from '../errors.js';
import { createRng } from '../random.js';
import type { AggregationMethod } from './aggregate.js';
import { type IndexConfig, resolveChoice, setUp } from './compute.js';
import type { ImputationSpec, UnitGroups } from './impute.js';
import type { IndicatorMatrix } from './matrix.js';
import type { NormalisationSpec } from './normalise.js';
import { ScenarioRunner } from './scenario.js';
import { alternativesOf } from './uncertainty.js';

export interface SobolIndices {
  first: Float64Array;
  total: Float64Array;
  /** Total output variance (summed over the outputs). */
  variance: number;
  runs: number;
}

export function sobolIndices(
  dimensions: number, samples: number, seed: string | number, outputs: number,
  model: (x: Float64Array, out: Float64Array) => void,
): SobolIndices {
  const d = dimensions;
  const rng = createRng(seed);
  const a = new Float64Array(d);
  const b = new Float64Array(d);
  const ab = new Float64Array(d);
  const fA = new Float64Array(outputs);
  const fB = new Float64Array(outputs);
  const fAB = new Float64Array(outputs);
  const sum = new Float64Array(outputs);
  const sum2 = new Float64Array(outputs);
  const centre = new Float64Array(outputs);
  const firstNum = new Float64Array(d * outputs);
  const totalNum = new Float64Array(d * outputs);
  for (let r = 0; r < samples; r++) {
    for (let i = 0; i < d; i++) a[i] = rng.next();
    for (let i = 0; i < d; i++) b[i] = rng.next();
    model(a, fA);
    model(b, fB);
    // Outputs centred on the first pair: the estimators' expectations do not move, their
    // variance does (an offset c adds c·(f(AB_i) − f(A)) noise to the first-order sum).
    if (r === 0) for (let o = 0; o < outputs; o++) centre[o] = ((fA[o] as number) + (fB[o] as number)) / 2;
    for (let o = 0; o < outputs; o++) {
      fA[o] = (fA[o] as number) - (centre[o] as number);
      fB[o] = (fB[o] as number) - (centre[o] as number);
      const x = fA[o] as number;
      const y = fB[o] as number;
      sum[o] = (sum[o] as number) + x + y;
      sum2[o] = (sum2[o] as number) + x * x + y * y;
    }
    for (let i = 0; i < d; i++) {
      ab.set(a);
      ab[i] = b[i] as number;
      model(ab, fAB);
      const base = i * outputs;
      for (let o = 0; o < outputs; o++) {
        const diff = (fAB[o] as number) - (centre[o] as number) - (fA[o] as number);
        firstNum[base + o] = (firstNum[base + o] as number) + (fB[o] as number) * diff;
        totalNum[base + o] = (totalNum[base + o] as number) + diff * diff;
      }
    }
  }
  let variance = 0;
  for (let o = 0; o < outputs; o++) {
    const mean = (sum[o] as number) / (2 * samples);
    variance += Math.max(0, (sum2[o] as number) / (2 * samples) - mean * mean);
  }
  const first = new Float64Array(d);
  const total = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let f = 0;
    let t = 0;
    for (let o = 0; o < outputs; o++) {
      f += firstNum[i * outputs + o] as number;
      t += totalNum[i * outputs + o] as number;
    }
    first[i] = variance > 0 ? f / samples / variance : 0;
    total[i] = variance > 0 ? t / (2 * samples) / variance : 0;
  }
  return { first, total, variance, runs: samples * (d + 2) };
}

export type SensitivityInput = 'imputation' | 'normalisation' | 'aggregation' | 'weights';

export interface SensitivitySpec {
  samples: number;
  seed: string | number;
  imputations?: ImputationSpec[];
  normalisations?: NormalisationSpec[];
  aggregations?: AggregationMethod[];
  weightPerturbation?: number;
  /** The weights input picks one of this many perturbed weight sets drawn in advance. */
  weightSets?: number;
}

export interface RankSensitivity {
  inputs: { input: SensitivityInput; first: number; total: number }[];
  runs: number;
  /** Pooled variance of the ranks. */
  variance: number;
}

/** First-order and total Sobol indices of each uncertain choice on the ranks of all units. */
export function rankSensitivity(
  data: IndicatorMatrix, config: IndexConfig, spec: SensitivitySpec, options: { groups?: UnitGroups } = {},
): { ok: true; result: RankSensitivity } | { ok: false; errors: FieldError[] } {
  if (!(Number.isInteger(spec.samples) && spec.samples >= 2)) return { ok: false, errors: [{ code: 'INDEX_REPLICATES', field: 'samples', params: { value: String(spec.samples) } }] };
  const setup = setUp(data, config, undefined, options.groups);
  if (!setup.ok) return setup;
  const alternatives = alternativesOf(config, spec);
  const runner = new ScenarioRunner(
    setup.kept, setup.system, alternatives, resolveChoice(config).outliers, setup.keptGroups, config.tieTolerance,
    setup.kept === data ? setup.coverage.indicators : undefined,
  );
  const prepError = runner.prepareAll();
  if (prepError.length > 0) return { ok: false, errors: prepError };
  const inputs: SensitivityInput[] = [];
  if (alternatives.imputations.length > 1) inputs.push('imputation');
  if (alternatives.normalisations.length > 1) inputs.push('normalisation');
  if (alternatives.aggregations.length > 1) inputs.push('aggregation');
  if (alternatives.weightPerturbation > 0) inputs.push('weights');
  if (inputs.length === 0) return { ok: false, errors: [{ code: 'INDEX_SOBOL_NO_INPUTS', field: 'uncertainty' }] };
  const setCount = spec.weightSets ?? 64;
  const weightRng = createRng(`${spec.seed}/weights`);
  const sets = Array.from({ length: setCount }, () => {
    const lw = new Float64Array(runner.baseLeafWeights.length);
    const nw = new Float64Array(runner.baseNodeWeights.length);
    runner.perturb(weightRng, lw, nw);
    return { lw, nw };
  });
  const m = setup.kept.units.length;
  const ranks = new Int32Array(m);
  let failure: FieldError[] | undefined;
  const pick = (x: number, count: number) => Math.min(count - 1, Math.floor(x * count));
  const indices = sobolIndices(inputs.length, spec.samples, spec.seed, m, (x, out) => {
    const at = (name: SensitivityInput) => inputs.indexOf(name);
    const choose = (name: SensitivityInput, count: number) => (at(name) < 0 ? 0 : pick(x[at(name)] as number, count));
    const w = sets[choose('weights', setCount)] ?? { lw: runner.baseLeafWeights, nw: runner.baseNodeWeights };
    const ran = runner.run({
      imputation: choose('imputation', alternatives.imputations.length),
      normalisation: choose('normalisation', alternatives.normalisations.length),
      aggregation: choose('aggregation', alternatives.aggregations.length),
      leafWeights: inputs.includes('weights') ? w.lw : runner.baseLeafWeights,
      nodeWeights: inputs.includes('weights') ? w.nw : runner.baseNodeWeights,
    }, ranks);
    if (!ran.ok) failure ??= ran.errors;
    for (let u = 0; u < m; u++) out[u] = ranks[u] as number;
  });
  if (failure) return { ok: false, errors: failure };
  return {
    ok: true,
    result: {
      inputs: inputs.map((input, i) => ({ input, first: indices.first[i] as number, total: indices.total[i] as number })),
      runs: indices.runs, variance: indices.variance,
    },
  };
}
