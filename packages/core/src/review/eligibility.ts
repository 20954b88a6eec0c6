/**
 * Eligibility screening (资格审查): evaluates a rule set over one subject's facts on an as-of date
 * and explains every rule. Three-valued: a rule whose facts are missing is unknown (null), and
 * the verdict is `unknown` only when a missing fact decides it (any() with one passing branch is
 * eligible even if the others lack data). Every threshold comparison is exact (see exact.ts).
 */
import { type FieldError, KepingError, type Params } from '../errors.js';
import {
  type ComparisonOp, type Rational, add, compare, div, holds, parseDecimal, pow, rational, toDecimalString, toNumber,
} from './exact.js';
import type { Operand, Rule, RuleKind, RuleSet } from './eligibility-rules.js';
import type { Message } from './message.js';

/** Values of a per-year series keyed by year ("2023"); blank or null means missing. */
export type SeriesFact = Record<string, string | number | null | undefined>;
export type FactValue = string | number | null | undefined | SeriesFact;

export interface EligibilitySubject {
  id: string;
  facts: Record<string, FactValue>;
}

export type Verdict = 'eligible' | 'ineligible' | 'unknown';
export type LineValue = number | string | null | (number | string | null)[];

export interface EligibilityLine {
  rule: string;
  kind: RuleKind;
  /** Nesting depth, 0 for the rule set's root, so a reader can indent. */
  depth: number;
  label?: string;
  /** true met, false not met, null undecided (missing or unreadable facts). */
  passed: boolean | null;
  value: LineValue;
  threshold: LineValue | string[];
  message: Message;
  /** Facts whose absence left this rule undecided, as column names (rd_2023). */
  missing: string[];
}

export interface EligibilityResult {
  id: string;
  ruleSet: { id: string; version: number };
  asOf: string;
  verdict: Verdict;
  lines: EligibilityLine[];
  /** Missing facts that decide the verdict; empty unless the verdict is unknown. */
  missing: string[];
  /** Facts present but unreadable (a word where a number is needed). */
  errors: FieldError[];
}

interface Day {
  y: number;
  m: number;
  d: number;
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** Parses YYYY-MM-DD (also / or . separated); undefined unless it is a real calendar day. */
export function parseDay(text: string): Day | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days ? { y, m: mo, d } : undefined;
}

/**
 * Whole years from `from` to `to`: a year is complete on the anniversary (2023-03-01 → 2024-03-01
 * is 1). Someone born on 29 February completes a year on 1 March in common years.
 */
export function wholeYears(from: Day, to: Day): number {
  const beforeAnniversary = to.m < from.m || (to.m === from.m && to.d < from.d);
  return to.y - from.y - (beforeAnniversary ? 1 : 0);
}

type Read =
  | { ok: true; value: Rational }
  | { ok: false; missing: string[]; invalid: FieldError[]; undefinedRatio?: boolean };

const missingRead = (name: string): Read => ({ ok: false, missing: [name], invalid: [] });
const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

class Evaluation {
  readonly lines: EligibilityLine[] = [];
  readonly errors = new Map<string, FieldError>();
  readonly asOfYear: number;

  constructor(
    private readonly facts: Record<string, FactValue>,
    private readonly asOf: Day,
  ) {
    this.asOfYear = asOf.y;
  }

  private invalid(field: string, code: string, raw: unknown): Read {
    const error: FieldError = { code, field, params: { value: String(raw) } };
    this.errors.set(field, error);
    return { ok: false, missing: [], invalid: [error] };
  }

  private number(name: string, raw: unknown): Read {
    if (blank(raw)) return missingRead(name);
    if (typeof raw !== 'number' && typeof raw !== 'string') return this.invalid(name, 'FACT_NOT_A_NUMBER', raw);
    const value = parseDecimal(raw);
    return value ? { ok: true, value } : this.invalid(name, 'FACT_NOT_A_NUMBER', raw);
  }

