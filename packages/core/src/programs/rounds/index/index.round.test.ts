import { describe, expect, it } from 'vitest';
import { decideIndex, type BundleIndexEntry } from './index.round.js';

const entry = (applicationId: number, rank: number | null, extra: Partial<BundleIndexEntry> = {}): BundleIndexEntry => ({
  applicationId, values: null, excluded: false, exclusionReason: null, score: rank === null ? null : 100 - rank, rank, ...extra,
});
const context = (ids: number[]) => ({ entries: ids, applications: new Map(ids.map((id) => [id, { uscc: `U${id}`, category: null }])) });

describe('the index round decides from stored ranks', () => {
  it('admits the top N, every entry tied at the cutoff, and says why each other entry stopped', () => {
    const entries = [entry(1, 1), entry(2, 2), entry(3, 3), entry(4, 3), entry(5, 5), entry(6, null), entry(7, null, { excluded: true, exclusionReason: '数据造假' })];
    const decided = decideIndex({ config: { topN: 3 }, entries }, context([1, 2, 3, 4, 5, 6, 7]));
    expect(decided.map((d) => [d.applicationId, d.advanced, d.reason, d.rank])).toEqual([
      [1, true, 'within_quota', 1], [2, true, 'within_quota', 2], [3, true, 'tie_admitted', 3], [4, true, 'tie_admitted', 3],
      [5, false, 'below_cutoff', 5], [6, false, 'no_score', null], [7, false, 'excluded', null],
    ]);
    expect(decided[6]?.note).toBe('数据造假');
  });

  it('calls a tie within the top N no tie at the cutoff', () => {
    const decided = decideIndex({ config: { topN: 3 }, entries: [entry(1, 1), entry(2, 2), entry(3, 2), entry(4, 4)] }, context([1, 2, 3, 4]));
    expect(decided.map((d) => d.reason)).toEqual(['within_quota', 'within_quota', 'within_quota', 'below_cutoff']);
  });
});
