import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from '../review/eligibility.js';
import { TECH_CENTER_NATIONAL } from '../review/eligibility-sets.js';
import { DESIGNATION_CATALOGUE, DESIGNATION_TITLES, findTier, findTitle, isTierOf } from './catalogue.js';
import { designationEventSchema, designationGrantSchema } from './events.js';
import { designationFacts } from './facts.js';
import { addYears, designationStateOn, evaluationDueOn, type EventStep, nextEventProblems } from './state.js';

const history: EventStep[] = [
  { kind: 'granted', day: '2020-03-15', tier: 'district' },
  { kind: 'tier_changed', day: '2021-07-01', tier: 'municipal' },
  { kind: 'evaluated', day: '2023-05-10', grade: 'pass' },
  { kind: 'suspended', day: '2024-01-10' },
  { kind: 'reinstated', day: '2024-06-01' },
  { kind: 'revoked', day: '2025-09-30' },
];

describe('catalogue', () => {
  it('declares the titles with tiers, granting body, validity and evaluation', () => {
    expect(DESIGNATION_TITLES).toEqual(['tech_center', 'innovation_demo', 'quality_benchmark', 'top100_listing', 'little_giant']);
    expect(DESIGNATION_CATALOGUE.tech_center.tiers.map((t) => t.key)).toEqual(['national', 'municipal', 'district']);
    expect(DESIGNATION_CATALOGUE.tech_center.evaluation).toEqual({ intervalYears: 2, tiers: ['national', 'municipal'] });
    expect(DESIGNATION_CATALOGUE.top100_listing.validityYears).toBe(1);
    for (const title of DESIGNATION_TITLES) {
      const spec = DESIGNATION_CATALOGUE[title];
      expect(spec.name.zh.length * spec.name.en.length * spec.grantingBody.zh.length).toBeGreaterThan(0);
      expect(spec.tiers.length).toBeGreaterThan(0);
    }
    expect(isTierOf('quality_benchmark', 'shanghai')).toBe(true);
    expect(isTierOf('quality_benchmark', 'district')).toBe(false);
  });

  it('reads titles and tiers as spreadsheets write them', () => {
    expect(findTitle('企业技术中心')).toBe('tech_center');
    expect(findTitle(' Quality benchmark ')).toBe('quality_benchmark');
    expect(findTitle('little_giant')).toBe('little_giant');
    expect(findTitle('未知称号')).toBeUndefined();
    expect(findTier('tech_center', '市级')).toBe('municipal');
    expect(findTier('tech_center', 'National')).toBe('national');
    expect(findTier('innovation_demo', '区级')).toBeUndefined();
  });
});

describe('schemas', () => {
  it('take calendar days, not years, and known kinds', () => {
    expect(designationGrantSchema.safeParse({ uscc: 'x', title: 'tech_center', tier: 'national', grantedOn: '2024-02-29', source: 's' }).success).toBe(true);
    expect(designationGrantSchema.safeParse({ uscc: 'x', title: 'tech_center', tier: 'national', grantedOn: '2023-02-29', source: 's' }).success).toBe(false);
    expect(designationGrantSchema.safeParse({ uscc: 'x', title: 'tech_center', tier: 'national', grantedOn: 2023 }).success).toBe(false);
    expect(designationGrantSchema.safeParse({ uscc: 'x', title: 'nobel', tier: 'national', grantedOn: '2023-01-01' }).success).toBe(false);
    expect(designationEventSchema.safeParse({ kind: 'revoked', day: '2024-01-01', reason: '弄虚作假' }).success).toBe(false);
    expect(designationEventSchema.safeParse({ kind: 'revoked', day: '2024-01-01', reason: '弄虚作假', decisionRef: '沪经信技〔2024〕1号' }).success).toBe(true);
    expect(designationEventSchema.safeParse({ kind: 'evaluated', day: '2024-01-01', grade: 'excellent' }).success).toBe(true);
    expect(designationEventSchema.safeParse({ kind: 'evaluated', day: '2024-01-01', grade: '优秀' }).success).toBe(false);
  });
});