  seriesName(series: string, offset: number): string {
    return `${series}_${this.asOfYear + offset}`;
  }

  seriesValue(series: string, offset: number): Read {
    const name = this.seriesName(series, offset);
    const s = this.facts[series];
    if (blank(s)) return missingRead(name);
    if (typeof s !== 'object' || s === null) return this.invalid(series, 'FACT_NOT_A_SERIES', s);
    return this.number(name, s[String(this.asOfYear + offset)]);
  }

  describe(o: Operand): string {
    if ('fact' in o) return o.fact;
    if ('series' in o) return this.seriesName(o.series, o.offset);
    if ('ageOf' in o) return o.ageOf;
    return `${this.describe(o.ratio[0])} / ${this.describe(o.ratio[1])}`;
  }

  read(o: Operand): Read {
    if ('fact' in o) return this.number(o.fact, this.facts[o.fact]);
    if ('series' in o) return this.seriesValue(o.series, o.offset);
    if ('ageOf' in o) {
      const raw = this.facts[o.ageOf];
      if (blank(raw)) return missingRead(o.ageOf);
      const day = typeof raw === 'string' ? parseDay(raw) : undefined;
      if (!day) return this.invalid(o.ageOf, 'FACT_NOT_A_DATE', raw);
      return { ok: true, value: rational(BigInt(wholeYears(day, this.asOf))) };
    }
    const [num, den] = [this.read(o.ratio[0]), this.read(o.ratio[1])];
    if (!num.ok || !den.ok) {
      const parts = [num, den].filter((r): r is Extract<Read, { ok: false }> => !r.ok);
      return { ok: false, missing: parts.flatMap((p) => p.missing), invalid: parts.flatMap((p) => p.invalid) };
    }
    // An intensity with no positive denominator is not computable: the rule fails, it is not unknown.
    if (den.value.n <= 0n) return { ok: false, missing: [], invalid: [], undefinedRatio: true };
    return { ok: true, value: div(num.value, den.value) as Rational };
  }

  /** Evaluates a rule, appending its line (before its children's) and returning passed + missing. */
  rule(r: Rule, depth: number): { passed: boolean | null; missing: string[] } {
    const line: EligibilityLine = {
      rule: r.id, kind: r.kind, depth, ...(r.label ? { label: r.label } : {}),
      passed: null, value: null, threshold: null, message: { key: '', params: {} }, missing: [],
    };
    this.lines.push(line);
    const outcome = this.decide(r, depth, line);
    line.passed = outcome.passed;
    line.missing = outcome.passed === null ? [...new Set(outcome.missing)] : [];
    return { passed: outcome.passed, missing: line.missing };
  }

