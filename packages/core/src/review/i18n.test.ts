import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.js';
import { LOCALES, catalogues, errorMessage, translate } from '../i18n/index.js';
import { reviewEn } from '../i18n/review.en.js';
import { reviewZh } from '../i18n/review.zh-CN.js';
import { calibrate } from './calibration.js';
import { findConflicts } from './conflicts.js';
import { evaluateEligibility } from './eligibility.js';
import { validateRuleSet } from './eligibility-rules.js';
import { TALENT_2024, TALENT_PRIOR } from './eligibility-sets.js';
import type { Message } from './message.js';
import { bootstrapRanks } from './ranking-bootstrap.js';
import { selectByQuota } from './ranking.js';
import { RUBRIC_2019, scoreEntries, validateRubric } from './scoring.js';

const placeholders = (t: string) => [...new Set([...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

/** Runs every engine over inputs that reach each of its messages and errors. */
function everything(): { messages: Message[]; errors: FieldError[] } {
  const messages: Message[] = [];
  const errors: FieldError[] = [];
  const facts = [
    { field: 'ai', established: '2010-01-01', rd: { 2021: 10, 2022: 11, 2023: 12 }, revenue: { 2023: 100 } },
    { field: 'auto', established: '2024-01-01', rd: { 2021: 0, 2022: -1, 2023: 40_000_000 }, revenue: { 2023: 0 } },
    { field: '', established: 'x', rd: { 2021: 'abc' } },
    { field: 'ic', established: '2000-01-01', rd: { 2021: 30, 2022: 30, 2023: 30 } },
  ];
  for (const set of [TALENT_2024, TALENT_PRIOR]) {
    for (const f of facts) {
      const r = evaluateEligibility(set, { id: 's', facts: f }, '2024-06-30');
      messages.push(...r.lines.map((l) => l.message));
      errors.push(...r.errors);
    }
  }
  const notSet = { id: 'n', version: 1, rule: { id: 'not', kind: 'not' as const, rule: { id: 'r', kind: 'range' as const, value: { fact: 'x' }, min: 1 } } };
  for (const x of [0, 2, null]) messages.push(...evaluateEligibility(notSet, { id: 's', facts: { x } }, '2024-01-01').lines.map((l) => l.message));
  const anyNull = { id: 'a', version: 1, rule: { id: 'any', kind: 'any' as const, rules: [{ id: 'c', kind: 'compare' as const, value: { fact: 'x' }, op: '>' as const, threshold: 1 }] } };
  messages.push(...evaluateEligibility(anyNull, { id: 's', facts: {} }, '2024-01-01').lines.map((l) => l.message));
  for (const rule of [
    { id: 'a', kind: 'zzz' },
    { id: 'a', kind: 'all', extra: 1, rules: [
      { id: 'a', kind: 'compare', value: { nope: 1 }, op: '~', threshold: 'x' },
      { id: 'g', kind: 'growth', series: 's', from: 0, to: 0, op: '>', rate: -2 },
      { id: 'i', kind: 'in', fact: 'f', values: ['v'], aliases: { w: 'u' } },
      { id: 'r', kind: 'range', value: 7 },
    ] },
  ]) {
    const bad = validateRuleSet({ id: 'x', version: 1, rule });
    if (!bad.ok) errors.push(...bad.errors);
  }
  errors.push(...evaluateEligibility(TALENT_2024, { id: 's', facts: { rd: 5 } }, '2024-01-01').errors);
  errors.push(...findConflicts({ asOf: 'x', formerEmployerYears: -1, entries: [{ id: 'E', applicant: 'A' }, { id: 'E', applicant: 'A' }], experts: [] }).errors);
  errors.push(...calibrate([{ entry: 'A', expert: 'x', score: Number.NaN, confidence: -1 }], { method: 'bias' }).errors);
  errors.push(...bootstrapRanks({ reviews: [], method: 'mean', replicates: 0, seed: 1, level: 2 }).errors);

  const conflicts = findConflicts({
    asOf: '2024-10-24',
    entries: [{ id: 'E', applicant: 'A', people: ['p'] }],
    organisationConsortia: { A: ['C'] },
    experts: [{ id: 'X', employer: 'A', formerEmployers: [{ organisation: 'A', end: '2023-01-01' }, { organisation: 'A' }], shareholdings: ['A'], consortia: ['C'], declared: ['E'], collaborators: ['p'], person: 'p' }],
  });
  messages.push(...conflicts.conflicts.flatMap((c) => c.causes.map((x) => x.message)));

  const scored = scoreEntries(RUBRIC_2019, {
    method: 'trimmed_mean', entries: ['E1', 'E2'],
    assignments: [{ entry: 'E1', expert: 'm' }],
    reviews: [{ entry: 'E1', expert: 'a', abstain: true }, { entry: 'E1', expert: 'b', scores: { innovativeness: 11, practicality: 7.2, application_effect: Number.NaN, other: 1 } },
      { entry: 'E1', expert: 'a' }, { entry: 'E9', expert: 'a' }, { entry: 'E2', expert: 'q', confidence: 0 }, { entry: 'E1', expert: 'c', scores: { innovativeness: 5, practicality: 5, application_effect: 5, promotion_prospects: 5 } }],
  });
  messages.push(...scored.entries.flatMap((e) => e.notes));
  errors.push(...scored.errors);
  errors.push(...validateRubric({ id: 'r', version: 1, label: 'r', criteria: [] }));
  errors.push(...validateRubric({ id: 'r', version: 1, label: 'r', criteria: [
    { id: 'c', label: 'c', weight: -1, scale: { min: 0, max: 1, step: 3 } }, { id: 'c', label: 'c', weight: 1, scale: { min: 0, max: 1, step: 1 } },
  ] }));

  const cal = calibrate([
    { entry: 'A', expert: 'flat', score: 5 }, { entry: 'B', expert: 'flat', score: 5 }, { entry: 'C', expert: 'once', score: 5 },
  ], { method: 'zscore' });
  messages.push(...cal.experts.flatMap((e) => (e.note ? [e.note] : [])));
  messages.push(...calibrate([{ entry: 'A', expert: 'alone', score: 5 }], { method: 'bias' }).experts.flatMap((e) => (e.note ? [e.note] : [])));

  const items = [{ id: 'a', score: 2, category: 'ai' }, { id: 'b', score: 1, category: 'ai' }, { id: 'c', score: 1, category: 'ai' }];
  for (const ties of ['admit_all', { breakBy: [] }] as const) messages.push(...selectByQuota(items, { quotas: { ai: 2, ic: 1 }, ties }).categories.map((c) => c.message));
  messages.push(...selectByQuota([...items, { id: 'd', score: 1, category: 'ai', tieBreak: { t: 1 } }], { quotas: { ai: 2 }, ties: { breakBy: [{ key: 't' }] } }).categories.map((c) => c.message));
  const boot = bootstrapRanks({ reviews: [{ entry: 'a', score: 1 }, { entry: 'a', score: 9 }, { entry: 'b', score: 5 }], method: 'mean', replicates: 50, seed: 1, cutoff: 1 });
  messages.push(...boot.entries.map((e) => e.message));
  return { messages, errors };
}

describe('review messages', () => {
  it('every review key has the same placeholders in English and Chinese', () => {
    for (const key of Object.keys(reviewEn) as (keyof typeof reviewEn)[]) {
      expect(placeholders(reviewZh[key]), key).toEqual(placeholders(reviewEn[key]));
    }
  });

  it('every message and error the engines produce is translated with all its parameters', () => {
    const { messages, errors } = everything();
    const keys = new Set(messages.map((m) => m.key));
    const codes = new Set(errors.map((e) => e.code));
    // Reaching most of the catalogue keeps this test honest about coverage.
    expect(keys.size).toBeGreaterThan(40);
    expect(codes.size).toBeGreaterThan(30);
    for (const locale of LOCALES) {
      for (const m of messages) {
        expect(catalogues[locale][m.key], `${locale} ${m.key}`).toBeDefined();
        expect(translate(locale, m.key, m.params), `${locale} ${m.key}`).not.toMatch(/\{\{/);
      }
      for (const e of errors) {
        expect(catalogues[locale][`errors.${e.code}`], `${locale} ${e.code}`).toBeDefined();
        expect(errorMessage(locale, e), `${locale} ${e.code}`).not.toMatch(/\{\{/);
      }
    }
  });
});
