/** HTTP response shapes of background jobs: kept here so the server's return types and the web's reads are one declaration. */
import type { FieldError } from '../errors.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: number;
  kind: string;
  /** The version of the job's definition it was queued under; a worker runs it only under the same. */
  version: number;
  status: JobStatus;
  progress: number;
  input: unknown;
  result: unknown;
  error: FieldError | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
