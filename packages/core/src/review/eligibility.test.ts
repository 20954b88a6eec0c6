import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KepingError } from '../errors.js';
import { type EligibilitySubject, type FactValue, evaluateEligibility, parseDay, wholeYears } from './eligibility.js';
import type { Rule } from './eligibility-rules.js';
import { RULE_SETS, TALENT_2024, TALENT_PRIOR, getRuleSet } from './eligibility-sets.js';

const AS_OF = '2024-06-30';
/** An enterprise that passes both paths of talent-2024, to be broken one fact at a time. */
const base = (): Record<string, FactValue> => ({
  field: 'ai',
  established: '2015-01-01',
  rd: { 2021: 40_000_000, 2022: 44_000_000, 2023: 50_000_000 },
  revenue: { 2021: 800_000_000, 2022: 900_000_000, 2023: 1_000_000_000 },
});
const subject = (facts: Record<string, FactValue>, id = 'e1'): EligibilitySubject => ({ id, facts });
const run = (facts: Record<string, FactValue>, asOf = AS_OF, set = TALENT_2024) => evaluateEligibility(set, subject(facts), asOf);
const line = (facts: Record<string, FactValue>, rule: string, asOf = AS_OF) => {
  const found = run(facts, asOf).lines.find((l) => l.rule === rule);
  if (!found) throw new Error(`no line ${rule}`);
  return found;
};

function countRules(r: Rule): number {
  if (r.kind === 'all' || r.kind === 'any') return 1 + r.rules.reduce((s, c) => s + countRules(c), 0);
  if (r.kind === 'not') return 1 + countRules(r.rule);
  return 1;
}

