/** HTTP response shapes of the TOP100 index program (指数): kept here so the server's return types and the web's reads are one declaration. */
import type { CoherenceReport } from '../index-engine/coherence.js';
import type { PoolSource } from '../programs/rounds/index/sources.js';
import type { RankSensitivity } from '../index-engine/sobol.js';
import type { Breakdown } from '../registry/breakdown.js';
import type { IndustryGroup, ListingStatus } from '../registry/taxonomy.js';

export type IndexCycleStatus = 'draft' | 'computing' | 'computed' | 'stale' | 'published';

/**
 * A TOP100 cycle: the state of a program's index round. Name and year are the program's, list size,
 * seed and spec the round's config; `published` means the round is closed and its list published.
 * Spec, computation and publication are sent as stored (the server does not re-check them on reads).
 */
export interface IndexCycle {
  id: number;
  programId: number | null;
  roundId: number | null;
  /** The program's title (zh); `title` has both languages. */
  name: string;
  title: { zh: string; en: string };
  year: number;
  topN: number;
  spec: unknown;
  seed: string;
  status: IndexCycleStatus;
  computation: unknown;
  publication: unknown;
  isDemo: boolean;
  createdAt: string;
  computedAt: string | null;
  publishedAt: string | null;
}


export interface IndexCandidate {
  uscc: string;
  name: string;
  /** Where the candidate of the cycle's pool came from. */
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

/** What a cycle's computation reports (and stores with the cycle; computations stored earlier may lack the newer fields). */
export interface IndexComputeSummary {
  ranked: number;
  notRanked: { uscc: string; coverage: number }[];
  indicators: { id: string; coverage: number; weight: number }[];
  inputsHash: string;
  replicates: number;
  /** First-order and total Sobol indices of the uncertain choices on the ranks (when any is declared). */
  sensitivity: RankSensitivity | null;
  /** Indicator–pillar correlations, Cronbach's alpha, flags (the JRC audit's coherence check). */
  coherence: CoherenceReport | null;
}

export interface IndexPublishedEntry {
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

/** A cycle's published list. */
export interface IndexPublication {
  topN: number;
  evaluated: number;
  entries: IndexPublishedEntry[];
  breakdown: Breakdown;
  /** SHA-256 of the spec, seed and every candidate's data and exclusion: what the list was computed from. */
  inputsHash: string;
  /** Candidates tied with the last published rank, all admitted. */
  tiedAtCutoff: string[];
  /** The program's publication this list is read from (absent on lists frozen before migration 0011). */
  publicationId?: number;
}

/** The data-quality report (数据质量) of a cycle: coverage per indicator and per candidate. */
export interface IndexQualityReport {
  candidates: number;
  withData: number;
  minCoverage: number;
  indicators: { id: string; present: number; coverage: number }[];
  /** Candidates below the cycle's minimum coverage: they will not be ranked. */
  belowMinimum: { uscc: string; name: string; coverage: number }[];
  /** How many candidates have each coverage decile (0–10%, …, 90–100%). */
  coverageHistogram: number[];
}

/** A row of an uploaded file that could not be taken, and why. */
export interface IndexImportProblem {
  row: number;
  field: string;
  code: string;
  message: string;
  value?: string;
}

/** Candidates added to a cycle's pool from a file. */
export interface IndexPoolImportReport {
  rows: number;
  added: number;
  merged: number;
  errors: IndexImportProblem[];
  imported: boolean;
}

/** Indicator data imported for a cycle's candidates (or checked only, on a dry run). */
export interface IndexDataImportReport {
  rows: number;
  valid: number;
  errors: IndexImportProblem[];
  dryRun: boolean;
  imported: boolean;
}
