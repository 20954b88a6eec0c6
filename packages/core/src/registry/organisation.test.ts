import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, validateOrganisation } from './organisation.js';

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
