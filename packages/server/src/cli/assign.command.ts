/**
 * `keping assign --entries E.csv --experts X.csv --affinity A.csv [--conflicts C.csv]
 *   --per-entry K --max-load L [--min-load M] [--mode optimal|fair|random] [--seed S]
 *   [--reserves R] [--candidates all|listed] [--min-score S]
 *   [--same-organisation-conflict yes|no] [--one-per-organisation] --out OUT.csv`
 *
 * Reviewer assignment (评审专家分配) from CSV or XLSX files. Entries and experts have `id` and
 * optional `organisation` and `category` columns (experts may list several categories
 * separated by ; or |, and may have `min_load` / `max_load`); affinity rows are
 * `entry_id,expert_id,score`, conflicts `entry_id,expert_id`. Equal organisation of entry
 * and expert is a conflict unless --same-organisation-conflict no. Writes
 * `entry_id,expert_id,score`; a random draw also writes OUT.reserves.csv and prints its seed.
 * Exit codes: 0 written, 1 data errors or no feasible assignment, 2 usage.
 */
import { randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AssignmentInput, type AssignmentMode, type AssignmentResult, type FieldError, KepingError, type Locale,
  assignReviewers, errorMessage, translate,
} from '@keping/core';
import { LOCAL_FILE_LIMITS } from '../files/limits.js';
import { openTable } from '../files/table-reader.js';

export interface AssignIo {
  out: (s: string) => void;
  err: (s: string) => void;
  locale: Locale;
}

const MAX_ERRORS = 100;
/** Local files of a large round: 50,000 entries × 50 candidates is about 1.5 GB of rows at most. */
const MAX_BYTES = 2 * 1024 ** 3;

interface Problem {
  file: string;
  row?: number;
  column?: string;
  error: FieldError;
}

interface Row {
  row: number;
  cells: string[];
}

interface Sheet {
  file: string;
  rows: Row[];
  columns: Map<string, number>;
}

function cell(sheet: Sheet, r: Row, column: string): string {
  const i = sheet.columns.get(column);
  return i === undefined ? '' : (r.cells[i] ?? '').trim();
}

/** Reads a table and checks its header; columns are matched case-insensitively. */
async function readSheet(path: string, required: string[], optional: string[], problems: Problem[]): Promise<Sheet | null> {
  const file = basename(path);
  let table;
  try {
    table = await openTable(path, { maxBytes: MAX_BYTES, limits: LOCAL_FILE_LIMITS });
  } catch (e) {
    if (e instanceof KepingError) {
      problems.push({ file, error: e.toFieldError() });
      return null;
    }
    throw e;
  }
  const headers = table.headers.map((h) => h.trim().toLowerCase().replace(/^organization$/, 'organisation'));
  const index = new Map<string, number>();
  for (const name of [...required, ...optional]) if (headers.includes(name)) index.set(name, headers.indexOf(name));
  const missing = required.filter((name) => !index.has(name));
  for (const header of missing) problems.push({ file, row: 1, error: { code: 'HEADER_MISSING', params: { header } } });
  if (missing.length > 0) return null;
  const rows: Row[] = [];
  // whole batches as read: an await per row costs more than the rows themselves on large affinity files
  for await (const batch of table.batches) for (const r of batch) rows.push(r);
  return { file, rows, columns: index };
}

