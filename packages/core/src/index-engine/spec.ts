/**
 * The JSON specification of an index computation (the CLI's --spec, the server's stored spec):
 * normalisation, aggregation and groups of weighted indicators, optionally imputation, outlier
 * treatment, minimum coverage and the alternatives of the uncertainty analysis. Validated with
 * zod; every problem becomes an error value naming its path.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.js';
import { text } from '../api/input.js';
import type { AggregationMethod } from './aggregate.js';
import type { IndexConfig } from './compute.js';
import type { FieldPath, IndicatorNode } from './system.js';
import type { UncertaintySpec } from './uncertainty.js';

const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => hi > lo, { message: 'range' });
const ties = z.enum(['average', 'min']);
/** Every normalisation the engine offers, with its options (the CLI, the index round and the web editor share it). */
export const normalisationSchema = z.discriminatedUnion('method', [
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
export const INDEX_AGGREGATIONS = ['arithmetic', 'geometric', 'harmonic', 'copeland'] as const satisfies readonly AggregationMethod[];
export const aggregationSchema = z.enum(INDEX_AGGREGATIONS);
export const imputationSchema = z.union([
  z.enum(['none', 'mean', 'median']).transform((method) => ({ method })),
  z.strictObject({ method: z.enum(['none', 'mean', 'median']), by: z.enum(['all', 'group']).optional() }),
]);
/** The JRC outlier rule: `true` with the defaults, or its thresholds and the treatment of a negative skew. */
export const outliersSchema = z.union([z.boolean(), z.strictObject({
  skew: z.number().positive().optional(), kurt: z.number().optional(), winmax: z.number().int().min(0).max(1000).optional(),
  negativeLog: z.enum(['mirror', 'coinr']).optional(),
})]);

const name = z.strictObject({ zh: text().max(200).optional(), en: text().max(200).optional() });
const weight = z.number().min(0);
const id = text().min(1).max(60);

/** A node of the indicator system: the index, a pillar or sub-pillar (with children) or an indicator (without). */
export interface IndexSpecNode {
  id: string;
  name?: { zh?: string | undefined; en?: string | undefined } | undefined;
  weight?: number | undefined;
  /** Inner nodes only: how this node aggregates its children (else the spec's aggregation). */
  aggregation?: AggregationMethod | undefined;
  children?: IndexSpecNode[] | undefined;
  direction?: 1 | -1 | undefined;
  unit?: string | undefined;
  source?: string | undefined;
  year?: number | undefined;
}

const leafFields = {
  direction: z.union([z.literal(1), z.literal(-1)]).optional(),
  unit: text().max(40).optional(), source: text().max(200).optional(), year: z.number().int().min(1900).max(2200).optional(),
};

/** The one declaration of the indicator tree, to any depth: the index round stores it, the CLI reads it. */
export const indexSpecNodeSchema: z.ZodType<IndexSpecNode> = z.lazy(() => z.strictObject({
  id, name: name.optional(), weight: weight.optional(), aggregation: aggregationSchema.optional(),
  children: z.array(indexSpecNodeSchema).max(500).optional(), ...leafFields,
}));

/** The CLI's shorthand: groups of indicators, groups of groups, to any depth. */
export interface IndexSpecGroup {
  id: string;
  name?: IndexSpecNode['name'];
  weight?: number | undefined;
  aggregation?: AggregationMethod | undefined;
  groups?: IndexSpecGroup[] | undefined;
  indicators?: Omit<IndexSpecNode, 'children' | 'aggregation'>[] | undefined;
}

const indicatorSchema = z.strictObject({ id, name: name.optional(), weight: weight.optional(), ...leafFields });
const groupSchema: z.ZodType<IndexSpecGroup> = z.lazy(() => z.strictObject({
  id, name: name.optional(), weight: weight.optional(), aggregation: aggregationSchema.optional(),
  groups: z.array(groupSchema).min(1).max(500).optional(),
  indicators: z.array(indicatorSchema).min(1).max(500).optional(),
}).refine((g) => g.groups !== undefined || g.indicators !== undefined, { path: ['indicators'], error: 'INDEX_GROUP_EMPTY' }));

export const indexSpecSchema = z.strictObject({
  normalisation: normalisationSchema,
  aggregation: aggregationSchema,
  imputation: imputationSchema.optional(),
  outliers: outliersSchema.optional(),
  minCoverage: z.number().min(0).max(1).optional(),
  /** Either the shorthand… */
  groups: z.array(groupSchema).min(1).max(500).optional(),
  /** …or the tree as the index round stores it (a round's spec runs unchanged in the CLI). */
  system: indexSpecNodeSchema.optional(),
  uncertainty: z.strictObject({
    imputations: z.array(imputationSchema).optional(),
    normalisations: z.array(normalisationSchema).optional(),
    aggregations: z.array(aggregationSchema).optional(),
    weightPerturbation: z.number().min(0).lt(1).optional(),
  }).optional(),
}).refine((s) => (s.groups === undefined) !== (s.system === undefined), { path: ['groups'], error: 'INDEX_SPEC_TREE' });

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
    case 'custom':
      // the refinements above name their own codes
      return { code: issue.message === 'INDEX_GROUP_EMPTY' || issue.message === 'INDEX_SPEC_TREE' ? issue.message : 'INDEX_SPEC_INVALID', field, params: { path: field } };
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

/** The tree a spec declares: its `system`, or its groups read as one (groups before indicators in each). */
export function systemOfSpec(spec: IndexSpec): IndexSpecNode {
  if (spec.system) return spec.system;
  const node = (g: IndexSpecGroup): IndexSpecNode => ({
    id: g.id, name: g.name, weight: g.weight, aggregation: g.aggregation,
    children: [...(g.groups ?? []).map(node), ...(g.indicators ?? [])],
  });
  return { id: 'index', children: (spec.groups ?? []).map(node) };
}

/**
 * Names tree positions as the spec writes them: `groups[0].groups[1].indicators[2].weight` for the
 * shorthand, `system.children[0].weight` for the tree.
 */
export function specFieldPath(spec: IndexSpec): FieldPath {
  if (spec.system) return (indices, what) => ['system', ...indices.map((i) => `children[${i}]`)].join('.') + (what ? `.${what}` : '');
  return (indices, what) => {
    let path = '';
    let groups: readonly IndexSpecGroup[] = spec.groups ?? [];
    let current: IndexSpecGroup | undefined;
    for (const i of indices) {
      const inner = current ? (current.groups ?? []) : groups;
      if (i < inner.length) {
        current = inner[i];
        path = current === undefined ? path : `${path ? `${path}.` : ''}groups[${i}]`;
        groups = current?.groups ?? [];
      } else {
        path = `${path}.indicators[${i - inner.length}]`;
      }
    }
    if (what === 'children') {
      if (!path) return 'groups';
      return current?.indicators || !current?.groups ? `${path}.indicators` : `${path}.groups`;
    }
    return [path, what].filter(Boolean).join('.') || 'spec';
  };
}

function engineNode(node: IndexSpecNode): IndicatorNode {
  const out: IndicatorNode = { id: node.id, weight: node.weight ?? 1 };
  if (node.name && (node.name.zh || node.name.en)) out.name = { ...(node.name.zh ? { zh: node.name.zh } : {}), ...(node.name.en ? { en: node.name.en } : {}) };
  if (node.children) {
    out.children = node.children.map(engineNode);
    if (node.aggregation) out.aggregation = node.aggregation;
    return out;
  }
  out.direction = node.direction ?? 1;
  if (node.unit) out.unit = node.unit;
  if (node.source) out.source = node.source;
  if (node.year) out.year = node.year;
  return out;
}

/** The engine's tree for a spec's: defaults filled in (weight 1, direction +1). */
export function engineSystem(root: IndexSpecNode): IndicatorNode {
  return engineNode(root);
}

export function configFromSpec(spec: IndexSpec): IndexConfig {
  return {
    system: engineSystem(systemOfSpec(spec)), normalisation: spec.normalisation, aggregation: spec.aggregation,
    imputation: spec.imputation ?? { method: 'none' },
    outliers: spec.outliers === true ? {} : spec.outliers || false,
    ...(spec.minCoverage !== undefined ? { minCoverage: spec.minCoverage } : {}),
  };
}

/** The indicators of a tree, leaves in order. */
export function leavesOf(root: IndexSpecNode): IndexSpecNode[] {
  return root.children ? root.children.flatMap(leavesOf) : [root];
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
