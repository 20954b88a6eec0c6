import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignReviewers } from './assignment.js';
import { highsModel, inputArb, loadHighs, solveHighs, violations } from './assignment-testkit.js';
import type { AssignmentInput } from './assignment-types.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const TOL = 1e-6;

describe('fair mode', () => {
  it('is feasible when optimal is, respects every rule, and never lowers the minimum', () => {
    fc.assert(
      fc.property(inputArb('fair', { entries: 12, experts: 9 }), (input) => {
        const fair = assignReviewers(input);
        const optimal = assignReviewers({ ...input, mode: 'optimal' });
        expect(fair.ok).toBe(optimal.ok);
        if (!fair.ok || !optimal.ok) return;
        expect(violations(input, fair.value.assignments)).toEqual([]);
        const f = fair.value.explanation;
        const o = optimal.value.explanation;
        expect(f.minimum.total).toBeGreaterThanOrEqual(o.minimum.total - TOL);
        expect(f.objective).toBeLessThanOrEqual(o.objective + TOL);
        expect(f.fairness?.optimalModeMinimum).toBeCloseTo(o.minimum.total, 9);
        expect(f.fairness?.optimalModeTotal).toBeCloseTo(o.objective, 9);
        expect(f.fairness!.upperBound).toBeGreaterThanOrEqual(f.minimum.total - TOL);
      }),
      { numRuns: 300 },
    );
  });

  it('proves and reaches the max-min that HiGHS finds as a MIP on small instances', () => {
    let compared = 0;
    fc.assert(
      fc.property(inputArb('fair', { entries: 6, experts: 6 }), (input) => {
        const fair = assignReviewers(input);
        if (!fair.ok) return;
        const reference = solveHighs(highs, highsModel(highs, input, { maxMin: true }));
        expect(reference.feasible).toBe(true);
        if (!reference.feasible) return;
        compared++;
        const report = fair.value.explanation.fairness!;
        expect(report.proven).toBe(true);
        expect(Math.abs(report.minimum - reference.objective)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(reference.objective)));
      }),
      { numRuns: 250 },
    );
    expect(compared).toBeGreaterThan(50);
  });

  it('keeps every maximum load when a local move exchanges experts between two entries', () => {
    // Found by the property above: an exchange into a full expert used to overrun its holder
    // list, after which a later move overloaded X3 (maximum 2) and stage two could not re-solve.
    const listed: [string, string, number][] = [
      ['E0', 'X1', 0.1], ['E0', 'X2', 0], ['E1', 'X3', 0.1], ['E2', 'X2', 0], ['E2', 'X3', 0.1],
      ['E3', 'X2', 0.1], ['E4', 'X2', 0.1], ['E5', 'X0', 0.1], ['E6', 'X2', 2e-9], ['E7', 'X1', 0],
      ['E7', 'X3', 0.1], ['E8', 'X1', 1], ['E9', 'X0', 0.1], ['E9', 'X3', 0.7],
    ];
    const input: AssignmentInput = {
      entries: Array.from({ length: 10 }, (_, i) => ({ id: `E${i}` })),
      experts: [{ id: 'X0' }, { id: 'X1' }, { id: 'X2' }, { id: 'X3', maxLoad: 2 }],
      affinity: listed.map(([entryId, expertId, score]) => ({ entryId, expertId, score })),
      candidates: 'listed', perEntry: 1, maxLoad: 4, mode: 'fair',
    };
    const r = assignReviewers(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(violations(input, r.value.assignments)).toEqual([]);
    expect(r.value.assignments.filter((a) => a.expertId === 'X3')).toHaveLength(2);
    expect(r.value.explanation.fairness?.proven).toBe(true);
  });

  it('gives up total affinity to lift the worst-off entry, and says what it cost', () => {
    // Optimal: E1 takes X1 (0.9) and E2 is left with X2 (0.1): total 1.0, minimum 0.1.
    // Fair: E1 takes X2 (0.5), E2 takes X1 (0.4): total 0.9, minimum 0.4.
    const input: AssignmentInput = {
      entries: [{ id: 'E1' }, { id: 'E2' }],
      experts: [{ id: 'X1' }, { id: 'X2' }],
      affinity: [
        { entryId: 'E1', expertId: 'X1', score: 0.9 }, { entryId: 'E1', expertId: 'X2', score: 0.5 },
        { entryId: 'E2', expertId: 'X1', score: 0.4 }, { entryId: 'E2', expertId: 'X2', score: 0.1 },
      ],
      candidates: 'listed', perEntry: 1, maxLoad: 1, mode: 'fair',
    };
    const r = assignReviewers(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.assignments.map((a) => `${a.entryId}-${a.expertId}`)).toEqual(['E1-X2', 'E2-X1']);
    expect(r.value.explanation.fairness).toMatchObject({ proven: true, optimalModeMinimum: 0.1, optimalModeTotal: 1 });
    expect(r.value.explanation.minimum.total).toBeCloseTo(0.4, 12);
  });

  it('keeps the total as high as the minimum allows', () => {
    // Three entries, one expert slot each; E3 is the bottleneck at 0.3 whatever happens,
    // so the others keep their best experts.
    const input: AssignmentInput = {
      entries: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }],
      experts: [{ id: 'X1' }, { id: 'X2' }, { id: 'X3' }],
      affinity: [
        { entryId: 'E1', expertId: 'X1', score: 0.9 }, { entryId: 'E1', expertId: 'X2', score: 0.6 },
        { entryId: 'E2', expertId: 'X2', score: 0.8 }, { entryId: 'E2', expertId: 'X1', score: 0.5 },
        { entryId: 'E3', expertId: 'X3', score: 0.3 },
      ],
      candidates: 'listed', perEntry: 1, maxLoad: 1, mode: 'fair',
    };
    const r = assignReviewers(input);
    expect(r.ok && r.value.explanation.objective).toBeCloseTo(2.0, 12);
  });
});
