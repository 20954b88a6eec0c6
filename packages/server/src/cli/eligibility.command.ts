/**
 * `keping eligibility --rules ID|FILE.json --as-of YYYY-MM-DD --data FILE [--json]`: screens every
 * row of a CSV or XLSX file against an eligibility rule set and prints each verdict with its reasons.
 * All or nothing: a file with data errors gets the errors (file, row, column), not verdicts.
 * Exit codes: 0 verdicts printed, 1 data errors, 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type EligibilityResult, type EligibilitySubject, type FieldError, KepingError, type Locale, RULE_SETS, type RuleSet,
  type SeriesFact, columnsRead, errorMessage, evaluateEligibility, getRuleSet, parseDay, parseDecimal, parseRuleSetJson,
  translate,
} from '@keping/core';
import { openTable } from '../files/table-reader.js';

export interface EligibilityIo {
  out: (s: string) => void;
  err: (s: string) => void;
  locale: Locale;
}

const MAX_ERRORS = 100;
const SERIES = /^([a-z][a-z0-9]*)_(\d{4})$/;

interface Problem {
  row?: number;
  error: FieldError;
}

function printProblems(io: EligibilityIo, file: string, problems: Problem[]): void {
  for (const p of problems.slice(0, MAX_ERRORS)) {
    const message = errorMessage(io.locale, p.error);
    io.err(p.row === undefined
      ? translate(io.locale, 'review.cli.errorInFile', { file, message })
      : translate(io.locale, 'review.cli.errorAt', { file, row: p.row, field: p.error.field ?? '', message }));
  }
  if (problems.length > MAX_ERRORS) io.err(errorMessage(io.locale, { code: 'TOO_MANY_ERRORS', params: { max: MAX_ERRORS } }));
  io.err(translate(io.locale, 'review.cli.rejected', { count: problems.length }));
}

function usage(io: EligibilityIo, error?: FieldError): number {
  if (error) io.err(`${translate(io.locale, 'cli.error')}: ${errorMessage(io.locale, error)}`);
  io.err(translate(io.locale, 'review.cli.eligibility.usage', { known: Object.keys(RULE_SETS).join(', ') }));
  return 2;
}

async function loadRuleSet(io: EligibilityIo, rules: string): Promise<RuleSet | number> {
  if (!/\.json$/i.test(rules)) {
    try {
      return getRuleSet(rules);
    } catch (e) {
      if (e instanceof KepingError) return usage(io, e.toFieldError());
      throw e;
    }
  }
  let text: string;
  try {
    text = await readFile(rules, 'utf8');
  } catch {
    printProblems(io, basename(rules), [{ error: { code: 'FILE_NOT_FOUND', field: 'rules', params: { path: rules } } }]);
    return 1;
  }
  const parsed = parseRuleSetJson(text);
  if (parsed.ok) return parsed.ruleSet;
  printProblems(io, basename(rules), parsed.errors.map((error) => ({ error })));
  return 1;
}

/** Reads the table into subjects, or the problems that stop the run. */
async function readSubjects(path: string, required: readonly string[]): Promise<{ subjects: (EligibilitySubject & { row: number; name: string })[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const subjects: (EligibilitySubject & { row: number; name: string })[] = [];
  let table;
  try {
    table = await openTable(path);
  } catch (e) {
    if (e instanceof KepingError) return { subjects, problems: [{ error: e.toFieldError() }] };
    throw e;
  }
  const headers = table.headers.map((h) => h.trim().toLowerCase());
  const seenHeader = new Set<string>();
  for (const h of headers) {
    if (h !== '' && seenHeader.has(h)) problems.push({ error: { code: 'HEADER_DUPLICATE', field: 'header', params: { header: h } } });
    seenHeader.add(h);
  }
  for (const column of ['id', ...required]) {
    if (!seenHeader.has(column)) problems.push({ error: { code: 'HEADER_MISSING', field: 'header', params: { header: column } } });
  }
  if (problems.length > 0) return { subjects, problems };

  const firstRow = new Map<string, number>();
  for await (const { row, cells } of table.rows) {
    const facts: Record<string, string | SeriesFact> = {};
    const fail = (field: string, code: string, params: Record<string, string | number>) => problems.push({ row, error: { code, field, params } });
    headers.forEach((h, i) => {
      const cell = (cells[i] ?? '').trim();
      if (h === '' || cell === '') return;
      const series = SERIES.exec(h);
      if (!series) {
        facts[h] = cell;
        return;
      }
      // Amounts: plain decimals, thousands separators allowed; anything else is a typing error.
      if (!parseDecimal(cell)) fail(h, 'FACT_NOT_A_NUMBER', { value: cell });
      const [, name = '', year = ''] = series;
      const values = (facts[name] ?? {}) as SeriesFact;
      values[year] = cell;
      facts[name] = values;
    });
    const id = typeof facts.id === 'string' ? facts.id : '';
    if (id === '') fail('id', 'REQUIRED', {});
    else if (firstRow.has(id)) fail('id', 'ID_DUPLICATE_IN_FILE', { value: id, firstRow: firstRow.get(id) as number });
    else firstRow.set(id, row);
    const established = facts.established;
    if (typeof established === 'string' && !parseDay(established)) fail('established', 'DATE_FORMAT', { value: established });
    subjects.push({ id, row, name: typeof facts.name === 'string' ? facts.name : '', facts });
    if (problems.length > MAX_ERRORS) break;
  }
  if (subjects.length === 0 && problems.length === 0) problems.push({ error: { code: 'FILE_NO_ROWS', field: 'file' } });
  return { subjects, problems };
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function printTable(io: EligibilityIo, ruleSet: RuleSet, asOf: string, rows: { name: string; result: EligibilityResult }[]): void {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(io.locale, key, params);
  io.out(t('review.cli.eligibility.header', { ruleSet: ruleSet.label ? t(ruleSet.label) : ruleSet.id, id: ruleSet.id, version: ruleSet.version, asOf }));
  io.out('');
  const head = [t('review.cli.column.id'), t('review.cli.column.name'), t('review.cli.column.verdict')];
  const cells = rows.map(({ name, result }) => [result.id, name, t(`review.verdict.${result.verdict}`)]);
  const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i] ?? ''))));
  io.out(head.map((h, i) => pad(h, widths[i] ?? 0)).join('  ').trimEnd());
  io.out(widths.map((w) => '─'.repeat(w)).join('  '));
  rows.forEach(({ result }, r) => {
    const row = cells[r] ?? [];
    const missing = result.missing.length > 0 ? `  ${t('review.cli.eligibility.missing', { columns: result.missing.join(', ') })}` : '';
    io.out(row.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd() + missing);
    for (const line of result.lines) {
      const mark = line.passed === true ? '✓' : line.passed === false ? '✗' : '?';
      const message = t(line.message.key, line.message.params);
      io.out(`${'  '.repeat(line.depth + 1)}${mark} ${line.label ? t('review.cli.labelled', { label: t(line.label), message }) : message}`);
    }
  });
  io.out('');
  const count = (v: string) => rows.filter((r) => r.result.verdict === v).length;
  io.out(t('review.cli.eligibility.summary', { total: rows.length, eligible: count('eligible'), ineligible: count('ineligible'), unknown: count('unknown') }));
}

