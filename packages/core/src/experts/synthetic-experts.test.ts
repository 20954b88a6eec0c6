import { describe, expect, it } from 'vitest';
import { syntheticOrganisations } from '../registry/synthetic.js';
import { validateExpert } from './expert.js';
import { syntheticExperts } from './synthetic-experts.js';

describe('syntheticExperts', () => {
  const organisations = syntheticOrganisations({ count: 40, seed: 'orgs', untilYear: 2024 }).map((o) => ({ uscc: o.uscc, name: o.name }));

  it('is determined by the seed', () => {
    const a = syntheticExperts({ count: 60, seed: 'pool', organisations });
    expect(syntheticExperts({ count: 60, seed: 'pool', organisations })).toEqual(a);
    expect(syntheticExperts({ count: 60, seed: 'other', organisations })).not.toEqual(a);
  });

  it('makes valid, realistic experts employed by the given organisations', () => {
    const experts = syntheticExperts({ count: 200, seed: 7, organisations, asOf: '2026-06-01' });
    const codes = new Set(organisations.map((o) => o.uscc));
    for (const e of experts) {
      expect(validateExpert(e).errors).toEqual([]);
      expect(e.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      if (e.employerUscc) expect(codes.has(e.employerUscc)).toBe(true);
      for (const s of e.shareholdings) expect(codes.has(s.organisationUscc)).toBe(true);
      for (const job of e.employment) expect((job.to ?? '') <= '2026-12-31').toBe(true);
    }
    expect(new Set(experts.map((e) => e.name)).size).toBe(experts.length);
    expect(experts.filter((e) => e.employerUscc).length).toBeGreaterThan(150);
    expect(new Set(experts.map((e) => e.professionalTitle))).toContain('教授');
    expect(experts.some((e) => e.shareholdings.length > 0)).toBe(true);
    expect(experts.some((e) => e.employment.length > 0)).toBe(true);
  });
});