describe('designationStateOn', () => {
  it('replays the history day by day', () => {
    expect(designationStateOn(history, '2020-03-14')).toMatchObject({ holds: false, status: 'none', tier: null });
    expect(designationStateOn(history, '2020-03-15')).toMatchObject({ holds: true, status: 'active', tier: 'district', grantedOn: '2020-03-15' });
    expect(designationStateOn(history, '2021-07-01')).toMatchObject({ holds: true, tier: 'municipal' });
    expect(designationStateOn(history, '2024-03-01')).toMatchObject({ holds: false, status: 'suspended', tier: 'municipal' });
    expect(designationStateOn(history, '2024-06-01')).toMatchObject({ holds: true, status: 'active' });
    expect(designationStateOn(history, '2025-09-30')).toMatchObject({ holds: false, status: 'revoked', endedOn: '2025-09-30', tier: 'municipal' });
    expect(designationStateOn(history, '2030-01-01')).toMatchObject({ holds: false, status: 'revoked' });
  });

  it('lets a grant lapse on its anniversary when the title has a validity, and a renewal extend it', () => {
    const listed: EventStep[] = [{ kind: 'granted', day: '2024-02-29', tier: 'listed' }];
    expect(designationStateOn(listed, '2025-02-28', 1)).toMatchObject({ holds: true, validUntil: '2025-03-01' });
    expect(designationStateOn(listed, '2025-03-01', 1)).toMatchObject({ holds: false, status: 'expired', endedOn: '2025-03-01' });
    const renewed = [...listed, { kind: 'granted' as const, day: '2025-02-01', tier: 'listed' }];
    expect(designationStateOn(renewed, '2025-12-31', 1)).toMatchObject({ holds: true, grantedOn: '2025-02-01', validUntil: '2026-02-01' });
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('never holds after an ending, whatever comes later (property)', () => {
    const kinds = ['granted', 'evaluated', 'tier_changed', 'suspended', 'reinstated', 'revoked', 'expired'] as const;
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const step = fc.record({ kind: fc.constantFrom(...kinds), day, tier: fc.constantFrom('national', 'municipal') });
    fc.assert(fc.property(fc.array(step, { maxLength: 12 }), day, fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), (raw, on, validity) => {
      const events = [...raw].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      const state = designationStateOn(events, on, validity);
      const ended = events.find((e) => (e.kind === 'revoked' || e.kind === 'expired') && e.day <= on
        && events.slice(0, events.indexOf(e)).some((p) => p.kind === 'granted'));
      if (ended && !events.slice(0, events.indexOf(ended)).some((p) => p.kind === 'granted' && validity !== null && addYears(p.day, validity) <= ended.day)) {
        expect(state.holds).toBe(false);
      }
      if (!events.some((e) => e.kind === 'granted' && e.day <= on)) expect(state.status).toBe('none');
      // The state on a day depends only on the events up to that day.
      expect(designationStateOn(events.filter((e) => e.day <= on), on, validity)).toEqual(state);
      if (state.holds) expect(state.tier).not.toBeNull();
    }));
  });
});

describe('evaluationDueOn', () => {
  it('counts the catalogue\'s interval from the last evaluation, grant or tier change of an evaluated tier', () => {
    expect(evaluationDueOn('tech_center', history, '2020-12-31')).toBeNull(); // district centres are not evaluated
    expect(evaluationDueOn('tech_center', history, '2022-01-01')).toBe('2023-07-01');
    expect(evaluationDueOn('tech_center', history, '2023-06-01')).toBe('2025-05-10');
    expect(evaluationDueOn('tech_center', history, '2025-10-01')).toBeNull(); // revoked
    expect(evaluationDueOn('quality_benchmark', [{ kind: 'granted', day: '2024-01-01', tier: 'shanghai' }], '2025-01-01')).toBeNull();
    expect(evaluationDueOn('innovation_demo', [{ kind: 'granted', day: '2024-02-29', tier: 'national' }], '2025-01-01')).toBe('2027-03-01');
  });
});

describe('nextEventProblems', () => {
  const today = '2026-06-01';
  it('accepts a history recorded step by step', () => {
    history.forEach((e, i) => expect(nextEventProblems('tech_center', history.slice(0, i), e, today, null)).toEqual([]));
  });

  it('refuses future days, days out of order, steps after an ending, wrong tiers', () => {
    const codes = (events: EventStep[], next: EventStep, validity: number | null = null) =>
      nextEventProblems('tech_center', events, next, today, validity).map((p) => p.code);
    expect(codes([], { kind: 'granted', day: '2026-06-02', tier: 'national' })).toEqual(['DATE_IN_FUTURE']);
    expect(codes([], { kind: 'evaluated', day: '2026-01-01', grade: 'pass' })).toEqual(['DESIGNATION_EVENT_NOT_ALLOWED']);
    expect(codes(history.slice(0, 2), { kind: 'evaluated', day: '2021-01-01', grade: 'pass' })).toEqual(['DESIGNATION_EVENT_ORDER']);
    expect(codes(history, { kind: 'reinstated', day: '2026-01-01' })).toEqual(['DESIGNATION_ENDED']);
    expect(codes(history.slice(0, 1), { kind: 'tier_changed', day: '2021-01-01', tier: 'district' })).toEqual(['DESIGNATION_TIER_SAME']);
    expect(codes(history.slice(0, 1), { kind: 'tier_changed', day: '2021-01-01', tier: 'shanghai' })).toEqual(['DESIGNATION_TIER_UNKNOWN']);
    expect(codes(history.slice(0, 3), { kind: 'reinstated', day: '2023-06-01' })).toEqual(['DESIGNATION_EVENT_NOT_ALLOWED']);
    const listing: EventStep[] = [{ kind: 'granted', day: '2024-03-01', tier: 'national' }];
    expect(codes(listing, { kind: 'suspended', day: '2025-03-01' }, 1)).toEqual(['DESIGNATION_ENDED']);
    expect(codes(listing, { kind: 'expired', day: '2025-03-01' }, 1)).toEqual([]);
    expect(nextEventProblems('quality_benchmark', [{ kind: 'granted', day: '2024-01-01', tier: 'shanghai' }], { kind: 'evaluated', day: '2025-01-01', grade: 'pass' }, today, null)
      .map((p) => p.code)).toEqual(['DESIGNATION_NOT_EVALUATED']);
  });
});

describe('designation facts in eligibility rules', () => {
  const facts = (events: EventStep[], asOf: string) => designationFacts([{ title: 'tech_center', validityYears: null, events }], asOf);

  it('give the tier held on the day and the years since the last revocation', () => {
    expect(facts(history, '2022-01-01')).toMatchObject({
      'designation.tech_center': 'municipal', 'designation.tech_center.revoked': 'no', 'designation.tech_center.revokedWithinYears': null,
      'designation.little_giant': 'none',
    });
    expect(facts(history, '2027-09-29')).toMatchObject({
      'designation.tech_center': 'none', 'designation.tech_center.revoked': 'yes', 'designation.tech_center.revokedWithinYears': 1,
    });
  });

  it('decide the verdict of a rule set that reads them', () => {
    const verdict = (histories: Parameters<typeof designationFacts>[0], asOf: string) =>
      evaluateEligibility(TECH_CENTER_NATIONAL, { id: 'e', facts: designationFacts(histories, asOf) }, asOf).verdict;
    const municipal: EventStep[] = [{ kind: 'granted', day: '2019-01-01', tier: 'municipal' }];
    expect(verdict([{ title: 'tech_center', validityYears: null, events: municipal }], '2024-06-30')).toBe('eligible');
    expect(verdict([], '2024-06-30')).toBe('ineligible');
    // Revoked in 2022, granted again in 2023: holds municipal, but the revocation is too recent until 2025-03-01.
    const earlier: EventStep[] = [{ kind: 'granted', day: '2015-01-01', tier: 'municipal' }, { kind: 'revoked', day: '2022-03-01' }];
    const again: EventStep[] = [{ kind: 'granted', day: '2023-01-01', tier: 'municipal' }];
    const both = [{ title: 'tech_center', validityYears: null, events: earlier }, { title: 'tech_center', validityYears: null, events: again }];
    expect(verdict(both, '2025-02-28')).toBe('ineligible');
    expect(verdict(both, '2025-03-01')).toBe('eligible');
  });
});
