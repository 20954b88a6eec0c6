import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from './eligibility.js';
import { columnsRead, parseRuleSetJson, validateRuleSet } from './eligibility-rules.js';
import { RULE_SETS, TALENT_2024 } from './eligibility-sets.js';

const codesAt = (input: unknown) => {
  const v = validateRuleSet(input);
  return v.ok ? [] : v.errors.map((e) => `${e.code}@${e.field}`);
};

describe('rule set validation', () => {
  it('accepts the shipped rule sets, also after a JSON round trip', () => {
    for (const set of Object.values(RULE_SETS)) {
      const again = parseRuleSetJson(JSON.stringify(set));
      expect(again).toEqual({ ok: true, ruleSet: set });
    }
    const viaJson = parseRuleSetJson(JSON.stringify(TALENT_2024));
    if (!viaJson.ok) throw new Error('expected ok');
    const facts = { field: 'ai', established: '2020-01-01', rd: { 2021: 1, 2022: 2, 2023: 3 } };
    expect(evaluateEligibility(viaJson.ruleSet, { id: 'x', facts }, '2024-01-01')).toEqual(
      evaluateEligibility(TALENT_2024, { id: 'x', facts }, '2024-01-01'),
    );
  });

  it('names the path of every problem', () => {
    expect(codesAt(null)).toEqual(['RULE_TYPE@$']);
    expect(codesAt({ id: 'x', version: 1 })).toEqual(['RULE_REQUIRED@rule']);
    expect(codesAt({ id: 'x', version: 0, rule: { id: 'a', kind: 'all', rules: [] } })).toEqual([
      'RULE_TYPE@version', 'RULE_TYPE@rule.rules',
    ]);
    const bad = {
      id: 'x',
      version: 1,
      rule: {
        id: 'root', kind: 'any', rules: [
          { id: 'a', kind: 'compare', value: { fact: 'x' }, op: '≥', threshold: '3 %' },
          { id: 'a', kind: 'growth', series: 'rd', from: -1, to: -1, op: '>=', rate: -1 },
          { id: 'b', kind: 'in', fact: 'field', values: ['ai'], aliases: { 人工智能: 'AI' } },
          { id: 'c', kind: 'between', value: { fact: 'x' } },
          { id: 'd', kind: 'compare', value: { ratio: [{ fact: 'x' }] }, op: '>', treshold: 1 },
          { id: 'e', kind: 'range', value: { series: 'rd', offset: 1.5 } },
          { id: 'f', kind: 'not', rule: { id: 'g', kind: 'compare', value: { fact: 'y', year: 1 }, op: '>', threshold: 1 } },
          'h',
        ],
      },
    };
    expect(codesAt(bad)).toEqual([
      'RULE_OP_UNKNOWN@rule.rules[0].op',
      'RULE_NUMBER@rule.rules[0].threshold',
      'RULE_ID_DUPLICATE@rule.rules[1].id',
      'RULE_WINDOW@rule.rules[1].to',
      'RULE_RATE@rule.rules[1].rate',
      'RULE_ALIAS_TARGET@rule.rules[2].aliases.人工智能',
      'RULE_KIND_UNKNOWN@rule.rules[3].kind',
      'RULE_PROPERTY_UNKNOWN@rule.rules[4].treshold',
      'RULE_TYPE@rule.rules[4].value.ratio',
      'RULE_REQUIRED@rule.rules[4].threshold',
      'RULE_TYPE@rule.rules[5].value.offset',
      'RULE_REQUIRED@rule.rules[5].min',
      'RULE_OPERAND@rule.rules[6].rule.value',
      'RULE_TYPE@rule.rules[7]',
    ]);
  });

  it('reports JSON syntax errors and deep nesting as values, not exceptions', () => {
    const parsed = parseRuleSetJson('{"id": "x",');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]?.code).toBe('RULE_SET_JSON');
    let rule: unknown = { id: 'leaf', kind: 'compare', value: { fact: 'x' }, op: '>', threshold: 0 };
    for (let i = 0; i < 100; i++) rule = { id: `n${i}`, kind: 'not', rule };
    expect(codesAt({ id: 'deep', version: 1, rule })).toContain('RULE_TOO_DEEP@' + 'rule' + '.rule'.repeat(33));
  });

  it('any single removed required property of a shipped set is reported at its path', () => {
    // Every leaf path of the shipped JSON whose key the language requires.
    const required = new Set(['id', 'kind', 'fact', 'values', 'series', 'offset', 'from', 'to', 'op', 'threshold', 'rate', 'rules', 'rule', 'value', 'version']);
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (typeof v !== 'object' || v === null) return;
      for (const [k, child] of Object.entries(v)) {
        if (!Array.isArray(v) && required.has(k)) paths.push([...path, k]);
        walk(child, [...path, k]);
      }
    };
    walk(TALENT_2024, []);
    expect(paths.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...paths), (path) => {
        const copy = JSON.parse(JSON.stringify(TALENT_2024)) as Record<string, unknown>;
        let at: Record<string, unknown> = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
        delete at[path.at(-1) as string];
        const v = validateRuleSet(copy);
        expect(v.ok).toBe(false);
        const dotted = (p: string[]) => p.map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
        // Reported at the removed key, or at its object when that object no longer reads as an operand.
        const fields = v.ok ? [] : v.errors.map((e) => e.field);
        expect([dotted(path), dotted(path.slice(0, -1))]).toContain(fields[0]);
      }),
    );
  });
});

describe('columns read', () => {
  it('names every column the talent rules read on an as-of year', () => {
    expect(columnsRead(TALENT_2024.rule, 2024).sort()).toEqual(['established', 'field', 'rd_2021', 'rd_2022', 'rd_2023', 'revenue_2023']);
    expect(columnsRead(RULE_SETS['talent-prior']!.rule, 2025).sort()).toEqual(['established', 'field', 'rd_2022', 'rd_2023', 'rd_2024']);
  });
});
