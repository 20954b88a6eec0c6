/** Shapes of the TOP100 program's HTTP API (packages/server/src/rounds/index); the spec and pool sources are core's contracts. */
import type { IndexComputeSummary, IndexCycle, IndexPublication, IndexRoundSpec } from '@keping/core';

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

/** The server sends a cycle's spec, computation and publication as stored; this app reads them as what it stored. */
export interface Cycle extends Omit<IndexCycle, 'spec' | 'computation' | 'publication'> {
  spec: IndexRoundSpec;
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
  spec: IndexRoundSpec;
}

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
