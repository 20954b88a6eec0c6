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

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function base(over: Partial<AssignmentInput> = {}): AssignmentInput {
  return {
    entries: [{ id: 'E1' }, { id: 'E2' }],
    experts: [{ id: 'X1' }, { id: 'X2' }, { id: 'X3' }],
    affinity: [],
    candidates: 'all',
    perEntry: 2,
    maxLoad: 2,
    mode: 'optimal',
    ...over,
  };
}

describe('optimal mode', () => {
  it('is feasible exactly when the HiGHS LP is, and then reaches the HiGHS optimum', () => {
    fc.assert(
      fc.property(inputArb('optimal'), (input) => {
        const ours = assignReviewers(input);
        const reference = solveHighs(highs, highsModel(highs, input));
        expect(ours.ok).toBe(reference.feasible);
        if (!ours.ok || !reference.feasible) return;
        expect(violations(input, ours.value.assignments)).toEqual([]);
        const sum = ours.value.assignments.reduce((s, a) => s + a.score, 0);
        expect(close(sum, reference.objective)).toBe(true);
        expect(close(ours.value.explanation.objective, reference.objective)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reaches the HiGHS optimum on medium instances with float scores', () => {
    fc.assert(
      fc.property(inputArb('optimal', { entries: 30, experts: 12 }), (input) => {
        const ours = assignReviewers(input);
        const reference = solveHighs(highs, highsModel(highs, input));
        expect(ours.ok).toBe(reference.feasible);
        if (ours.ok && reference.feasible) {
          expect(violations(input, ours.value.assignments)).toEqual([]);
          expect(close(ours.value.explanation.objective, reference.objective)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('prefers the higher-affinity expert and explains totals, minimum and loads', () => {
    const r = assignReviewers(base({
      perEntry: 1,
      affinity: [
        { entryId: 'E1', expertId: 'X1', score: 0.9 },
        { entryId: 'E1', expertId: 'X2', score: 0.5 },
        { entryId: 'E2', expertId: 'X1', score: 0.8 },
        { entryId: 'E2', expertId: 'X3', score: 0.1 },
      ],
      maxLoad: 1,
    }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // X1 can take one entry: giving it to E1 (0.9 + 0.1) loses to E2 (0.5 + 0.8).
    expect(r.value.assignments).toEqual([
      { entryId: 'E1', expertId: 'X2', score: 0.5 },
      { entryId: 'E2', expertId: 'X1', score: 0.8 },
    ]);
    const ex = r.value.explanation;
    expect(ex.objective).toBeCloseTo(1.3, 12);
    expect(ex.minimum).toEqual({ total: 0.5, entryIds: ['E1'] });
    expect(ex.loads.map((l) => l.load)).toEqual([1, 1, 0]);
  });

  it('honours minimum loads even against affinity', () => {
    const r = assignReviewers(base({
      perEntry: 1, minLoad: 0,
      experts: [{ id: 'X1' }, { id: 'X2', minLoad: 1 }, { id: 'X3' }],
      affinity: [{ entryId: 'E1', expertId: 'X1', score: 1 }, { entryId: 'E2', expertId: 'X1', score: 1 }],
    }));
    expect(r.ok && r.value.assignments.some((a) => a.expertId === 'X2')).toBe(true);
  });
});

describe('infeasible instances name the entry or expert and why', () => {
  it('entry with too few non-conflicted experts', () => {
    const r = assignReviewers(base({
      entries: [{ id: 'E1' }, { id: 'E17' }], perEntry: 3, maxLoad: 3,
      experts: [{ id: 'X1' }, { id: 'X2' }, { id: 'X3' }],
      conflicts: [{ entryId: 'E17', expertId: 'X2' }],
    }));
    expect(r.ok).toBe(false);
    // Every problem is listed: here the capacity shortage that follows from it too.
    expect(!r.ok && r.errors).toEqual([
      { code: 'ASSIGNMENT_TOO_FEW_EXPERTS', field: 'entries[1]', params: { entry: 'E17', available: 2, needed: 3 } },
      { code: 'ASSIGNMENT_CAPACITY', field: 'maxLoad', params: { capacity: 5, needed: 6, entries: 2, perEntry: 3 } },
    ]);
  });

  it('too few organisations under the one-per-organisation rule', () => {
    const r = assignReviewers(base({
      onePerOrganisation: true,
      experts: [{ id: 'X1', organisation: 'U' }, { id: 'X2', organisation: 'U' }, { id: 'X3', organisation: 'U' }],
    }));
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'ASSIGNMENT_TOO_FEW_ORGANISATIONS', params: { entry: 'E1', available: 1, needed: 2 } });
  });

  it('global capacity below k × entries', () => {
    const r = assignReviewers(base({ maxLoad: 1 }));
    expect(!r.ok && r.errors).toEqual([
      { code: 'ASSIGNMENT_CAPACITY', field: 'maxLoad', params: { capacity: 3, needed: 4, entries: 2, perEntry: 2 } },
    ]);
  });

  it('minimum loads above what the entries need, or above what an expert may review', () => {
    const total = assignReviewers(base({ minLoad: 2 }));
    expect(!total.ok && total.errors.map((e) => e.code)).toEqual(['ASSIGNMENT_MIN_LOAD_TOTAL']);
    const one = assignReviewers(base({
      perEntry: 1, experts: [{ id: 'X1', minLoad: 2 }, { id: 'X2' }, { id: 'X3' }],
      conflicts: [{ entryId: 'E2', expertId: 'X1' }],
    }));
    expect(!one.ok && one.errors).toEqual([
      { code: 'ASSIGNMENT_MIN_LOAD_EXPERT', field: 'experts[0]', params: { expert: 'X1', minLoad: 2, eligible: 1 } },
    ]);
  });

  it('a category whose experts cannot cover its entries', () => {
    const r = assignReviewers(base({
      perEntry: 1, maxLoad: 1,
      entries: [{ id: 'E1', category: 'ic' }, { id: 'E2', category: 'ic' }, { id: 'E3', category: 'ai' }],
      experts: [{ id: 'X1', categories: ['ic'] }, { id: 'X2', categories: ['ai'] }, { id: 'X3', categories: ['ai'] }],
    }));
    expect(!r.ok && r.errors).toEqual([
      { code: 'ASSIGNMENT_CATEGORY_CAPACITY', field: 'category', params: { category: 'ic', entries: 2, needed: 2, capacity: 1 } },
    ]);
  });

  it('entries competing for too few places (found by the flow)', () => {
    const pairs = (e: string, xs: string[]) => xs.map((x) => ({ entryId: e, expertId: x, score: 1 }));
    const r = assignReviewers(base({
      candidates: 'listed',
      entries: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }],
      experts: [{ id: 'X1', maxLoad: 1 }, { id: 'X2' }, { id: 'X3' }, { id: 'X4' }, { id: 'X5' }],
      affinity: [...pairs('E1', ['X1', 'X2']), ...pairs('E2', ['X1', 'X2']), ...pairs('E3', ['X3', 'X4', 'X5'])],
    }));
    expect(!r.ok && r.errors).toEqual([
      { code: 'ASSIGNMENT_ENTRY_BLOCKED', field: 'entries[1]', params: { entry: 'E2', missing: 1, entries: 1, experts: 2 } },
    ]);
  });

  it('minimum loads that cannot all be met (found by the flow)', () => {
    const r = assignReviewers(base({
      candidates: 'listed', perEntry: 1,
      entries: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }],
      experts: [{ id: 'X1', minLoad: 1 }, { id: 'X2', minLoad: 1 }, { id: 'X3' }],
      affinity: [
        { entryId: 'E1', expertId: 'X1', score: 1 }, { entryId: 'E1', expertId: 'X2', score: 1 },
        { entryId: 'E2', expertId: 'X3', score: 1 }, { entryId: 'E3', expertId: 'X3', score: 1 },
      ],
    }));
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'ASSIGNMENT_MIN_LOAD_UNMET', params: { minLoad: 1, missing: 1 } });
  });
});

describe('input validation', () => {
  it('names duplicate ids, unknown ids and bad scores with their position', () => {
    const r = assignReviewers(base({
      entries: [{ id: 'E1' }, { id: 'E1' }],
      affinity: [{ entryId: 'E9', expertId: 'X1', score: 1 }, { entryId: 'E1', expertId: 'X1', score: Number.NaN }],
    }));
    expect(!r.ok && r.errors).toEqual([
      { code: 'ASSIGNMENT_DUPLICATE_ENTRY', field: 'entries[1].id', params: { id: 'E1', first: 1, index: 2 } },
      { code: 'ASSIGNMENT_UNKNOWN_ENTRY', field: 'affinity[0].entryId', params: { id: 'E9', index: 1 } },
      { code: 'ASSIGNMENT_SCORE_INVALID', field: 'affinity[1].score', params: { value: 'NaN', index: 2 } },
    ]);
  });

  it('rejects a pair listed twice, a conflict naming an unknown expert and a bad k', () => {
    const dup = assignReviewers(base({
      affinity: [{ entryId: 'E1', expertId: 'X1', score: 1 }, { entryId: 'E1', expertId: 'X1', score: 2 }],
    }));
    expect(!dup.ok && dup.errors[0]).toMatchObject({ code: 'ASSIGNMENT_DUPLICATE_PAIR', params: { entry: 'E1', expert: 'X1', first: 1, index: 2 } });
    const unknown = assignReviewers(base({ conflicts: [{ entryId: 'E1', expertId: 'X7' }] }));
    expect(!unknown.ok && unknown.errors[0]).toMatchObject({ code: 'ASSIGNMENT_UNKNOWN_EXPERT', field: 'conflicts[0].expertId' });
    const k = assignReviewers(base({ perEntry: 0 }));
    expect(!k.ok && k.errors[0]).toMatchObject({ code: 'ASSIGNMENT_PER_ENTRY', field: 'perEntry' });
  });

  it('refuses an all-pairs instance larger than the limit', () => {
    const r = assignReviewers(base({ maxPairs: 5 }));
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'ASSIGNMENT_TOO_MANY_PAIRS', params: { pairs: 6, limit: 5 } });
  });

  it('counts the pairs each rule removed', () => {
    const r = assignReviewers(base({
      perEntry: 1,
      sameOrganisationIsConflict: true,
      entries: [{ id: 'E1', organisation: 'U', category: 'c1' }, { id: 'E2' }],
      experts: [{ id: 'X1', organisation: 'U' }, { id: 'X2', categories: ['c2'] }, { id: 'X3' }],
      conflicts: [{ entryId: 'E2', expertId: 'X3' }],
      affinity: [{ entryId: 'E2', expertId: 'X1', score: 0.2 }, { entryId: 'E1', expertId: 'X3', score: 0.5 }],
      minScore: 0.1,
    }));
    expect(r.ok && r.value.explanation.excluded).toEqual({ conflict: 1, sameOrganisation: 1, category: 1, belowMinScore: 1 });
  });
});

describe('cost scaling path', () => {
  it('reaches the HiGHS optimum when successive shortest paths hands over at once', async () => {
    const { compileAssignment } = await import('./assignment-model.js');
    const { assignByFlow, negatedScores } = await import('./assignment-flow.js');
    const { nodeBound, scaledScores, scoreScale } = await import('./assignment-network.js');
    const { feasibilityProblems } = await import('./assignment-checks.js');
    fc.assert(
      fc.property(inputArb('optimal', { entries: 20, experts: 10 }), (input) => {
        const compiled = compileAssignment(input);
        if (!compiled.ok || feasibilityProblems(compiled.value).length > 0) return;
        const p = compiled.value;
        const scaled = scaledScores(p.pairScore, scoreScale(p.pairScore, nodeBound(p)));
        const chosen = new Int32Array(p.entryIds.length * p.perEntry);
        const ours = assignByFlow(p, negatedScores(scaled), chosen, { sspBudget: 0 });
        const reference = solveHighs(highs, highsModel(highs, input));
        expect(ours.ok).toBe(reference.feasible);
        if (!ours.ok || !reference.feasible) return;
        let total = 0;
        for (const q of chosen) total += p.pairScore[q]!;
        expect(close(total, reference.objective)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('messages', () => {
  it('every error code the engines can return has an English and a Chinese message', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { catalogues } = await import('../i18n/index.js');
    const here = new URL('.', import.meta.url);
    const codes = new Set<string>();
    for (const file of readdirSync(here)) {
      if (!/^(assignment|flow|draw).*\.ts$/.test(file) || file.endsWith('.test.ts') || file.includes('testkit')) continue;
      for (const m of readFileSync(new URL(file, here), 'utf8').matchAll(/'(ASSIGNMENT_[A-Z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) {
      expect(catalogues.en[`errors.${code}`], code).toBeTruthy();
      expect(catalogues['zh-CN'][`errors.${code}`], code).toBeTruthy();
    }
  });

  it('names the entry in both languages', async () => {
    const { errorMessage } = await import('../i18n/index.js');
    const error = { code: 'ASSIGNMENT_TOO_FEW_EXPERTS', field: 'entries[16]', params: { entry: 'E17', available: 2, needed: 3 } };
    expect(errorMessage('en', error)).toBe('Entry E17 has only 2 eligible experts (no conflict, right category and expertise) but needs 3');
    expect(errorMessage('zh-CN', error)).toBe('项目 E17 只有 2 位符合条件的专家（无回避关系、组别与专业相符），需要 3 位');
  });
});

describe('infeasibility found by cost scaling', () => {
  it('names a blocked entry of the competing group, or an unmet minimum', async () => {
    const { compileAssignment } = await import('./assignment-model.js');
    const { assignByFlow } = await import('./assignment-flow.js');
    const pairs = (e: string, xs: string[]) => xs.map((x) => ({ entryId: e, expertId: x, score: 1 }));
    const blocked = compileAssignment(base({
      candidates: 'listed',
      entries: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }],
      experts: [{ id: 'X1', maxLoad: 1 }, { id: 'X2' }, { id: 'X3' }, { id: 'X4' }, { id: 'X5' }],
      affinity: [...pairs('E1', ['X1', 'X2']), ...pairs('E2', ['X1', 'X2']), ...pairs('E3', ['X3', 'X4', 'X5'])],
    }));
    expect(blocked.ok).toBe(true);
    if (!blocked.ok) return;
    const r = assignByFlow(blocked.value, new Int32Array(blocked.value.pairExpert.length), new Int32Array(6), { sspBudget: 0 });
    expect(!r.ok && r.error).toMatchObject({ code: 'ASSIGNMENT_ENTRY_BLOCKED', params: { missing: 1, entries: 1, experts: 2 } });
    expect(!r.ok && ['E1', 'E2']).toContain(!r.ok && r.error.params?.entry);

    const minimum = compileAssignment(base({
      candidates: 'listed', perEntry: 1,
      entries: [{ id: 'E1' }, { id: 'E2' }, { id: 'E3' }],
      experts: [{ id: 'X1', minLoad: 1 }, { id: 'X2', minLoad: 1 }, { id: 'X3' }],
      affinity: [...pairs('E1', ['X1', 'X2']), ...pairs('E2', ['X3']), ...pairs('E3', ['X3'])],
    }));
    if (!minimum.ok) throw new Error('compile');
    const m = assignByFlow(minimum.value, new Int32Array(minimum.value.pairExpert.length), new Int32Array(3), { sspBudget: 0 });
    expect(!m.ok && m.error.code).toBe('ASSIGNMENT_MIN_LOAD_UNMET');
  });
});
