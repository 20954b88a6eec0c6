/**
 * The JSON specification of an index computation (the CLI's --spec, the server's stored spec):
 * normalisation, aggregation and groups of weighted indicators, optionally imputation, outlier
 * treatment, minimum coverage and the alternatives of the uncertainty analysis. Validated with
 * zod; every problem becomes an error value naming its path.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.js';
import type { IndexConfig } from './compute.js';
import type { FieldPath, IndicatorNode } from './system.js';
import type { UncertaintySpec } from './uncertainty.js';

const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => hi > lo, { message: 'range' });
const ties = z.enum(['average', 'min']);
const normalisation = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({ method: z.literal('minmax'), range: range.optional() }),
  z.strictObject({ method: z.literal('zscore'), scale: z.tuple([z.number(), z.number().positive()]).optional() }),
  z.strictObject({ method: z.literal('rank'), ties: ties.optional() }),
  z.strictObject({ method: z.literal('percentile'), ties: ties.optional(), scale: z.number().positive().optional() }),
  z.strictObject({ method: z.literal('borda'), ties: ties.optional() }),
  z.strictObject({ method: z.literal('target'), target: z.number(), cap: z.boolean().optional() }),
  z.strictObject({ method: z.literal('frontier') }),
  z.strictObject({ method: z.literal('dist2max') }),
  z.strictObject({ method: z.literal('goalposts'), low: z.number(), high: z.number(), scale: z.number().positive().optional(), truncate: z.boolean().optional() }),
]);
const aggregation = z.enum(['arithmetic', 'geometric', 'copeland']);
const imputation = z.union([
  z.enum(['none', 'mean', 'median']).transform((method) => ({ method })),
  z.strictObject({ method: z.enum(['none', 'mean', 'median']), by: z.enum(['all', 'group']).optional() }),
]);
const name = z.strictObject({ zh: z.string().optional(), en: z.string().optional() }).optional();
const weight = z.number().min(0).optional();
const id = z.string().min(1);

export const indexSpecSchema = z.strictObject({
  normalisation,
  aggregation,
  imputation: imputation.optional(),
  outliers: z.union([z.boolean(), z.strictObject({ skew: z.number().positive().optional(), kurt: z.number().optional(), winmax: z.number().int().min(0).optional(), negativeLog: z.enum(['mirror', 'coinr']).optional() })]).optional(),
  minCoverage: z.number().min(0).max(1).optional(),
  groups: z.array(z.strictObject({
    id, name, weight, aggregation: aggregation.optional(),
    indicators: z.array(z.strictObject({
      id, name, weight, direction: z.union([z.literal(1), z.literal(-1)]).optional(),
      unit: z.string().optional(), source: z.string().optional(), year: z.number().int().optional(),
    })).min(1),
  })).min(1),
  uncertainty: z.strictObject({
    imputations: z.array(imputation).optional(),
    normalisations: z.array(normalisation).optional(),
    aggregations: z.array(aggregation).optional(),
    weightPerturbation: z.number().min(0).lt(1).optional(),
  }).optional(),
});

export type IndexSpec = z.output<typeof indexSpecSchema>;

/** Default ± share of the weight perturbation when a run asks for uncertainty but declares none. */
export const DEFAULT_WEIGHT_PERTURBATION = 0.25;

const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || 'spec';

function issueError(issue: z.core.$ZodIssue): FieldError {
  const field = pathText(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'INDEX_SPEC_TYPE', field, params: { path: field, expected: issue.expected } };
    case 'invalid_value':
      return { code: 'INDEX_SPEC_VALUE', field, params: { path: field, options: issue.values.map((v) => JSON.stringify(v)).join(', ') } };
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options)
        ? issue.options.map((v) => JSON.stringify(v))
        : issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values.map((v) => JSON.stringify(v)) : []));
      return { code: 'INDEX_SPEC_VALUE', field, params: { path: field, options: options.join(', ') || '—' } };
    }
    case 'too_small':
      return { code: 'INDEX_SPEC_TOO_SMALL', field, params: { path: field, minimum: String(issue.minimum) } };
    case 'too_big':
      return { code: 'INDEX_SPEC_TOO_BIG', field, params: { path: field, maximum: String(issue.maximum) } };
    case 'unrecognized_keys':
      return { code: 'INDEX_SPEC_KEYS', field, params: { path: field, keys: issue.keys.join(', ') } };
    default:
      return { code: 'INDEX_SPEC_INVALID', field, params: { path: field } };
  }
}

/** Parses the spec's JSON text. */
export function parseIndexSpec(text: string): { ok: true; spec: IndexSpec } | { ok: false; errors: FieldError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ code: 'INDEX_SPEC_JSON', field: 'spec', params: { detail: e instanceof Error ? e.message : String(e) } }] };
  }
  const r = indexSpecSchema.safeParse(json);
  if (!r.success) return { ok: false, errors: r.error.issues.map(issueError) };
  return { ok: true, spec: r.data };
}

/** Names tree positions as the spec writes them: groups[i].indicators[j].weight. */
export const specFieldPath: FieldPath = (indices, what) => {
  const [g, i] = indices;
  if (g === undefined) return what === 'children' ? 'groups' : what || 'spec';
  const base = i === undefined ? `groups[${g}]` : `groups[${g}].indicators[${i}]`;
  if (what === 'children') return `${base}.indicators`;
  return what ? `${base}.${what}` : base;
};

export function configFromSpec(spec: IndexSpec): IndexConfig {
  const system: IndicatorNode = {
    id: 'index',
    children: spec.groups.map((g) => ({
      id: g.id, weight: g.weight ?? 1, ...(g.name ? { name: g.name } : {}), ...(g.aggregation ? { aggregation: g.aggregation } : {}),
      children: g.indicators.map((i) => ({
        id: i.id, weight: i.weight ?? 1, direction: i.direction ?? 1,
        ...(i.name ? { name: i.name } : {}), ...(i.unit ? { unit: i.unit } : {}), ...(i.source ? { source: i.source } : {}), ...(i.year ? { year: i.year } : {}),
      })),
    })),
  };
  return {
    system, normalisation: spec.normalisation, aggregation: spec.aggregation,
    imputation: spec.imputation ?? { method: 'none' },
    outliers: spec.outliers === true ? {} : spec.outliers || false,
    ...(spec.minCoverage !== undefined ? { minCoverage: spec.minCoverage } : {}),
  };
}

export function uncertaintyFromSpec(spec: IndexSpec, replicates: number, seed: string | number): UncertaintySpec {
  const u = spec.uncertainty;
  const declared = (u?.imputations?.length ?? 0) + (u?.normalisations?.length ?? 0) + (u?.aggregations?.length ?? 0);
  return {
    replicates, seed,
    ...(u?.imputations ? { imputations: u.imputations } : {}),
    ...(u?.normalisations ? { normalisations: u.normalisations } : {}),
    ...(u?.aggregations ? { aggregations: u.aggregations } : {}),
    weightPerturbation: u?.weightPerturbation ?? (declared === 0 ? DEFAULT_WEIGHT_PERTURBATION : 0),
  };
}
