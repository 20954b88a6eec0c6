/**
 * The eligibility rule language (资格规则): plain data, never evaluated strings, so a rule set
 * can be stored, versioned, diffed and shown to applicants. This file holds its types and the
 * validator for rule sets that arrive as JSON; eligibility.ts evaluates them.
 */
import type { FieldError } from '../errors.js';
import { COMPARISON_OPS, type ComparisonOp, parseDecimal } from './exact.js';

/** A decimal threshold: a JSON number or a decimal string ("30000000", "0.03"). */
export type DecimalValue = number | string;

/** Where a rule reads a number. */
export type Operand =
  /** A scalar fact of the subject, e.g. employees. */
  | { fact: string }
  /** One year of a per-year series, relative to the as-of year: offset -1 is the last full year. */
  | { series: string; offset: number }
  /** Numerator / denominator, e.g. R&D / revenue of the same year. A denominator ≤ 0 fails the rule. */
  | { ratio: [Operand, Operand] }
  /** Age in whole years on the as-of date of a date fact (anniversary counts). */
  | { ageOf: string };

interface RuleBase {
  /** Unique within the rule set; names the rule in every explanation. */
  id: string;
  /** Optional i18n key naming the rule for people. */
  label?: string;
}

export type Rule =
  | (RuleBase & { kind: 'compare'; value: Operand; op: ComparisonOp; threshold: DecimalValue })
  | (RuleBase & {
      kind: 'range';
      value: Operand;
      min?: DecimalValue;
      max?: DecimalValue;
      minExclusive?: boolean;
      maxExclusive?: boolean;
    })
  /** The fact (text) is one of values; aliases map other spellings (e.g. Chinese names) to a value. */
  | (RuleBase & { kind: 'in'; fact: string; values: string[]; aliases?: Record<string, string> })
  /** The series is present and > 0 in every year from as-of year + from to as-of year + to. */
  | (RuleBase & { kind: 'positive_series'; series: string; from: number; to: number })
  /** Compound average annual growth over the window, (last/first)^(1/(n-1)) - 1, compared with rate. */
  | (RuleBase & { kind: 'growth'; series: string; from: number; to: number; op: ComparisonOp; rate: DecimalValue })
  | (RuleBase & { kind: 'all' | 'any'; rules: Rule[] })
  | (RuleBase & { kind: 'not'; rule: Rule });

export type RuleKind = Rule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['compare', 'range', 'in', 'positive_series', 'growth', 'all', 'any', 'not'];

/** A versioned rule set (规则集): what a call's screening round applies. */
export interface RuleSet {
  id: string;
  version: number;
  /** i18n key of the rule set's name. */
  label?: string;
  rule: Rule;
}