function numberCell(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function print(io: AssignIo, problems: Problem[]): void {
  for (const p of problems.slice(0, MAX_ERRORS)) {
    const message = errorMessage(io.locale, p.error);
    if (p.file === '') io.err(`${translate(io.locale, 'cli.error')}: ${message}`);
    else if (p.row === undefined) io.err(`${p.file}: ${message}`);
    else if (p.column === undefined) io.err(translate(io.locale, 'assignment.cli.inFileRow', { file: p.file, row: p.row, message }));
    else io.err(translate(io.locale, 'assignment.cli.inFile', { file: p.file, row: p.row, column: p.column, message }));
  }
  if (problems.length > MAX_ERRORS) io.err(translate(io.locale, 'assignment.cli.more', { count: problems.length - MAX_ERRORS }));
}

function usage(io: AssignIo, error?: FieldError): number {
  if (error) io.err(`${translate(io.locale, 'cli.error')}: ${errorMessage(io.locale, error)}`);
  io.err(errorMessage(io.locale, { code: 'USAGE', params: { usage: translate(io.locale, 'assignment.cli.usage') } }));
  return 2;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const COLUMN_OF: Record<string, string> = {
  id: 'id', entryId: 'entry_id', expertId: 'expert_id', score: 'score', minLoad: 'min_load', maxLoad: 'max_load',
};

export async function runAssign(args: string[], io: AssignIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args, allowPositionals: false, strict: true,
      options: {
        entries: { type: 'string' }, experts: { type: 'string' }, affinity: { type: 'string' }, conflicts: { type: 'string' },
        'per-entry': { type: 'string' }, 'max-load': { type: 'string' }, 'min-load': { type: 'string' },
        mode: { type: 'string' }, seed: { type: 'string' }, reserves: { type: 'string' }, candidates: { type: 'string' },
        'min-score': { type: 'string' }, 'same-organisation-conflict': { type: 'string' },
        'one-per-organisation': { type: 'boolean' }, out: { type: 'string' },
      },
    }));
  } catch {
    return usage(io);
  }
  const { entries: entriesPath, experts: expertsPath, affinity: affinityPath, out } = values;
  if (!entriesPath || !expertsPath || !affinityPath || !out || !values['per-entry'] || !values['max-load']) return usage(io);
  const bad = (option: string, expected: string, value: string): number =>
    usage(io, { code: 'ASSIGNMENT_OPTION', params: { option, expected, value } });
  const whole = (option: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    return /^\d+$/.test(text) && Number(text) >= min ? Number(text) : Number.NaN;
  };
  const perEntry = whole('--per-entry', values['per-entry'], 1)!;
  if (Number.isNaN(perEntry)) return bad('--per-entry', '≥ 1', values['per-entry']);
  const maxLoad = whole('--max-load', values['max-load'], 0)!;
  if (Number.isNaN(maxLoad)) return bad('--max-load', '≥ 0', values['max-load']);
  const minLoad = whole('--min-load', values['min-load'], 0);
  if (Number.isNaN(minLoad)) return bad('--min-load', '≥ 0', values['min-load']!);
  const reserves = whole('--reserves', values.reserves, 0);
  if (Number.isNaN(reserves)) return bad('--reserves', '≥ 0', values.reserves!);
  const mode = (values.mode ?? 'optimal') as AssignmentMode;
  if (!['optimal', 'fair', 'random'].includes(mode)) return bad('--mode', 'optimal|fair|random', mode);
  const candidates = values.candidates ?? 'all';
  if (candidates !== 'all' && candidates !== 'listed') return bad('--candidates', 'all|listed', candidates);
  const sameOrg = values['same-organisation-conflict'] ?? 'yes';
  if (sameOrg !== 'yes' && sameOrg !== 'no') return bad('--same-organisation-conflict', 'yes|no', sameOrg);
  const minScore = values['min-score'] === undefined ? undefined : numberCell(values['min-score']);
  if (values['min-score'] !== undefined && minScore === undefined) return bad('--min-score', 'a number', values['min-score']);

  const problems: Problem[] = [];
  const entrySheet = await readSheet(entriesPath, ['id'], ['organisation', 'category'], problems);
  const expertSheet = await readSheet(expertsPath, ['id'], ['organisation', 'category', 'min_load', 'max_load'], problems);
  const affinitySheet = await readSheet(affinityPath, ['entry_id', 'expert_id', 'score'], [], problems);
  const conflictSheet = values.conflicts ? await readSheet(values.conflicts, ['entry_id', 'expert_id'], [], problems) : null;
  if (!entrySheet || !expertSheet || !affinitySheet || (values.conflicts && !conflictSheet)) {
    print(io, problems);
    return 1;
  }
  const loadCell = (sheet: Sheet, r: Row, column: string): number | undefined => {
    const text = cell(sheet, r, column);
    if (text === '') return undefined;
    const n = numberCell(text);
    if (n === undefined || !Number.isInteger(n) || n < 0) {
      problems.push({ file: sheet.file, row: r.row, column, error: { code: 'ASSIGNMENT_LOAD', params: { value: text } } });
    }
    return n;
  };
  const input: AssignmentInput = {
    entries: entrySheet.rows.map((r) => ({
      id: cell(entrySheet, r, 'id'), organisation: cell(entrySheet, r, 'organisation'), category: cell(entrySheet, r, 'category'),
    })),
    experts: expertSheet.rows.map((r) => {
      const lo = loadCell(expertSheet, r, 'min_load');
      const hi = loadCell(expertSheet, r, 'max_load');
      const categories = cell(expertSheet, r, 'category').split(/[;；|、]/).map((c) => c.trim()).filter((c) => c !== '');
      return { id: cell(expertSheet, r, 'id'), organisation: cell(expertSheet, r, 'organisation'), categories, ...(lo === undefined ? {} : { minLoad: lo }), ...(hi === undefined ? {} : { maxLoad: hi }) };
    }),
    affinity: affinitySheet.rows.map((r) => {
      const text = cell(affinitySheet, r, 'score');
      const score = numberCell(text);
      if (score === undefined) {
        problems.push({ file: affinitySheet.file, row: r.row, column: 'score', error: { code: 'ASSIGNMENT_NOT_A_NUMBER', params: { value: text } } });
      }
      return { entryId: cell(affinitySheet, r, 'entry_id'), expertId: cell(affinitySheet, r, 'expert_id'), score: score ?? 0 };
    }),
    conflicts: conflictSheet ? conflictSheet.rows.map((r) => ({ entryId: cell(conflictSheet, r, 'entry_id'), expertId: cell(conflictSheet, r, 'expert_id') })) : [],
    candidates, perEntry, maxLoad, mode,
    sameOrganisationIsConflict: sameOrg === 'yes',
    onePerOrganisation: values['one-per-organisation'] === true,
    ...(minLoad === undefined ? {} : { minLoad }),
    ...(reserves === undefined ? {} : { reserves }),
    ...(minScore === undefined ? {} : { minScore }),
  };
  if (problems.length > 0) {
    print(io, problems);
    return 1;
  }
  if (mode === 'random') input.seed = values.seed ?? String(randomInt(1, 2 ** 47));

  const result = assignReviewers(input);
  if (!result.ok) {
    const sheets: Record<string, Sheet | null> = { entries: entrySheet, experts: expertSheet, affinity: affinitySheet, conflicts: conflictSheet };
    print(io, result.errors.map((error) => locate(error, sheets)));
    return 1;
  }
  await writeResult(io, out, result.value);
  return 0;
}

