/**
 * The spec → COINr iMeta translator of the peer bench (coinr-imeta.ts): a nested spec becomes the
 * level-by-level iMeta and the options COINr runs; what COINr cannot state is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { coinrFromSpec, iMetaCsv } from './coinr-imeta.js';
import { type IndexSpec, parseIndexSpec } from './spec.js';

function spec(json: unknown): IndexSpec {
  const r = parseIndexSpec(JSON.stringify(json));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
}

const nested = {
  normalisation: { method: 'minmax', range: [1, 100] },
  aggregation: 'arithmetic',
  outliers: { winmax: 4, negativeLog: 'coinr' },
  groups: [
    { id: 'Conn', weight: 2, aggregation: 'geometric', groups: [
      { id: 'Phys', indicators: [{ id: 'Flights', weight: 0.5 }, { id: 'CO2', direction: -1 }] },
      { id: 'Pol', weight: 3, indicators: [{ id: 'Embs', name: { en: 'Embassies' } }] },
    ] },
    { id: 'Sust', aggregation: 'geometric', groups: [{ id: 'Env', indicators: [{ id: 'Forest' }] }] },
  ],
};

describe('coinrFromSpec', () => {
  it('writes a nested spec as COINr iMeta, level by level, with its options', () => {
    const t = coinrFromSpec(spec(nested));
    if (!t.ok) throw new Error(t.error.message);
    expect(t.iMeta).toEqual([
      { iCode: 'Flights', iName: 'Flights', Level: 1, Parent: 'Phys', Direction: 1, Weight: 0.5, Type: 'Indicator' },
      { iCode: 'CO2', iName: 'CO2', Level: 1, Parent: 'Phys', Direction: -1, Weight: 1, Type: 'Indicator' },
      { iCode: 'Embs', iName: 'Embassies', Level: 1, Parent: 'Pol', Direction: 1, Weight: 1, Type: 'Indicator' },
      { iCode: 'Forest', iName: 'Forest', Level: 1, Parent: 'Env', Direction: 1, Weight: 1, Type: 'Indicator' },
      { iCode: 'Phys', iName: 'Phys', Level: 2, Parent: 'Conn', Direction: 1, Weight: 1, Type: 'Aggregate' },
      { iCode: 'Pol', iName: 'Pol', Level: 2, Parent: 'Conn', Direction: 1, Weight: 3, Type: 'Aggregate' },
      { iCode: 'Env', iName: 'Env', Level: 2, Parent: 'Sust', Direction: 1, Weight: 1, Type: 'Aggregate' },
      { iCode: 'Conn', iName: 'Conn', Level: 3, Parent: 'index', Direction: 1, Weight: 2, Type: 'Aggregate' },
      { iCode: 'Sust', iName: 'Sust', Level: 3, Parent: 'index', Direction: 1, Weight: 1, Type: 'Aggregate' },
      { iCode: 'index', iName: 'index', Level: 4, Parent: null, Direction: 1, Weight: 1, Type: 'Aggregate' },
    ]);
    expect(t.options).toEqual({
      treat: { winmax: 4, skew_thresh: 2, kurt_thresh: 3.5 },
      normalise: { f_n: 'n_minmax', f_n_para: { l_u: [1, 100] } },
      // pillars (level 2) arithmetic by the spec's default, sub-indices geometric, the index arithmetic
      aggregate: { f_ag: ['a_amean', 'a_gmean', 'a_amean'], by_df: [false, false, false] },
    });
    expect(iMetaCsv(t.iMeta).split('\n').slice(0, 2)).toEqual([
      'iCode,iName,Level,Parent,Direction,Weight,Type', 'Flights,Flights,1,Phys,1,0.5,Indicator',
    ]);
    expect(iMetaCsv(t.iMeta)).toContain('index,index,4,NA,1,1,Aggregate\n');
  });

  it('maps each normalisation to its COINr function and parameters', () => {
    const with_ = (normalisation: unknown) => coinrFromSpec(spec({ ...nested, normalisation, outliers: false }));
    const z = with_({ method: 'zscore', scale: [10, 2] });
    expect(z.ok && z.options.normalise).toEqual({ f_n: 'n_zscore', f_n_para: { m_sd: [10, 2] } });
    const r = with_({ method: 'rank', ties: 'min' });
    expect(r.ok && r.options.normalise).toEqual({ f_n: 'n_rank', f_n_para: { 'ties.method': 'min' } });
    const g = with_({ method: 'goalposts', low: 1, high: 8, scale: 100 });
    if (!g.ok) throw new Error(g.error.message);
    expect(g.options.normalise).toEqual({ f_n: 'n_goalposts', f_n_para: 'use_iMeta' });
    expect(g.iMeta[1]?.extra).toEqual({ goalpost_lower: 1, goalpost_upper: 8, goalpost_scale: 100, goalpost_trunc2posts: true });
    expect(iMetaCsv(g.iMeta)).toContain('CO2,CO2,1,Phys,-1,1,Indicator,1,8,100,TRUE\n');
    expect(g.ok && g.options.treat).toBe(false);
    const h = coinrFromSpec(spec({ ...nested, aggregation: 'harmonic', groups: nested.groups.map(({ aggregation: _, ...g }) => g) }));
    expect(h.ok && h.options.aggregate).toEqual({ f_ag: ['a_hmean', 'a_hmean', 'a_hmean'], by_df: [false, false, false] });
    const c = coinrFromSpec(spec({ ...nested, aggregation: 'copeland', groups: nested.groups.map(({ aggregation: _, ...g }) => g) }));
    expect(c.ok && c.options.aggregate).toEqual({ f_ag: ['a_copeland', 'a_copeland', 'a_copeland'], by_df: [true, true, true] });
  });

  it('refuses a level whose groups aggregate differently, naming the group', () => {
    const mixed = structuredClone(nested);
    mixed.groups[1]!.aggregation = 'arithmetic';
    const t = coinrFromSpec(spec(mixed));
    expect(t.ok).toBe(false);
    if (!t.ok) {
      expect(t.error.at).toBe('Sust');
      expect(t.error.message).toContain('Conn');
    }
  });

  it('refuses what COINr cannot state: an unbalanced tree, a mirrored log, a frontier of a reversed indicator', () => {
    const unbalanced = coinrFromSpec(spec({ normalisation: { method: 'minmax' }, aggregation: 'arithmetic', groups: [
      { id: 'A', groups: [{ id: 'A1', indicators: [{ id: 'x' }] }], indicators: [{ id: 'y' }] },
    ] }));
    expect(!unbalanced.ok && unbalanced.error.at).toBe('A');
    const mirrored = coinrFromSpec(spec({ ...nested, outliers: true }));
    expect(!mirrored.ok && mirrored.error.at).toBe('outliers.negativeLog');
    const frontier = coinrFromSpec(spec({ ...nested, normalisation: { method: 'frontier' } }));
    expect(!frontier.ok && frontier.error.at).toBe('CO2');
    const blank = coinrFromSpec(spec({ ...nested, groups: [{ id: 'G', indicators: [{ id: '2 x' }] }] }));
    expect(!blank.ok && blank.error.at).toBe('2 x');
    const imputed = coinrFromSpec(spec({ ...nested, imputation: 'mean' }));
    expect(!imputed.ok && imputed.error.at).toBe('imputation');
  });
});