  private decide(r: Rule, depth: number, line: EligibilityLine): { passed: boolean | null; missing: string[] } {
    const say = (key: string, params: Params): void => {
      line.message = { key: `review.eligibility.${key}`, params: { rule: r.id, ...params } };
    };
    switch (r.kind) {
      case 'compare':
      case 'range': {
        const what = this.describe(r.value);
        const format = formatFor(r.value);
        const read = this.read(r.value);
        const bounds = r.kind === 'compare'
          ? [{ op: r.op, t: parseDecimal(r.threshold) as Rational }]
          : [
              ...(r.min !== undefined ? [{ op: (r.minExclusive ? '>' : '>=') as ComparisonOp, t: parseDecimal(r.min) as Rational }] : []),
              ...(r.max !== undefined ? [{ op: (r.maxExclusive ? '<' : '<=') as ComparisonOp, t: parseDecimal(r.max) as Rational }] : []),
            ];
        const thresholdText = bounds.map((b) => `${SYMBOL[b.op]} ${format(b.t)}`).join(', ');
        line.threshold = bounds.length === 1 && bounds[0] ? display(bounds[0].t) : thresholdText;
        if (!read.ok) return this.unread(read, what, thresholdText, say);
        line.value = display(read.value);
        const passed = bounds.every((b) => holds(compare(read.value, b.t), b.op));
        const age: Params = 'ageOf' in r.value ? { date: String(this.facts[r.value.ageOf]) } : {};
        say(`${'ageOf' in r.value ? 'age' : 'compare'}.${passed}`, { what, value: format(read.value), threshold: thresholdText, ...age });
        return { passed, missing: [] };
      }
      case 'in': {
        const raw = this.facts[r.fact];
        const values = r.values.join(', ');
        line.threshold = r.values;
        if (blank(raw)) return say('missing', { what: r.fact, missing: r.fact, threshold: values }), { passed: null, missing: [r.fact] };
        const text = String(raw).trim();
        const key = text.toLowerCase();
        const hit = r.values.find((v) => v.toLowerCase() === key)
          ?? Object.entries(r.aliases ?? {}).find(([alias]) => alias.trim().toLowerCase() === key)?.[1];
        line.value = hit ?? text;
        say(`in.${hit !== undefined}`, { what: r.fact, value: text, threshold: values });
        return { passed: hit !== undefined, missing: [] };
      }
      case 'positive_series': {
        const years = range(r.from, r.to);
        const reads = years.map((o) => this.seriesValue(r.series, o));
        line.value = reads.map((x) => (x.ok ? display(x.value) : null));
        line.threshold = '> 0';
        const span = { what: r.series, from: this.asOfYear + r.from, to: this.asOfYear + r.to };
        const bad = years.filter((_, i) => { const x = reads[i]; return x?.ok === true && x.value.n <= 0n; });
        if (bad.length > 0) {
          say('positive.false', { ...span, years: bad.map((o) => this.asOfYear + o).join(', ') });
          return { passed: false, missing: [] };
        }
        const unread = reads.filter((x): x is Extract<Read, { ok: false }> => !x.ok);
        if (unread.length > 0) return this.unread(merge(unread), r.series, '> 0', say);
        say('positive.true', span);
        return { passed: true, missing: [] };
      }
      case 'growth': {
        const steps = r.to - r.from;
        const first = this.seriesValue(r.series, r.from);
        const last = this.seriesValue(r.series, r.to);
        const rate = parseDecimal(r.rate) as Rational;
        const span = { what: r.series, from: this.asOfYear + r.from, to: this.asOfYear + r.to };
        const threshold = `${SYMBOL[r.op]} ${percent(toNumber(rate))}`;
        line.threshold = display(rate);
        if (!first.ok || !last.ok) return this.unread(merge([first, last].filter((x) => !x.ok) as Extract<Read, { ok: false }>[]), r.series, threshold, say);
        if (first.value.n <= 0n) return say('growth.undefined', span), { passed: false, missing: [] };
        // (last/first)^(1/steps) - 1 op rate  ⇔  last/first op (1 + rate)^steps, both sides exact.
        const ratio = div(last.value, first.value) as Rational;
        const passed = holds(compare(ratio, pow(add(rational(1n), rate), steps)), r.op);
        const growth = toNumber(ratio) < 0 ? Number.NaN : Math.pow(toNumber(ratio), 1 / steps) - 1;
        line.value = Number.isNaN(growth) ? null : round(growth);
        say(`growth.${passed}`, { ...span, value: Number.isNaN(growth) ? '—' : percent(growth), threshold });
        return { passed, missing: [] };
      }
      case 'all':
      case 'any': {
        const results = r.rules.map((c) => this.rule(c, depth + 1));
        const decisive = r.kind === 'all' ? false : true;
        const counts = {
          total: results.length,
          passed: results.filter((x) => x.passed === true).length,
          failed: results.filter((x) => x.passed === false).length,
          unknown: results.filter((x) => x.passed === null).length,
        };
        line.value = counts.passed;
        line.threshold = r.kind === 'all' ? counts.total : 1;
        let passed: boolean | null;
        if (results.some((x) => x.passed === decisive)) passed = decisive;
        else if (counts.unknown > 0) passed = null;
        else passed = !decisive;
        say(`${r.kind}.${passed}`, counts);
        const missing = passed === null ? results.filter((x) => x.passed === null).flatMap((x) => x.missing) : [];
        return { passed, missing };
      }
      case 'not': {
        const inner = this.rule(r.rule, depth + 1);
        const passed = inner.passed === null ? null : !inner.passed;
        say(`not.${passed}`, { inner: r.rule.id });
        return { passed, missing: inner.missing };
      }
    }
  }

