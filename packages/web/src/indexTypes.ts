/** Shapes of the TOP100 program's HTTP API (packages/server/src/index-program). */
import type { Breakdown, FieldError, IndustryGroup, ListingStatus } from '@keping/core';

export type CycleStatus = 'draft' | 'computing' | 'computed' | 'stale' | 'published';

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

/** First-order and total Sobol indices of each uncertain choice on the ranks. */
export interface RankSensitivity {
  inputs: { input: SensitivityInput; first: number; total: number }[];
  runs: number;
  variance: number;
}

export type CoherenceFlag = 'negative' | 'weak' | null;

/** The JRC audit's statistical coherence: correlations, Cronbach's alpha, flags. */
export interface CoherenceReport {
  indicators: { id: string; parent: string; withParent: number; withIndex: number; flag: CoherenceFlag }[];
  nodes: { id: string; parent: string | null; withParent: number; alpha: number; items: number; flag: CoherenceFlag }[];
  weakBelow: number;
}

export interface ComputeSummary {
  ranked: number;
  notRanked: { uscc: string; coverage: number }[];
  indicators: { id: string; coverage: number; weight: number }[];
  inputsHash: string;
  replicates: number;
  /** Absent from computations made before the server reported them. */
  sensitivity?: RankSensitivity | null;
  coherence?: CoherenceReport | null;
}

export interface PublishedEntry {
  rank: number;
  uscc: string;
  name: string;
  score: number;
  rankP05: number | null;
  rankP95: number | null;
  district: string | null;
  listing: ListingStatus | null;
  groups: IndustryGroup[];
}

export interface Publication {
  topN: number;
  evaluated: number;
  entries: PublishedEntry[];
  breakdown: Breakdown;
  inputsHash: string;
  tiedAtCutoff: string[];
}

export interface Cycle {
  id: number;
  name: string;
  year: number;
  topN: number;
  spec: IndexSpec;
  seed: string;
  status: CycleStatus;
  computation: ComputeSummary | null;
  publication: Publication | null;
  isDemo: boolean;
  createdAt: string;
  computedAt: string | null;
  publishedAt: string | null;
}

export interface NewCycle {
  name: string;
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

export interface Candidate {
  uscc: string;
  name: string;
  sources: PoolSource[];
  data: Record<string, number | null> | null;
  excluded: boolean;
  exclusionReason: string | null;
  score: number | null;
  rank: number | null;
  rankMedian: number | null;
  rankP05: number | null;
  rankP95: number | null;
  groupScores: Record<string, number | null> | null;
}

export interface ImportedRowProblem {
  row: number;
  field: string;
  code: string;
  message: string;
  value?: string;
}

export interface PoolImportReport {
  rows: number;
  added: number;
  merged: number;
  errors: ImportedRowProblem[];
  imported: boolean;
}

export interface DataImportReport {
  rows: number;
  valid: number;
  errors: ImportedRowProblem[];
  dryRun: boolean;
  imported: boolean;
}

export interface QualityReport {
  candidates: number;
  withData: number;
  minCoverage: number;
  indicators: { id: string; present: number; coverage: number }[];
  belowMinimum: { uscc: string; name: string; coverage: number }[];
  /** Candidates per coverage decile (0–10 %, …, 90–100 %). */
  coverageHistogram: number[];
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: number;
  kind: string;
  status: JobStatus;
  progress: number;
  error: FieldError | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PublicCycleSummary {
  id: number;
  name: string;
  year: number;
  publishedAt: string | null;
}

export interface PublicCycle extends PublicCycleSummary {
  publication: Publication;
}