const MAX_DEPTH = 32;
const KEYS: Record<RuleKind, readonly string[]> = {
  compare: ['value', 'op', 'threshold'],
  range: ['value', 'min', 'max', 'minExclusive', 'maxExclusive'],
  in: ['fact', 'values', 'aliases'],
  positive_series: ['series', 'from', 'to'],
  growth: ['series', 'from', 'to', 'op', 'rate'],
  all: ['rules'],
  any: ['rules'],
  not: ['rule'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Collects errors while walking the JSON; each error's field is the path of the offending value. */
class Checker {
  readonly errors: FieldError[] = [];
  private readonly ids = new Map<string, string>();

  fail(code: string, path: string, params: Record<string, string | number> = {}): void {
    this.errors.push({ code, field: path, params: { path, ...params } });
  }

  name(o: Obj, key: string, path: string): boolean {
    if (o[key] === undefined) return this.fail('RULE_REQUIRED', `${path}.${key}`), false;
    if (!isName(o[key])) return this.fail('RULE_TYPE', `${path}.${key}`, { expected: 'string' }), false;
    return true;
  }

  integer(o: Obj, key: string, path: string): boolean {
    if (o[key] === undefined) return this.fail('RULE_REQUIRED', `${path}.${key}`), false;
    if (!Number.isInteger(o[key])) return this.fail('RULE_TYPE', `${path}.${key}`, { expected: 'integer' }), false;
    return true;
  }

  decimal(o: Obj, key: string, path: string, required: boolean): void {
    const v = o[key];
    if (v === undefined) {
      if (required) this.fail('RULE_REQUIRED', `${path}.${key}`);
    } else if ((typeof v !== 'number' && typeof v !== 'string') || parseDecimal(v) === undefined) {
      this.fail('RULE_NUMBER', `${path}.${key}`, { value: String(v) });
    }
  }

  op(o: Obj, path: string): void {
    if (o.op === undefined) this.fail('RULE_REQUIRED', `${path}.op`);
    else if (!COMPARISON_OPS.includes(o.op as ComparisonOp)) {
      this.fail('RULE_OP_UNKNOWN', `${path}.op`, { value: String(o.op), expected: COMPARISON_OPS.join(' ') });
    }
  }

  boolean(o: Obj, key: string, path: string): void {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') this.fail('RULE_TYPE', `${path}.${key}`, { expected: 'boolean' });
  }

  operand(v: unknown, path: string, depth: number): void {
    if (!isObj(v)) return this.fail('RULE_TYPE', path, { expected: 'object' });
    if (depth > MAX_DEPTH) return this.fail('RULE_TOO_DEEP', path, { max: MAX_DEPTH });
    const keys = Object.keys(v).sort().join(',');
    if (keys === 'fact') this.name(v, 'fact', path);
    else if (keys === 'ageOf') this.name(v, 'ageOf', path);
    else if (keys === 'offset,series') {
      this.name(v, 'series', path);
      this.integer(v, 'offset', path);
    } else if (keys === 'ratio') {
      const r = v.ratio;
      if (!Array.isArray(r) || r.length !== 2) this.fail('RULE_TYPE', `${path}.ratio`, { expected: 'pair' });
      else r.forEach((x, i) => this.operand(x, `${path}.ratio[${i}]`, depth + 1));
    } else this.fail('RULE_OPERAND', path, { keys });
  }

  window(o: Obj, path: string, minYears: number): void {
    if (!this.integer(o, 'from', path) || !this.integer(o, 'to', path)) return;
    const from = o.from as number;
    const to = o.to as number;
    if (to < from || to - from + 1 < minYears) this.fail('RULE_WINDOW', `${path}.to`, { from, to, min: minYears });
  }

  rule(v: unknown, path: string, depth: number): void {
    if (!isObj(v)) return this.fail('RULE_TYPE', path, { expected: 'object' });
    if (depth > MAX_DEPTH) return this.fail('RULE_TOO_DEEP', path, { max: MAX_DEPTH });
    if (this.name(v, 'id', path)) {
      const id = v.id as string;
      const first = this.ids.get(id);
      if (first !== undefined) this.fail('RULE_ID_DUPLICATE', `${path}.id`, { value: id, first });
      else this.ids.set(id, path);
    }
    if (v.label !== undefined && !isName(v.label)) this.fail('RULE_TYPE', `${path}.label`, { expected: 'string' });
    const kind = v.kind as RuleKind;
    if (v.kind === undefined) return this.fail('RULE_REQUIRED', `${path}.kind`);
    if (!RULE_KINDS.includes(kind)) {
      return this.fail('RULE_KIND_UNKNOWN', `${path}.kind`, { value: String(v.kind), expected: RULE_KINDS.join(', ') });
    }
    for (const key of Object.keys(v)) {
      if (!['id', 'label', 'kind', ...KEYS[kind]].includes(key)) this.fail('RULE_PROPERTY_UNKNOWN', `${path}.${key}`, { kind });
    }
    switch (kind) {
      case 'compare':
        this.operand(v.value, `${path}.value`, depth + 1);
        this.op(v, path);
        this.decimal(v, 'threshold', path, true);
        break;
      case 'range':
        this.operand(v.value, `${path}.value`, depth + 1);
        this.decimal(v, 'min', path, false);
        this.decimal(v, 'max', path, false);
        this.boolean(v, 'minExclusive', path);
        this.boolean(v, 'maxExclusive', path);
        if (v.min === undefined && v.max === undefined) this.fail('RULE_REQUIRED', `${path}.min`);
        break;
      case 'in':
        this.name(v, 'fact', path);
        if (!Array.isArray(v.values) || v.values.length === 0 || !v.values.every(isName)) {
          this.fail('RULE_TYPE', `${path}.values`, { expected: 'string[]' });
        }
        if (v.aliases !== undefined && (!isObj(v.aliases) || !Object.values(v.aliases).every(isName))) {
          this.fail('RULE_TYPE', `${path}.aliases`, { expected: 'object' });
        } else if (isObj(v.aliases) && Array.isArray(v.values)) {
          for (const [alias, target] of Object.entries(v.aliases)) {
            if (!v.values.includes(target)) this.fail('RULE_ALIAS_TARGET', `${path}.aliases.${alias}`, { value: String(target) });
          }
        }
        break;
      case 'positive_series':
        this.name(v, 'series', path);
        this.window(v, path, 1);
        break;
      case 'growth':
        this.name(v, 'series', path);
        this.window(v, path, 2);
        this.op(v, path);
        this.decimal(v, 'rate', path, true);
        {
          // A rate of -100% or less has no compound meaning: 1 + rate must be positive.
          const r = typeof v.rate === 'number' || typeof v.rate === 'string' ? parseDecimal(v.rate) : undefined;
          if (r && r.n <= -r.d) this.fail('RULE_RATE', `${path}.rate`, { value: String(v.rate) });
        }
        break;
      case 'all':
      case 'any':
        if (!Array.isArray(v.rules) || v.rules.length === 0) this.fail('RULE_TYPE', `${path}.rules`, { expected: 'rule[]' });
        else v.rules.forEach((r, i) => this.rule(r, `${path}.rules[${i}]`, depth + 1));
        break;
      case 'not':
        this.rule(v.rule, `${path}.rule`, depth + 1);
        break;
    }
  }
}

export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; errors: FieldError[] };

/** Validates a rule set given as parsed JSON. Every problem is reported, each naming its path. */
export function validateRuleSet(input: unknown): RuleSetValidation {
  const c = new Checker();
  if (!isObj(input)) {
    c.fail('RULE_TYPE', '$', { expected: 'object' });
    return { ok: false, errors: c.errors };
  }
  for (const key of Object.keys(input)) {
    if (!['id', 'version', 'label', 'rule'].includes(key)) c.fail('RULE_PROPERTY_UNKNOWN', key, { kind: 'rule set' });
  }
  c.name(input, 'id', '$');
  if (input.version === undefined) c.fail('RULE_REQUIRED', 'version');
  else if (!Number.isInteger(input.version) || (input.version as number) < 1) {
    c.fail('RULE_TYPE', 'version', { expected: 'integer ≥ 1' });
  }
  if (input.label !== undefined && !isName(input.label)) c.fail('RULE_TYPE', 'label', { expected: 'string' });
  if (input.rule === undefined) c.fail('RULE_REQUIRED', 'rule');
  else c.rule(input.rule, 'rule', 0);
  // Top-level paths are written without the "$." prefix so they read like the JSON keys.
  const errors = c.errors.map((e) => {
    const field = (e.field ?? '').replace(/^\$\./, '');
    return { ...e, field, params: { ...e.params, path: field } };
  });
  return errors.length === 0 ? { ok: true, ruleSet: input as unknown as RuleSet } : { ok: false, errors };
}

/** Parses and validates JSON text; a syntax error is reported as RULE_SET_JSON. */
export function parseRuleSetJson(text: string): RuleSetValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ code: 'RULE_SET_JSON', field: '$', params: { path: '$', detail: (e as Error).message } }] };
  }
  return validateRuleSet(parsed);
}