/** Points an engine error at the file, row and column it came from. */
function locate(error: FieldError, sheets: Record<string, Sheet | null>): Problem {
  const m = /^(entries|experts|affinity|conflicts)\[(\d+)\](?:\.(\w+))?$/.exec(error.field ?? '');
  const sheet = m ? sheets[m[1]!] : null;
  if (!m || !sheet) return { file: '', error };
  const at = sheet.rows[Number(m[2])];
  const params = { ...(error.params ?? {}) };
  // The engine counts list positions; the user looks for spreadsheet rows.
  if (typeof params.first === 'number') params.first = sheet.rows[params.first - 1]?.row ?? params.first;
  if (typeof params.index === 'number') params.index = sheet.rows[params.index - 1]?.row ?? params.index;
  const located: Problem = { file: sheet.file, error: { ...error, params } };
  if (at) located.row = at.row;
  if (m[3]) located.column = COLUMN_OF[m[3]] ?? m[3];
  return located;
}

async function writeResult(io: AssignIo, out: string, result: AssignmentResult): Promise<void> {
  const lines = ['entry_id,expert_id,score', ...result.assignments.map((a) => [a.entryId, a.expertId, String(a.score)].map(csvCell).join(','))];
  await writeFile(out, `${lines.join('\n')}\n`);
  const ex = result.explanation;
  const worst = ex.minimum.entryIds[0] ?? '';
  const round = (x: number): string => String(Number(x.toFixed(6)));
  io.out(translate(io.locale, 'assignment.cli.summary', {
    entries: ex.entryTotals.length, perEntry: ex.perEntry, mode: translate(io.locale, `assignment.mode.${ex.mode}`),
    total: round(ex.objective), minimum: round(ex.minimum.total), entry: worst,
  }));
  if (ex.fairness) {
    const f = ex.fairness;
    const proof = f.proven
      ? translate(io.locale, 'assignment.cli.fairProven')
      : translate(io.locale, 'assignment.cli.fairBound', { bound: round(f.upperBound) });
    io.out(translate(io.locale, 'assignment.cli.fair', {
      minimum: round(f.minimum), proof, optimalMinimum: round(f.optimalModeMinimum), optimalTotal: round(f.optimalModeTotal),
    }));
  }
  io.out(translate(io.locale, 'assignment.cli.excluded', { ...ex.excluded }));
  io.out(translate(io.locale, 'assignment.cli.written', { path: out, rows: result.assignments.length }));
  if (ex.seed !== undefined) {
    const reservesPath = `${out.replace(/\.csv$/i, '')}.reserves.csv`;
    const rows = ['entry_id,expert_id,rank,draw_position,score', ...result.reserves.map((r) =>
      [r.entryId, r.expertId, String(r.rank), String(r.drawPosition), String(r.score)].map(csvCell).join(','))];
    await writeFile(reservesPath, `${rows.join('\n')}\n`);
    io.out(translate(io.locale, 'assignment.cli.written', { path: reservesPath, rows: result.reserves.length }));
    io.out(translate(io.locale, 'assignment.cli.seed', { seed: ex.seed }));
  }
}
