/**
 * The composite index (综合指数) of one configuration: data checks, imputation, outlier
 * treatment, normalisation, weighting, aggregation and ranking, returning every score with the
 * explanation of how it was reached (coverage, treatments, normalisation parameters, weights).
 */
import type { FieldError } from '../errors.js';
import { type AggregationMethod, scoreTree, scoreWork } from './aggregate.js';
import { COPELAND_MAX_UNITS } from './copeland.js';
import { type CoverageReport, checkCoverage } from './coverage.js';
import type { ImputationSpec, UnitGroups } from './impute.js';
import { type IndicatorMatrix, selectUnits } from './matrix.js';
import type { NormalisationSpec } from './normalise.js';
import type { OutlierRule } from './outliers.js';
import { type LeafExplanation, type PipelineChoice, prepareLeaves } from './prepare.js';
import { rankScores } from './rank.js';
import { type CompiledSystem, type FieldPath, type IndicatorNode, compileSystem, effectiveWeights } from './system.js';

export interface IndexConfig {
  system: IndicatorNode;
  normalisation: NormalisationSpec;
  aggregation: AggregationMethod;
  imputation?: ImputationSpec;
  outliers?: OutlierRule | false;
  /** Share of the indicators a unit needs to be ranked (0–1); default any. */
  minCoverage?: number;
  /** Relative tie tolerance of the ranks; default 1e-9. */
  tieTolerance?: number;
}

export interface NodeScores {
  id: string;
  depth: number;
  /** Score of every unit (input order); NaN where not ranked or no child present. */
  scores: Float64Array;
}

export interface IndexResult {
  units: readonly string[];
  /** Index score per unit in input order; NaN for units not ranked. */
  scores: Float64Array;
  /** 1 = best; 0 = not ranked. */
  ranks: Int32Array;
  /** Ranked units, best first (ties in input order). */
  order: Int32Array;
  /** Pillars and sub-pillars, children before parents, the index last. */
  nodes: NodeScores[];
  indicators: (LeafExplanation & { weight: number; coverage: number })[];
  coverage: CoverageReport;
  system: CompiledSystem;
  choice: PipelineChoice;
}

export function resolveChoice(config: Pick<IndexConfig, 'normalisation' | 'aggregation' | 'imputation' | 'outliers'>): PipelineChoice {
  return {
    normalisation: config.normalisation, aggregation: config.aggregation,
    imputation: config.imputation ?? { method: 'none' }, outliers: config.outliers ?? false,
  };
}

/** Compiles the system against the data and keeps the units with enough coverage. */
export function setUp(data: IndicatorMatrix, config: IndexConfig, fieldPath?: FieldPath, groups?: UnitGroups):
  { ok: true; system: CompiledSystem; coverage: CoverageReport; kept: IndicatorMatrix; keptGroups: UnitGroups | undefined }
  | { ok: false; errors: FieldError[] } {
  const compiled = compileSystem(config.system, data.indicators, fieldPath);
  if (!compiled.ok) return compiled;
  const system = compiled.system;
  const coverage = checkCoverage(data, system, config.minCoverage ?? 0);
  const keep = coverage.kept;
  const kept = keep ? selectUnits(data, keep) : data;
  const keptGroups = groups && keep ? { count: groups.count, codes: Int32Array.from(keep, (u) => groups.codes[u] as number) } : groups;
  const copeland = config.aggregation === 'copeland' || system.nodes.some((n) => n.aggregation === 'copeland');
  if (copeland && kept.units.length > COPELAND_MAX_UNITS) {
    return { ok: false, errors: [{ code: 'INDEX_COPELAND_TOO_LARGE', field: 'aggregation', params: { units: kept.units.length, max: COPELAND_MAX_UNITS } }] };
  }
  if (kept.units.length === 0) return { ok: false, errors: [{ code: 'INDEX_NO_UNITS', field: 'data', params: { minCoverage: coverage.minCoverage } }] };
  return { ok: true, system, coverage, kept, keptGroups };
}

export function computeIndex(
  data: IndicatorMatrix, config: IndexConfig, options: { fieldPath?: FieldPath; groups?: UnitGroups } = {},
): { ok: true; result: IndexResult } | { ok: false; errors: FieldError[] } {
  const setup = setUp(data, config, options.fieldPath, options.groups);
  if (!setup.ok) return setup;
  const { system, coverage, kept } = setup;
  const choice = resolveChoice(config);
  const prepared = prepareLeaves(kept, system, choice, setup.keptGroups, kept === data ? coverage.indicators : undefined);
  if (!prepared.ok) return prepared;
  const { leaves, methods, explanations } = prepared.prepared;
  const lw = Float64Array.from(system.leaves, (l) => l.weight);
  const nw = Float64Array.from(system.nodes, (x) => x.weight);
  const scored = scoreTree(system, leaves, methods, lw, nw, scoreWork(system, kept.units.length), kept.units);
  if (!scored.ok) return { ok: false, errors: [scored.error] };
  const n = data.units.length;
  const scatter = (src: Float64Array): Float64Array => {
    const keep = coverage.kept;
    if (!keep) return src;
    const out = new Float64Array(n).fill(Number.NaN);
    for (let i = 0; i < keep.length; i++) out[keep[i] as number] = src[i] as number;
    return out;
  };
  const nodes = system.nodes.map((node, k) => ({ id: node.id, depth: node.depth, scores: scatter(scored.scores[k] as Float64Array) }));
  const scores = (nodes[nodes.length - 1] as NodeScores).scores;
  const { ranks, order, ranked } = rankScores(scores, config.tieTolerance ?? 1e-9);
  const weights = effectiveWeights(system, lw, nw);
  return {
    ok: true,
    result: {
      units: data.units, scores, ranks, order: order.subarray(0, ranked), nodes, coverage, system, choice,
      indicators: explanations.map((e, l) => ({ ...e, weight: weights[l] as number, coverage: coverage.indicators[l]?.coverage ?? 0 })),
    },
  };
}