export async function runEligibility(args: string[], io: EligibilityIo): Promise<number> {
  let values: { rules?: string; 'as-of'?: string; data?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args, strict: true, allowPositionals: false,
      options: { rules: { type: 'string' }, 'as-of': { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch {
    return usage(io);
  }
  const { rules, 'as-of': asOf, data } = values;
  if (!rules || !asOf || !data) return usage(io);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? parseDay(asOf) : undefined;
  if (!day) return usage(io, { code: 'DATE_FORMAT', field: 'asOf', params: { value: asOf } });

  const ruleSet = await loadRuleSet(io, rules);
  if (typeof ruleSet === 'number') return ruleSet;
  const file = basename(data);
  const { subjects, problems } = await readSubjects(data, columnsRead(ruleSet.rule, day.y));
  const results = subjects.map((s) => ({ row: s.row, name: s.name, result: evaluateEligibility(ruleSet, s, asOf) }));
  // Unreadable facts the rules read (a date column other than established, say) are data errors too.
  for (const r of results) {
    for (const error of r.result.errors) {
      if (!problems.some((p) => p.row === r.row && p.error.field === error.field)) problems.push({ row: r.row, error });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    printProblems(io, file, problems);
    return 1;
  }
  if (values.json) {
    io.out(JSON.stringify(results.map(({ result }) => ({
      id: result.id,
      verdict: result.verdict,
      reasons: result.lines.map((l) => ({
        rule: l.rule, passed: l.passed, value: l.value, threshold: l.threshold, message: translate(io.locale, l.message.key, l.message.params),
      })),
      missing: result.missing,
    }))));
  } else {
    printTable(io, ruleSet, asOf, results);
  }
  return 0;
}
