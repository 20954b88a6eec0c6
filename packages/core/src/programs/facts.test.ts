import { describe, expect, it } from 'vitest';
import { COMPETITION_2019, TALENT_2024 } from '../review/eligibility-sets.js';
import { factChanges, factsByRule, factValues, rerunScreeningSchema, type SourcedFacts } from './facts.js';

describe('facts frozen at submission', () => {
  const before: SourcedFacts = {
    field: { value: 'ic', source: 'registry' }, listing: { value: 'unlisted', source: 'registry' },
    'designation.tech_center': { value: 'none', source: 'designation' },
  };

  it('lists the facts whose value changed, not those whose source alone did', () => {
    const after: SourcedFacts = {
      field: { value: 'software', source: 'self_declared' }, listing: { value: 'unlisted', source: 'self_declared' },
      'designation.tech_center': { value: 'none', source: 'designation' }, district: { value: '310104', source: 'registry' },
    };
    expect(factChanges(before, after)).toEqual([
      { fact: 'district', before: null, after: { value: '310104', source: 'registry' } },
      { fact: 'field', before: before.field, after: after.field },
    ]);
    expect(factChanges(before, before)).toEqual([]);
    expect(factValues(before)).toEqual({ field: 'ic', listing: 'unlisted', 'designation.tech_center': 'none' });
  });

  it('names the facts each rule reads, series by their name', () => {
    const competition = factsByRule(COMPETITION_2019);
    expect(competition.get('leading_industry')).toEqual(['field']);
    expect(competition.get('established')).toEqual(['established']);
    expect(competition.get('competition_2019')).toEqual([]);
    expect(factsByRule(TALENT_2024).get('rd_intensity')).toEqual(['rd', 'revenue']);
  });

  it('wants a reason of at least four characters for a re-run', () => {
    expect(rerunScreeningSchema.safeParse({ reason: '   ' }).success).toBe(false);
    expect(rerunScreeningSchema.safeParse({ reason: '领域已更正' }).success).toBe(true);
  });
});