describe('talent-2024', () => {
  it('passes a clear case with one explained line per rule', () => {
    const result = run(base());
    expect(result.verdict).toBe('eligible');
    expect(result.lines).toHaveLength(countRules(TALENT_2024.rule));
    expect(result.lines.map((l) => l.passed)).toEqual(result.lines.map(() => true));
    expect(line(base(), 'rd_amount')).toMatchObject({ value: 50_000_000, threshold: 30_000_000 });
    expect(line(base(), 'rd_each_year').value).toEqual([40_000_000, 44_000_000, 50_000_000]);
  });

  it('accepts exactly 5 % compound growth and rejects a yuan less', () => {
    const noAmount = { revenue: {} };
    const exact = { ...base(), ...noAmount, rd: { 2021: 20_000_000, 2022: 20_500_000, 2023: 22_050_000 } };
    expect(line(exact, 'rd_growth').passed).toBe(true);
    expect(line(exact, 'rd_growth').value).toBe(0.05);
    expect(run(exact).verdict).toBe('eligible');
    const below = { ...exact, rd: { 2021: 20_000_000, 2022: 20_500_000, 2023: 22_049_999 } };
    expect(line(below, 'rd_growth').passed).toBe(false);
    // Only the endpoints set the compound rate; the middle year must merely be positive.
    const dip = { ...exact, rd: { 2021: 20_000_000, 2022: 1, 2023: 22_050_000 } };
    expect(line(dip, 'rd_growth').passed).toBe(true);
  });

  it('accepts exactly 30,000,000 at exactly 3 % and rejects anything less', () => {
    const flat = { 2021: 30_000_000, 2022: 30_000_000, 2023: 30_000_000 };
    const atBoundary = { ...base(), rd: flat, revenue: { 2023: 1_000_000_000 } };
    expect(line(atBoundary, 'rd_growth').passed).toBe(false);
    expect(line(atBoundary, 'rd_amount').passed).toBe(true);
    expect(line(atBoundary, 'rd_intensity')).toMatchObject({ passed: true, value: 0.03, threshold: 0.03 });
    expect(run(atBoundary).verdict).toBe('eligible');
    expect(run({ ...atBoundary, rd: { ...flat, 2023: '29999999.99' } }).verdict).toBe('ineligible');
    expect(run({ ...atBoundary, revenue: { 2023: 1_000_000_001 } }).verdict).toBe('ineligible');
  });

  it('counts whole years, the anniversary included', () => {
    expect(wholeYears(parseDay('2023-03-01')!, parseDay('2024-03-01')!)).toBe(1);
    expect(wholeYears(parseDay('2023-03-01')!, parseDay('2024-02-29')!)).toBe(0);
    expect(wholeYears(parseDay('2020-02-29')!, parseDay('2021-02-28')!)).toBe(0);
    expect(wholeYears(parseDay('2020-02-29')!, parseDay('2021-03-01')!)).toBe(1);
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(run({ ...base(), established: '2023-03-01' }, '2024-03-01').verdict).toBe('eligible');
    expect(run({ ...base(), established: '2023-03-02' }, '2024-03-01').verdict).toBe('ineligible');
    expect(run({ ...base(), established: '2023-03-01' }, '2024-03-01', TALENT_PRIOR).verdict).toBe('ineligible');
  });

  it('accepts the Chinese names of the 8 fields and nothing else', () => {
    for (const name of ['集成电路', '生物医药', '人工智能', '软件', '高端装备', '航空航天', '先进材料', '新能源', 'IC', ' new_energy ']) {
      expect(run({ ...base(), field: name }).verdict).toBe('eligible');
    }
    expect(line({ ...base(), field: '人工智能' }, 'field').value).toBe('ai');
    for (const name of ['汽车', 'automobile', '集成电路产业']) expect(run({ ...base(), field: name }).verdict).toBe('ineligible');
  });

  it('is eligible when one branch passes even if the other lacks data', () => {
    const result = run({ ...base(), revenue: undefined });
    expect(result.verdict).toBe('eligible');
    expect(result.missing).toEqual([]);
    expect(result.lines.find((l) => l.rule === 'rd_intensity')).toMatchObject({ passed: null, missing: ['revenue_2023'] });
  });

  it('is unknown, naming the missing facts, when they decide', () => {
    const result = run({ ...base(), rd: { 2021: 40_000_000, 2023: 50_000_000 }, revenue: {} });
    expect(result.verdict).toBe('unknown');
    expect(result.missing.sort()).toEqual(['rd_2022', 'revenue_2023']);
    expect(run({ ...base(), established: '' }).missing).toEqual(['established']);
    // A failing rule decides regardless of missing data elsewhere.
    expect(run({ ...base(), field: 'automobile', rd: undefined }).verdict).toBe('ineligible');
  });

  it('reports unreadable facts as errors and fails a ratio without revenue', () => {
    const result = run({ ...base(), rd: { 2021: 'n/a', 2022: 44_000_000, 2023: 50_000_000 } });
    expect(result.errors).toEqual([{ code: 'FACT_NOT_A_NUMBER', field: 'rd_2021', params: { value: 'n/a' } }]);
    expect(result.verdict).toBe('eligible');
    expect(run({ ...base(), established: 'last year' }).errors[0]?.code).toBe('FACT_NOT_A_DATE');
    const zeroRevenue = { ...base(), rd: { 2021: 1, 2022: 1, 2023: 40_000_000 }, revenue: { 2023: 0 } };
    expect(line(zeroRevenue, 'rd_intensity').passed).toBe(false);
  });

  it('rejects an as-of date that is not a date', () => {
    expect(() => run(base(), '2024-13-01')).toThrow(KepingError);
  });

  it('growth at exactly rate r passes ≥ r and fails > r, for any start, rate and window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 6 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 2, max: 5 }),
        (unit, percent, years) => {
          const steps = years - 1;
          // first = unit·100^steps makes last = unit·(100+percent)^steps an integer: exact growth.
          const first = BigInt(unit) * 100n ** BigInt(steps);
          const last = BigInt(unit) * BigInt(100 + percent) ** BigInt(steps);
          const rd: Record<string, string> = {};
          for (let i = 0; i < years; i++) rd[String(2024 - years + i)] = String(i === years - 1 ? last : first);
          const rule = (op: '>=' | '>'): Rule => ({ id: 'g', kind: 'growth', series: 'rd', from: -years, to: -1, op, rate: `${percent / 100}` });
          const set = (op: '>=' | '>') => ({ id: 't', version: 1, rule: rule(op) });
          const at = (op: '>=' | '>', facts: Record<string, FactValue>) => evaluateEligibility(set(op), subject(facts), AS_OF).verdict;
          expect(at('>=', { rd })).toBe('eligible');
          expect(at('>', { rd })).toBe('ineligible');
          expect(at('>=', { rd: { ...rd, [String(2023)]: String(last - 1n) } })).toBe('ineligible');
        }),
    );
  });

  it('a decided verdict never changes when missing facts are filled in (three-valued soundness)', () => {
    const amount = fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 60 }).map((m) => m * 1_000_000));
    const series = fc.record({ 2021: amount, 2022: amount, 2023: amount });
    const facts = fc.record({
      field: fc.constantFrom(undefined, 'ai', '软件', 'automobile'),
      established: fc.constantFrom(undefined, '2023-06-30', '2023-07-01', '2010-01-01'),
      rd: series,
      revenue: fc.record({ 2023: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 2000 }).map((m) => m * 1_000_000)) }),
    });
    const fill = fc.record({ field: fc.constantFrom('ai', 'automobile'), established: fc.constantFrom('2000-01-01', '2024-01-01'), amount: fc.integer({ min: 0, max: 10 ** 9 }) });
    fc.assert(
      fc.property(facts, fill, (f, with_) => {
        // The sets that read only these facts (the tech-center set reads designation facts, tested in designations/).
        for (const set of Object.values(RULE_SETS).filter((x) => x.id !== 'tech-center-national')) {
          const before = evaluateEligibility(set, subject(f), AS_OF);
          const filled = {
            field: f.field ?? with_.field,
            established: f.established ?? with_.established,
            rd: Object.fromEntries(Object.entries(f.rd).map(([y, v]) => [y, v ?? with_.amount])),
            revenue: { 2023: f.revenue[2023] ?? with_.amount },
          };
          const after = evaluateEligibility(set, subject(filled), AS_OF);
          if (before.verdict !== 'unknown') expect(after.verdict).toBe(before.verdict);
          else expect(before.missing.length).toBeGreaterThan(0);
          expect(after.verdict).not.toBe('unknown');
        }
      }),
    );
  });

  it('compare rules agree with BigInt arithmetic on scaled integers', () => {
    const ops = ['>=', '>', '<=', '<', '=', '!='] as const;
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom(...ops),
        (cents, thresholdCents, op) => {
          const text = (c: bigint) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;
          const set = { id: 't', version: 1, rule: { id: 'c', kind: 'compare', value: { fact: 'x' }, op, threshold: text(thresholdCents) } as Rule };
          const expected = { '>=': cents >= thresholdCents, '>': cents > thresholdCents, '<=': cents <= thresholdCents,
            '<': cents < thresholdCents, '=': cents === thresholdCents, '!=': cents !== thresholdCents }[op];
          return evaluateEligibility(set, subject({ x: text(cents) }), AS_OF).verdict === (expected ? 'eligible' : 'ineligible');
        }),
    );
  });

  it('ranges, not and any read as in Kleene logic', () => {
    const range: Rule = { id: 'r', kind: 'range', value: { fact: 'x' }, min: 1, max: '2.5', maxExclusive: true };
    const set = (rule: Rule) => ({ id: 't', version: 1, rule });
    const v = (rule: Rule, x: FactValue) => evaluateEligibility(set(rule), subject({ x }), AS_OF).verdict;
    expect([0.99, 1, 2.49, 2.5].map((x) => v(range, x))).toEqual(['ineligible', 'eligible', 'eligible', 'ineligible']);
    const not: Rule = { id: 'n', kind: 'not', rule: range };
    expect([1, 2.5, null].map((x) => v(not, x))).toEqual(['ineligible', 'eligible', 'unknown']);
    const any: Rule = { id: 'a', kind: 'any', rules: [range, { id: 'y', kind: 'compare', value: { fact: 'y' }, op: '=', threshold: 1 }] };
    expect(v(any, 2)).toBe('eligible');
    expect(v(any, 3)).toBe('unknown');
    expect(evaluateEligibility(set(any), subject({ x: 3, y: 2 }), AS_OF).verdict).toBe('ineligible');
  });
});

describe('rule set registry', () => {
  it('finds shipped sets and names unknown ids', () => {
    expect(getRuleSet('talent-2024')).toBe(TALENT_2024);
    expect(getRuleSet('talent-prior')).toBe(TALENT_PRIOR);
    try {
      getRuleSet('talent-2099');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KepingError);
      expect((e as KepingError).code).toBe('RULE_SET_UNKNOWN');
      expect((e as KepingError).params.known).toContain('talent-2024');
    }
    expect(() => getRuleSet('toString')).toThrow(KepingError);
  });
});