function operandColumns(o: Operand, asOfYear: number, out: Set<string>): void {
  if ('fact' in o) out.add(o.fact);
  else if ('ageOf' in o) out.add(o.ageOf);
  else if ('series' in o) out.add(`${o.series}_${asOfYear + o.offset}`);
  else for (const x of o.ratio) operandColumns(x, asOfYear, out);
}

/**
 * The columns a rule set reads on an as-of year, named as in files: scalar facts by name, series
 * years as name_YYYY (rd_2023). Lets an import check its header before evaluating anything.
 */
export function columnsRead(rule: Rule, asOfYear: number, out: Set<string> = new Set()): string[] {
  switch (rule.kind) {
    case 'compare':
    case 'range':
      operandColumns(rule.value, asOfYear, out);
      break;
    case 'in':
      out.add(rule.fact);
      break;
    case 'positive_series':
      for (let y = rule.from; y <= rule.to; y++) out.add(`${rule.series}_${asOfYear + y}`);
      break;
    case 'growth':
      out.add(`${rule.series}_${asOfYear + rule.from}`);
      out.add(`${rule.series}_${asOfYear + rule.to}`);
      break;
    case 'all':
    case 'any':
      for (const r of rule.rules) columnsRead(r, asOfYear, out);
      break;
    case 'not':
      columnsRead(rule.rule, asOfYear, out);
      break;
  }
  return [...out];
}
