import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RankItem, rankEntries, selectByQuota } from './ranking.js';

const item = (id: string, score: number | null, category = 'ai', tieBreak: Record<string, number | null> = {}): RankItem => ({ id, score, category, tieBreak });

describe('ranking', () => {
  it('gives competition ranks, breaks ties by declared criteria and says which', () => {
    const { ranked, unranked } = rankEntries([
      item('a', 80, 'ai', { innovativeness: 7 }), item('b', 90), item('c', 80, 'ai', { innovativeness: 9 }),
      item('d', 80, 'ai', { innovativeness: 7 }), item('e', null), item('f', 0.1 + 0.2), item('g', 0.3),
    ], { tieBreaks: [{ key: 'innovativeness' }] });
    expect(ranked.map((r) => [r.id, r.rank, r.decidedBy])).toEqual([
      ['b', 1, null], ['c', 2, null], ['a', 3, 'innovativeness'], ['d', 3, null], ['f', 5, null], ['g', 5, null],
    ]);
    expect(ranked.find((r) => r.id === 'a')?.tiedWith).toEqual(['d']);
    // 0.1 + 0.2 and 0.3 differ in doubles but tie at the declared precision.
    expect(ranked.find((r) => r.id === 'f')?.tiedWith).toEqual(['g']);
    expect(unranked).toEqual(['e']);
  });

  it('ranks consistently with scores', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ s: fc.integer({ min: 0, max: 20 }), t: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }) }), { maxLength: 30 }), (xs) => {
        const { ranked } = rankEntries(xs.map((x, i) => item(`e${i}`, x.s, 'ai', { t: x.t })), { tieBreaks: [{ key: 't', order: 'asc' }] });
        ranked.forEach((r, i) => {
          expect(r.rank).toBeLessThanOrEqual(r.position);
          const prev = ranked[i - 1];
          if (!prev) return expect(r.rank).toBe(1);
          expect(prev.score).toBeGreaterThanOrEqual(r.score);
          if (prev.score > r.score) expect(r.rank).toBe(r.position);
          else if (prev.rank === r.rank) expect(xs[Number(prev.id.slice(1))]?.t).toBe(xs[Number(r.id.slice(1))]?.t);
        });
      }),
    );
  });
});

describe('selection by quota', () => {
  it('selects 185 finalists as AI 68 / biomedicine 68 / IC 49 from 294 entries', () => {
    const items: RankItem[] = Array.from({ length: 294 }, (_, i) => item(`E${i}`, 1000 - i, ['ai', 'biomedicine', 'ic'][i % 3]));
    const result = selectByQuota(items, { quotas: { ai: 68, biomedicine: 68, ic: 49 }, ties: 'admit_all' });
    expect(result.categories.map((c) => [c.category, c.admitted.length, c.tie])).toEqual([['ai', 68, null], ['biomedicine', 68, null], ['ic', 49, null]]);
    expect(result.entries.filter((e) => e.selected)).toHaveLength(185);
    // Best first in each category: AI gets E0, E3, … E201.
    expect(result.categories[0]?.admitted.at(-1)).toBe('E201');
    expect(result.categories[0]?.cutoffScore).toBe(1000 - 201);
    // The final round: 90 excellent achievements from the finalists, IC 26 / AI 29 / biomedicine 35.
    const finalists = items.filter((i) => result.entries.find((e) => e.id === i.id)?.selected);
    const excellent = selectByQuota(finalists, { quotas: { ic: 26, ai: 29, biomedicine: 35 }, ties: 'admit_all' });
    expect(excellent.categories.map((c) => [c.category, c.admitted.length])).toEqual([['ic', 26], ['ai', 29], ['biomedicine', 35]]);
    expect(excellent.entries.filter((e) => e.selected)).toHaveLength(90);
  });

  const tied = [item('a', 90), item('b', 85, 'ai', { inn: 8 }), item('c', 85, 'ai', { inn: 9 }), item('d', 85, 'ai', { inn: 8 }), item('e', 70), item('z', 99, 'auto'), item('n', null)];

  it('admits a tie at the cutoff whole when told to, over quota and flagged', () => {
    const result = selectByQuota(tied, { quotas: { ai: 2 }, ties: 'admit_all' });
    const ai = result.categories[0];
    expect(ai).toMatchObject({ admitted: ['a', 'b', 'c', 'd'], overQuota: 2, tie: { entries: ['b', 'c', 'd'], seats: 1, resolution: 'admitted_all' } });
    expect(ai?.message.key).toBe('review.selection.tie.admitted_all');
    expect(result.entries.filter((e) => e.flags.includes('tie_at_cutoff')).map((e) => e.id)).toEqual(['b', 'c', 'd']);
    expect(result.entries.find((e) => e.id === 'z')?.flags).toEqual(['no_quota']);
    expect(result.entries.find((e) => e.id === 'n')?.flags).toEqual(['no_score']);
  });

  it('breaks a tie by a declared criterion, flags it, and admits what the criterion cannot separate', () => {
    const broken = selectByQuota(tied, { quotas: { ai: 2 }, ties: { breakBy: [{ key: 'inn' }] } });
    expect(broken.categories[0]).toMatchObject({ admitted: ['a', 'c'], overQuota: 0, tie: { resolution: 'broken', by: 'inn', seats: 1 } });
    expect(broken.entries.find((e) => e.id === 'b')).toMatchObject({ selected: false, flags: ['tie_at_cutoff'] });
    const unresolved = selectByQuota(tied, { quotas: { ai: 3 }, ties: { breakBy: [{ key: 'inn' }] } });
    expect(unresolved.categories[0]).toMatchObject({ admitted: ['a', 'b', 'c', 'd'], overQuota: 1, tie: { resolution: 'unresolved_admitted_all' } });
    expect(unresolved.entries.filter((e) => e.flags.includes('tie_unresolved')).map((e) => e.id)).toEqual(['b', 'd']);
  });

  it('never admits a worse entry over a better one, and exceeds the quota only for a flagged tie', () => {
    const entries = fc.array(fc.record({ s: fc.integer({ min: 0, max: 8 }), c: fc.constantFrom('ai', 'ic'), inn: fc.integer({ min: 0, max: 2 }) }), { maxLength: 40 });
    fc.assert(
      fc.property(entries, fc.nat(12), fc.nat(12), fc.boolean(), (xs, qa, qi, admitAll) => {
        const items = xs.map((x, i) => item(`e${i}`, x.s, x.c, { inn: x.inn }));
        const quotas = { ai: qa, ic: qi };
        const result = selectByQuota(items, { quotas, ties: admitAll ? 'admit_all' : { breakBy: [{ key: 'inn' }] } });
        for (const cat of result.categories) {
          const inCat = result.entries.filter((e) => e.category === cat.category);
          const chosen = inCat.filter((e) => e.selected);
          const rest = inCat.filter((e) => !e.selected);
          const score = (id: string) => items.find((i) => i.id === id)?.score as number;
          for (const a of chosen) for (const b of rest) expect(score(a.id)).toBeGreaterThanOrEqual(score(b.id));
          expect(chosen.length).toBeGreaterThanOrEqual(Math.min(cat.quota, inCat.length));
          if (chosen.length > cat.quota) {
            expect(cat.tie).not.toBeNull();
            expect(chosen.some((e) => e.flags.includes(admitAll ? 'tie_at_cutoff' : 'tie_unresolved'))).toBe(true);
          }
        }
      }),
    );
  });
});
