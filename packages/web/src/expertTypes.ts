/** Shapes of the expert pool's HTTP API (packages/server/src/experts), built on @keping/core's expert model. */
import type { ExpertColumn, ImportReport } from '@keping/core';

/** The server's expert and conflict-check shapes, declared once in @keping/core. */
export type { ConflictCauseView, ConflictRequest, ConflictResponse, Expert, ExpertConflictView } from '@keping/core';

export interface ExpertQuery {
  q?: string;
  tag?: string;
  available?: 'true' | 'false';
  status?: 'active' | 'inactive' | 'all';
  page?: number;
  pageSize?: number;
}

export type ExpertImportReport = ImportReport<ExpertColumn>;
