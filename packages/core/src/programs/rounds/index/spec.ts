/**
 * An index round's specification (the TOP100 cycle's): the indicator system (a tree: index → pillars → sub-pillars →
 * indicators, as the engine takes it) and the method choices. Versioned with the cycle.
 */
import { z } from 'zod';
import { INDEX_AGGREGATIONS, type IndexSpecNode, indexSpecNodeSchema, normalisationSchema, outliersSchema } from '../../../index-engine/spec.js';

/** The normalisations the web offers first, in the order it lists them; the spec takes any of the engine's. */
export const INDEX_NORMALISATIONS = ['minmax', 'zscore', 'rank', 'percentile', 'borda', 'dist2max', 'frontier', 'goalposts', 'target', 'none'] as const satisfies readonly IndexNormalisation['method'][];
export type IndexNormalisationMethod = (typeof INDEX_NORMALISATIONS)[number];
export type IndexAggregation = (typeof INDEX_AGGREGATIONS)[number];
export const INDEX_IMPUTATIONS = ['none', 'mean', 'median'] as const;
export type IndexImputation = (typeof INDEX_IMPUTATIONS)[number];

/** A name in both languages, either of which may be missing (the node's id stands in). */
export type IndexLocalName = NonNullable<IndexSpecNode['name']>;

export const indexRoundSpecSchema = z.object({
  system: indexSpecNodeSchema,
  normalisation: normalisationSchema,
  aggregation: z.enum(INDEX_AGGREGATIONS),
  imputation: z.enum(INDEX_IMPUTATIONS).default('none'),
  /** The JRC outlier rule (winsorise, then log) before normalisation; its options as the engine takes them. */
  outliers: outliersSchema.default(true),
  /** Share of indicators a candidate needs to be ranked. */
  minCoverage: z.number().min(0).max(1).default(0.6),
  /** Monte Carlo replicates for rank bands (0 = none) and the weight perturbation they use. */
  uncertainty: z.object({
    replicates: z.number().int().min(0).max(5000),
    weightPerturbation: z.number().min(0).max(0.99),
    /** Alternatives drawn at random in each replicate besides the spec's own choice. */
    normalisations: z.array(normalisationSchema).max(6).optional(),
    aggregations: z.array(z.enum(INDEX_AGGREGATIONS)).max(3).optional(),
  }).default({ replicates: 200, weightPerturbation: 0.2 }),
});
export type IndexRoundSpec = z.infer<typeof indexRoundSpecSchema>;
export type IndexNormalisation = IndexRoundSpec['normalisation'];

export interface IndicatorInfo {
  id: string;
  name: { zh: string; en: string };
  /** The pillar (top-level child of the index) it belongs to. */
  group: string;
  direction: 1 | -1;
  unit?: string | undefined;
  source?: string | undefined;
  year?: number | undefined;
}

/** The leaves of the tree in order, each with its pillar. */
export function indicatorsOf(spec: IndexRoundSpec): IndicatorInfo[] {
  const out: IndicatorInfo[] = [];
  const walk = (node: IndexSpecNode, pillar: string) => {
    if (!node.children?.length) {
      out.push({
        id: node.id, name: { zh: node.name?.zh ?? node.id, en: node.name?.en ?? node.id }, group: pillar,
        direction: node.direction ?? 1, unit: node.unit, source: node.source, year: node.year,
      });
      return;
    }
    for (const child of node.children) walk(child, pillar || child.id);
  };
  for (const pillar of spec.system.children ?? []) walk(pillar, pillar.id);
  return out;
}
