/** HTTP response shapes of a file import (organisations, experts): one declaration for the server's answers and the web's reads. */

/** One problem of an imported file: its row (as numbered in the file), column, code and translated message. */
export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  message: string;
  value?: string;
}

/** The answer to an import, dry run or not, its preview keyed by the file's columns. */
export interface ImportReport<Column extends string> {
  rows: number;
  valid: number;
  errors: ImportProblem[];
  truncated: boolean;
  dryRun: boolean;
  imported: boolean;
  created: number;
  updated: number;
  preview: { row: number; values: Partial<Record<Column, string>> }[];
}
