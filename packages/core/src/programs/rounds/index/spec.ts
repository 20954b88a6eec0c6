/**
 * An index round's specification (the TOP100 cycle's): the indicator system (a tree: index → pillars → sub-pillars →
 * indicators, as the engine takes it) and the method choices. Versioned with the cycle.
 */
import { z } from 'zod';
import { text } from '../../../api/input.js';

/** The methods an index round offers (a subset of the engine's), in the order the web lists them. */
export const INDEX_NORMALISATIONS = ['minmax', 'zscore', 'rank', 'percentile'] as const satisfies readonly IndexNormalisation['method'][];
export type IndexNormalisationMethod = (typeof INDEX_NORMALISATIONS)[number];
export const INDEX_AGGREGATIONS = ['arithmetic', 'geometric', 'copeland'] as const;
export type IndexAggregation = (typeof INDEX_AGGREGATIONS)[number];
export const INDEX_IMPUTATIONS = ['none', 'mean', 'median'] as const;
export type IndexImputation = (typeof INDEX_IMPUTATIONS)[number];

const name = z.object({ zh: text().max(200).optional(), en: text().max(200).optional() });

/** A name in both languages, either of which may be missing (the node's id stands in). */
export interface IndexLocalName {
  zh?: string | undefined;
  en?: string | undefined;
}

/** A node of the indicator system: the index, a pillar (sub-pillar) or, without children, an indicator. */
export interface IndexSpecNode {
  id: string;
  name?: IndexLocalName | undefined;
  weight?: number | undefined;
  children?: IndexSpecNode[] | undefined;
  direction?: 1 | -1 | undefined;
  unit?: string | undefined;
  source?: string | undefined;
  year?: number | undefined;
}

export const indexSpecNodeSchema: z.ZodType<IndexSpecNode> = z.lazy(() => z.object({
  id: text().min(1).max(60),
  name: name.optional(),
  weight: z.number().min(0).optional(),
  children: z.array(indexSpecNodeSchema).max(200).optional(),
  direction: z.union([z.literal(1), z.literal(-1)]).optional(),
  unit: text().max(40).optional(),
  source: text().max(200).optional(),
  year: z.number().int().min(1900).max(2200).optional(),
}));

const normalisationSchema = z.union([
  z.object({ method: z.literal('minmax'), range: z.tuple([z.number(), z.number()]).optional() }),
  z.object({ method: z.literal('zscore') }),
  z.object({ method: z.literal('rank') }),
  z.object({ method: z.literal('percentile') }),
]);

export const indexRoundSpecSchema = z.object({
  system: indexSpecNodeSchema,
  normalisation: normalisationSchema,
  aggregation: z.enum(INDEX_AGGREGATIONS),
  imputation: z.enum(INDEX_IMPUTATIONS).default('none'),
  /** The JRC outlier rule (winsorise, then log) before normalisation. */
  outliers: z.boolean().default(true),
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
