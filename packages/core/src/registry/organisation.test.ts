import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrganisationTextChecker, parseDate, validateOrganisation } from './organisation.js';

describe('parseDate', () => {
  it('accepts the common ways of writing a date and refuses impossible ones', () => {
    expect(parseDate('2019-03-05')).toBe('2019-03-05');
    expect(parseDate('2019/3/5')).toBe('2019-03-05');
    expect(parseDate('2019年3月5日')).toBe('2019-03-05');
    expect(parseDate('20190305')).toBe('2019-03-05');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('1900-02-29')).toBeUndefined();
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('2019-13-01')).toBeUndefined();
    expect(parseDate('2019-04-31')).toBeUndefined();
  });

  it('agrees with the calendar on every day (the fast path and the general path)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      return parseDate(iso) === iso && parseDate(iso.replace(/-/g, '/')) === iso;
    }));
  });
});

describe('validateOrganisation', () => {
  it('normalises every field and derives nothing it was not given', () => {
    const r = validateOrganisation({ uscc: ' 91350100m000100y43 ', name: '  示例  公司 ', kind: '高校', district: 'Jiading', industryCode: 'c3973', established: '2015/6/1', listing: '科创板' }, '2026-11-25');
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      uscc: '91350100M000100Y43', name: '示例 公司', kind: 'university', district: '310114', industryCode: 'C3973', established: '2015-06-01',
      listing: 'star_market', groupsOverride: null, talentFieldsOverride: null, contacts: [],
    });
  });

  it('names each bad field', () => {
    const r = validateOrganisation({ uscc: '', name: '', kind: '银行', listing: '纳斯达克', contacts: [{ name: '', email: 'x@' }] }, '2026-11-25');
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([
      ['uscc', 'REQUIRED'], ['name', 'REQUIRED'], ['kind', 'KIND_UNKNOWN'], ['listing', 'LISTING_UNKNOWN'],
      ['contacts.0.name', 'REQUIRED'], ['contacts.0.email', 'EMAIL_FORMAT'],
    ]);
  });
});

describe('OrganisationTextChecker', () => {
  // Texts of each field, valid (drawn four times as often) and not, with the blanks and spellings people type.
  const pick = (valid: string[], invalid: string[]) => fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 4 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 },
  );
  const cells = fc.record({
    uscc: pick(['91350100M000100Y43', ' 91350100m000100y43 ', '9135 0100M000100Y43'], ['91350100M000100Y44', '91350100M000100Y4', '', 'I1350100M000100Y43']),
    name: pick(['示例公司', '  示例  公司 ', 'x'.repeat(200), 'A\tB\u3000C'], ['', '   ', 'x'.repeat(201)]),
    kind: pick(['', '企业', 'university', ' Hospital ', '  '], ['银行']),
    district: pick(['', '嘉定', '嘉定区', 'Jiading', '310114', "Jing'an", ' '], ['北京', 'jing an']),
    industryCode: pick(['', 'C3973', 'c 3973', '3973', ' '], ['D3973', '9999', 'X1']),
    established: pick(['', '2015/6/1', '2015-06-01', '2026-11-25', '20190305', ' '], ['2023-02-29', '2026-11-26', 'soon']),
    listing: pick(['', '科创板', 'star market', 'STAR-MARKET', 'unlisted', ' '], ['纳斯达克']),
  });

  it('accepts exactly the rows validateOrganisation accepts, with the same values', () => {
    const checker = new OrganisationTextChecker('2026-11-25');
    let accepted = 0;
    fc.assert(fc.property(cells, (c) => {
      const ok = checker.check(c.uscc, c.name, c.kind, c.district, c.industryCode, c.established, c.listing);
      const r = validateOrganisation(c, '2026-11-25');
      expect(ok).toBe(r.value !== undefined);
      if (ok) expect({ ...checker.value }).toEqual(r.value);
      if (ok) accepted++;
    }), { numRuns: 2000 });
    expect(accepted).toBeGreaterThan(100);
  });
});