  private unread(
    read: Extract<Read, { ok: false }>, what: string, threshold: string, say: (key: string, params: Params) => void,
  ): { passed: boolean | null; missing: string[] } {
    if (read.undefinedRatio) return say('ratio.undefined', { what, threshold }), { passed: false, missing: [] };
    if (read.invalid.length > 0) {
      say('invalid', { what, fact: read.invalid.map((e) => e.field ?? '').join(', '), threshold });
      return { passed: null, missing: read.missing };
    }
    say('missing', { what, missing: read.missing.join(', '), threshold });
    return { passed: null, missing: read.missing };
  }
}

function merge(reads: Extract<Read, { ok: false }>[]): Extract<Read, { ok: false }> {
  return {
    ok: false,
    missing: reads.flatMap((r) => r.missing),
    invalid: reads.flatMap((r) => r.invalid),
    undefinedRatio: reads.some((r) => r.undefinedRatio),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Ten significant digits: what JSON shows, never what decides. */
function round(x: number): number {
  return Number(x.toPrecision(10));
}

function display(r: Rational): number | string {
  const n = toNumber(r);
  // Beyond 2^53 a double would alter the amount: keep the exact text.
  return Math.abs(n) < 2 ** 53 && r.d === 1n ? n : r.d === 1n ? toDecimalString(r) : round(n);
}

function percent(x: number): string {
  return `${Number((x * 100).toFixed(4))}%`;
}

/** How messages write the comparison (the JSON keeps the rule's own op). */
const SYMBOL: Record<ComparisonOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', '!=': '≠' };

/** Exact decimal text with thousands grouped, as amounts are read: 30,000,000. */
function grouped(r: Rational): string {
  const text = toDecimalString(r);
  const [whole = '', frac] = text.split('.');
  const digits = whole.replace('-', '');
  const withCommas = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+$)/g, ',') : digits;
  return `${whole.startsWith('-') ? '-' : ''}${withCommas}${frac !== undefined ? `.${frac}` : ''}`;
}

function formatFor(o: Operand): (r: Rational) => string {
  if ('ratio' in o) return (r) => percent(toNumber(r));
  if ('ageOf' in o) return toDecimalString;
  return grouped;
}

function asOfDay(asOf: string): Day {
  const day = parseDay(asOf);
  if (!day) throw new KepingError('DATE_FORMAT', { field: 'asOf', params: { value: asOf } });
  return day;
}

/** Evaluates one subject. An as-of date that is not YYYY-MM-DD throws KepingError DATE_FORMAT. */
export function evaluateEligibility(ruleSet: RuleSet, subject: EligibilitySubject, asOf: string): EligibilityResult {
  const e = new Evaluation(subject.facts, asOfDay(asOf));
  const root = e.rule(ruleSet.rule, 0);
  const verdict: Verdict = root.passed === null ? 'unknown' : root.passed ? 'eligible' : 'ineligible';
  return {
    id: subject.id,
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    asOf,
    verdict,
    lines: e.lines,
    missing: [...new Set(root.missing)],
    errors: [...e.errors.values()],
  };
}

export function evaluateEligibilityAll(ruleSet: RuleSet, subjects: readonly EligibilitySubject[], asOf: string): EligibilityResult[] {
  asOfDay(asOf);
  return subjects.map((s) => evaluateEligibility(ruleSet, s, asOf));
}
