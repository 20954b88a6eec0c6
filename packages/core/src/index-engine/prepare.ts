/**
 * One pipeline choice applied to every indicator column: imputation, then outlier treatment,
 * then normalisation, then (under a geometric parent) the logarithm. Shared by the single
 * computation and by each alternative of the Monte Carlo run, which prepares every choice once.
 */
import type { FieldError } from '../errors.js';
import type { AggregationMethod, PreparedLeaf } from './aggregate.js';
import { type ImputationSpec, type UnitGroups, imputeColumn } from './impute.js';
import { type IndicatorMatrix, columnOf } from './matrix.js';
import { type NormalisationSpec, normaliseColumn } from './normalise.js';
import { type OutlierReport, type OutlierRule, treatOutliers } from './outliers.js';
import type { CompiledSystem } from './system.js';

export interface PipelineChoice {
  imputation: ImputationSpec;
  normalisation: NormalisationSpec;
  aggregation: AggregationMethod;
  /** The JRC outlier rule, or false to leave the data as it is. */
  outliers: OutlierRule | false;
}

export interface LeafExplanation {
  id: string;
  imputed: number;
  imputedWith: number;
  outliers: OutlierReport | undefined;
  /** Normalisation parameters (min and max, mean and sd, target…) as used. */
  normalisation: Record<string, number>;
  /** y = a·x + b when the normalisation is affine. */
  affine: { a: number; b: number } | undefined;
}

export interface Prepared {
  leaves: PreparedLeaf[];
  methods: AggregationMethod[];
  explanations: LeafExplanation[];
}

export function nodeMethods(system: CompiledSystem, fallback: AggregationMethod): AggregationMethod[] {
  return system.nodes.map((node) => node.aggregation ?? fallback);
}

/** Column ranges already measured on this data (the coverage check's), one per leaf. */
export type KnownRanges = readonly { present: number; min: number; max: number }[];

export function prepareLeaves(
  data: IndicatorMatrix, system: CompiledSystem, choice: PipelineChoice, groups?: UnitGroups, ranges?: KnownRanges,
): { ok: true; prepared: Prepared } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const methods = nodeMethods(system, choice.aggregation);
  const leaves: PreparedLeaf[] = [];
  const explanations: LeafExplanation[] = [];
  for (const [l, leaf] of system.leaves.entries()) {
    const raw = columnOf(data, leaf.column);
    const known = ranges?.[l];
    const imputed = imputeColumn(raw, choice.imputation, groups, known?.present);
    const treated = choice.outliers ? treatOutliers(imputed.values, choice.outliers) : undefined;
    const x = treated && treated.values !== imputed.values ? treated.values : imputed.values;
    // mean and median imputation fill inside [min, max]: the range stays what coverage measured
    const range = known && x === imputed.values ? { count: x === raw ? known.present : x.length, min: known.min, max: known.max } : undefined;
    const normalised = normaliseColumn(x, leaf.direction, choice.normalisation, leaf.id, range);
    if (!normalised.ok) {
      errors.push(normalised.error);
      continue;
    }
    const t = normalised.transform;
    explanations.push({
      id: leaf.id, imputed: imputed.imputed, imputedWith: imputed.fill, outliers: treated?.report, normalisation: t.params,
      affine: t.kind === 'affine' ? { a: t.a, b: t.b } : undefined,
    });
    let missing = false;
    if (range) missing = range.count < x.length;
    else for (let u = 0; u < x.length; u++) if (x[u] !== x[u]) { missing = true; break; }
    const source = t.kind === 'dense' ? t.values : x;
    const a = t.kind === 'dense' ? 1 : t.a;
    const b = t.kind === 'dense' ? 0 : t.b;
    leaves.push({ source, a, b, log: false, missing });
  }
  if (errors.length > 0) return { ok: false, errors };
  const logged = logLeaves(leaves, data, system, methods);
  if (!logged.ok) return logged;
  return { ok: true, prepared: { leaves: logged.leaves, methods, explanations } };
}

/**
 * The leaves under a geometric node as ln y, checking y > 0 (the first offending unit of each
 * indicator is named); the leaves under a harmonic node are checked likewise and kept as they are. Leaves already in logs, or under other nodes, are shared, not copied, so an
 * arithmetic preparation turns into a geometric one without normalising again.
 */
export function logLeaves(
  leaves: readonly PreparedLeaf[], data: IndicatorMatrix, system: CompiledSystem, methods: readonly AggregationMethod[],
): { ok: true; leaves: PreparedLeaf[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out = leaves.map((p, l) => {
    const leaf = system.leaves[l] as CompiledSystem['leaves'][number];
    const parent = methods[leaf.parent];
    if (parent === 'harmonic') return positive(p, leaf.id, data, leaf.column, errors);
    if (p.log || parent !== 'geometric') return p;
    const { source, a, b } = p;
    const logs = new Float64Array(source.length);
    for (let u = 0; u < source.length; u++) {
      const y = a * (source[u] as number) + b;
      if (y > 0) logs[u] = Math.log(y);
      else if (y === y) {
        errors.push({
          code: 'INDEX_GEOMETRIC_NONPOSITIVE', field: 'aggregation',
          params: { indicator: leaf.id, unit: data.units[u] as string, value: columnOf(data, leaf.column)[u] as number, normalised: y },
        });
        break;
      } else logs[u] = Number.NaN;
    }
    return { source: logs, a: 1, b: 0, log: true, missing: p.missing };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, leaves: out };
}

/** The leaf itself when every y it has is positive (a harmonic parent's 1/y), else its first offending unit's error. */
function positive(p: PreparedLeaf, id: string, data: IndicatorMatrix, column: number, errors: FieldError[]): PreparedLeaf {
  const { source, a, b } = p;
  for (let u = 0; u < source.length; u++) {
    const y = a * (source[u] as number) + b;
    if (y > 0 || y !== y) continue;
    errors.push({
      code: 'INDEX_GEOMETRIC_NONPOSITIVE', field: 'aggregation',
      params: { indicator: id, unit: data.units[u] as string, value: columnOf(data, column)[u] as number, normalised: y },
    });
    break;
  }
  return p;
}
