/** Shapes of the TOP100 program's HTTP API (packages/server/src/index-program). */
import type { IndexComputeSummary, IndexCycle, IndexPublication } from '@keping/core';

/** The server's shapes, declared once in @keping/core; the index program's under their names in this app. */
export type {
  CoherenceFlag, CoherenceReport, IndexCandidate as Candidate, IndexCycleStatus as CycleStatus,
  IndexDataImportReport as DataImportReport, IndexImportProblem as ImportedRowProblem, IndexPoolImportReport as PoolImportReport,
  IndexPublication as Publication, IndexPublishedEntry as PublishedEntry, IndexQualityReport as QualityReport, Job, JobStatus,
  RankSensitivity,
} from '@keping/core';

/** A cycle's computation as stored: those computed before the server reported sensitivity and coherence lack them. */
export type ComputeSummary = Omit<IndexComputeSummary, 'sensitivity' | 'coherence'>
  & Partial<Pick<IndexComputeSummary, 'sensitivity' | 'coherence'>>;

export interface LocalName {
  zh?: string;
  en?: string;
}

/** A node of the indicator system: the index, a pillar (sub-pillar) or, without children, an indicator. */
export interface SpecNode {
  id: string;
  name?: LocalName;
  weight?: number;
  children?: SpecNode[];
  direction?: 1 | -1;
  unit?: string;
  source?: string;
  year?: number;
}

export const NORMALISATIONS = ['minmax', 'zscore', 'rank', 'percentile'] as const;
export type NormalisationMethod = (typeof NORMALISATIONS)[number];
export type Normalisation =
  | { method: 'minmax'; range?: [number, number] }
  | { method: 'zscore' }
  | { method: 'rank' }
  | { method: 'percentile' };

export const AGGREGATIONS = ['arithmetic', 'geometric', 'copeland'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const IMPUTATIONS = ['none', 'mean', 'median'] as const;
export type Imputation = (typeof IMPUTATIONS)[number];

export interface IndexSpec {
  system: SpecNode;
  normalisation: Normalisation;
  aggregation: Aggregation;
  imputation: Imputation;
  outliers: boolean;
  minCoverage: number;
  uncertainty: {
    replicates: number;
    weightPerturbation: number;
    /** Alternatives drawn at random in each Monte Carlo replicate besides the spec's own choice. */
    normalisations?: Normalisation[];
    aggregations?: Aggregation[];
  };
}

export const SENSITIVITY_INPUTS = ['imputation', 'normalisation', 'aggregation', 'weights'] as const;
export type SensitivityInput = (typeof SENSITIVITY_INPUTS)[number];

/** The server sends a cycle's spec, computation and publication as stored; this app reads them as what it stored. */
export interface Cycle extends Omit<IndexCycle, 'spec' | 'computation' | 'publication'> {
  spec: IndexSpec;
  computation: ComputeSummary | null;
  publication: IndexPublication | null;
}

export interface NewCycle {
  name: string;
  /** The program's English title; the Chinese name when empty. */
  nameEn?: string;
  year: number;
  topN: number;
  seed: string;
  spec: IndexSpec;
}

export const POOL_SOURCES = ['tech_center', 'listed', 'emerging_top100', 'private_top100', 'major_project'] as const;
export type PoolSource = (typeof POOL_SOURCES)[number];
export const REGISTRY_SOURCES = ['tech_center', 'listed'] as const;
export type RegistrySource = (typeof REGISTRY_SOURCES)[number];
export const FILE_SOURCES = ['emerging_top100', 'private_top100', 'major_project'] as const;
export type FileSource = (typeof FILE_SOURCES)[number];

export interface PublicCycleSummary {
  id: number;
  name: string;
  title: { zh: string; en: string };
  programId: number | null;
  year: number;
  publishedAt: string | null;
}

export interface PublicCycle extends PublicCycleSummary {
  publication: IndexPublication;
}
