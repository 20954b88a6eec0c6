import { describe, expect, it } from 'vitest';
import { type PanelMark, rankPanel, rubricScore } from './panel.js';

const votes = (id: number, yes: number[], no: number[]): PanelMark[] => [
  ...yes.map((e) => ({ applicationId: id, expertId: e, score: null, vote: true })),
  ...no.map((e) => ({ applicationId: id, expertId: e, score: null, vote: false })),
];

describe('rankPanel', () => {
  it('selects in vote mode only what a majority approves, within the quota', () => {
    const r = rankPanel({
      mode: 'vote', entries: [1, 2, 3, 4], members: [10, 11, 12], quota: 2,
      marks: [...votes(1, [10, 11, 12], []), ...votes(2, [10], [11, 12]), ...votes(3, [10, 11], [12]), ...votes(4, [], [10, 11, 12])],
    });
    expect(r.missing).toEqual([]);
    expect(r.lines.map((l) => [l.applicationId, l.yes, l.rank, l.selected])).toEqual([[1, 3, 1, true], [3, 2, 2, true], [2, 1, 3, false], [4, 0, 4, false]]);
    expect(r.tie).toBeNull();
  });

  it('flags a tie at the quota edge and takes the chair\'s pick, refusing an invalid one', () => {
    const marks: PanelMark[] = [1, 2, 3].map((id) => ({ applicationId: id, expertId: 10, score: id === 1 ? 90 : 80, vote: null }));
    const open = rankPanel({ mode: 'score', entries: [1, 2, 3], members: [10, 11], quota: 2, marks });
    expect(open.missing).toHaveLength(3);
    expect(open).toMatchObject({ tie: { applicationIds: [2, 3], places: 1 }, tieUnresolved: true, tieBreakInvalid: false });
    expect(open.lines.filter((l) => l.selected).map((l) => l.applicationId)).toEqual([1]);
    expect(rankPanel({ mode: 'score', entries: [1, 2, 3], members: [10], quota: 2, marks, tieBreak: [1] }).tieBreakInvalid).toBe(true);
    const picked = rankPanel({ mode: 'score', entries: [1, 2, 3], members: [10], quota: 2, marks, tieBreak: [3] });
    expect(picked.lines.map((l) => [l.applicationId, l.selected, l.tied])).toEqual([[1, true, false], [2, false, true], [3, true, true]]);
    expect(rankPanel({ mode: 'score', entries: [1, 2, 3], members: [10], quota: null, marks }).lines.every((l) => l.selected)).toBe(true);
  });

  it('leaves recused members out of an entry: no mark missing, none counted, the majority over those who may judge', () => {
    // Member 12 stands down from entry 2. Its stray mark (recorded before the recusal) is ignored.
    const recused = [{ applicationId: 2, expertId: 12 }];
    const marks = [...votes(1, [10, 11], [12]), ...votes(2, [10, 11], []), { applicationId: 2, expertId: 12, score: null, vote: false }];
    const r = rankPanel({ mode: 'vote', entries: [1, 2], members: [10, 11, 12], quota: 1, marks, recused });
    expect(r.missing).toEqual([]);
    // 2 of 2 judges approve entry 2, 2 of 3 entry 1: entry 2 ranks first.
    expect(r.lines.map((l) => [l.applicationId, l.yes, l.no, l.rank, l.selected])).toEqual([[2, 2, 0, 1, true], [1, 2, 1, 2, false]]);
    const without = rankPanel({ mode: 'vote', entries: [1, 2], members: [10, 11, 12], quota: 1, marks });
    expect(without.lines.map((l) => [l.applicationId, l.no])).toEqual([[1, 1], [2, 1]]);
    expect(without.tie).toEqual({ applicationIds: [1, 2], places: 1 });
    // Score mode: the recused member's entry is not missing and its mean is over the others.
    const scores: PanelMark[] = [{ applicationId: 1, expertId: 10, score: 70, vote: null }, { applicationId: 1, expertId: 12, score: 10, vote: null }];
    const s = rankPanel({ mode: 'score', entries: [1], members: [10, 12], quota: 1, marks: scores, recused: [{ applicationId: 1, expertId: 12 }] });
    expect(s.missing).toEqual([]);
    expect(s.lines[0]).toMatchObject({ total: 70, marks: 1, selected: true });
    expect(rankPanel({ mode: 'score', entries: [1], members: [10, 12], quota: 1, marks: [scores[0] as PanelMark], recused: [] }).missing).toEqual([{ applicationId: 1, expertId: 12 }]);
  });

  it('reduces a rubric to its weighted mean, refusing missing or unknown criteria', () => {
    const criteria = [{ key: 'a', weight: 60 }, { key: 'b', weight: 40 }];
    expect(rubricScore(criteria, { a: 90, b: 80 })).toBe(86);
    expect(rubricScore(criteria, { a: 90 })).toBeUndefined();
    expect(rubricScore(criteria, { a: 90, c: 80 })).toBeUndefined();
  });
});
