/**
 * Limits on an imported table, so that a small hostile file cannot cost the server gigabytes: a
 * header of a million columns, a workbook that inflates a thousandfold, millions of rows. Each has
 * a default, an environment variable that overrides it, and an option that overrides both (tests).
 */
import { errorMessage, type ImportProblem, KepingError, type Locale } from '@keping/core';

export interface ImportLimits {
  /** Columns a row may have (the header included); a wider file is refused as soon as a row passes it. */
  maxColumns: number;
  /** Header problems listed one by one; the rest are one summary line. */
  maxHeaderProblems: number;
  /** Uncompressed bytes of one part of an XLSX file, as declared in the ZIP and as counted while inflating. */
  maxXlsxPartBytes: number;
  /** Data rows (blank ones not counted); reading stops at the first row past it. */
  maxRows: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxColumns: 200,
  maxHeaderProblems: 50,
  maxXlsxPartBytes: 200 * 1024 * 1024,
  maxRows: 1_000_000,
};

/** For local files given to the CLI (trusted, large by design): only the XLSX part limit stays. */
export const LOCAL_FILE_LIMITS: Partial<ImportLimits> = { maxColumns: 16_384, maxRows: Number.POSITIVE_INFINITY };

function fromEnv(env: NodeJS.ProcessEnv, name: string, scale = 1): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  // A mistyped limit is a configuration error, said loudly rather than silently replaced by the default.
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${text}"`);
  return Math.floor(n * scale);
}

/** The limits in force: `overrides`, else KEPING_IMPORT_MAX_* from the environment, else the defaults. */
export function importLimits(overrides: Partial<ImportLimits> = {}, env: NodeJS.ProcessEnv = process.env): ImportLimits {
  return {
    maxColumns: overrides.maxColumns ?? fromEnv(env, 'KEPING_IMPORT_MAX_COLUMNS') ?? DEFAULT_IMPORT_LIMITS.maxColumns,
    maxHeaderProblems: overrides.maxHeaderProblems ?? fromEnv(env, 'KEPING_IMPORT_MAX_HEADER_PROBLEMS') ?? DEFAULT_IMPORT_LIMITS.maxHeaderProblems,
    maxXlsxPartBytes: overrides.maxXlsxPartBytes ?? fromEnv(env, 'KEPING_IMPORT_MAX_XLSX_PART_MB', 1024 * 1024) ?? DEFAULT_IMPORT_LIMITS.maxXlsxPartBytes,
    maxRows: overrides.maxRows ?? fromEnv(env, 'KEPING_IMPORT_MAX_ROWS') ?? DEFAULT_IMPORT_LIMITS.maxRows,
  };
}

export function tooManyColumns(max: number, row: number): KepingError {
  return new KepingError('FILE_TOO_MANY_COLUMNS', { field: 'file', params: { max, row }, status: 413 });
}

export function tooManyRows(max: number): KepingError {
  return new KepingError('FILE_TOO_MANY_ROWS', { field: 'file', params: { max }, status: 413 });
}

export function partTooLarge(maxBytes: number): KepingError {
  const limitMb = Math.max(1, Math.round(maxBytes / 1048576));
  return new KepingError('FILE_UNPACKED_TOO_LARGE', { field: 'file', params: { limitMb }, status: 413 });
}

/** The first `max` header problems, then one line saying how many more there are. */
export function capHeaderProblems(problems: ImportProblem[], max: number, locale: Locale): ImportProblem[] {
  if (problems.length <= max) return problems;
  const more = problems.length - max;
  const summary = { code: 'HEADER_MORE_PROBLEMS', field: 'header', params: { count: more } };
  return [...problems.slice(0, max), { row: 1, field: 'header', code: summary.code, message: errorMessage(locale, summary) }];
}
