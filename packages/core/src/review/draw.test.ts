import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, seedFrom, shuffleInPlace } from '../random.js';
import { assignReviewers } from './assignment.js';
import { compileAssignment } from './assignment-model.js';
import { inputArb, naivePairs, violations } from './assignment-testkit.js';
import type { AssignmentInput } from './assignment-types.js';
import { drawOrder } from './draw.js';

describe('seeded generator', () => {
  it('repeats its stream for a seed, and numbers and their text are the same seed', () => {
    const a = createRng('2026-科评');
    const b = createRng('2026-科评');
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(seedFrom(42)).toEqual(seedFrom('42'));
    expect(seedFrom('a')).not.toEqual(seedFrom('b'));
  });

  it('draws integers in range with every value reachable', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 12 }), (seed, bound) => {
        const rng = createRng(seed);
        const seen = new Set<number>();
        for (let t = 0; t < 400; t++) {
          const v = rng.int(bound);
          expect(Number.isInteger(v) && v >= 0 && v < bound).toBe(true);
          seen.add(v);
          const f = rng.next();
          expect(f >= 0 && f < 1).toBe(true);
        }
        expect(seen.size).toBe(bound);
      }),
      { numRuns: 50 },
    );
  });

  it('is close to uniform (fixed seed, so the check is deterministic)', () => {
    const rng = createRng('uniformity');
    const counts = new Array<number>(10).fill(0);
    for (let t = 0; t < 100_000; t++) counts[rng.int(10)]!++;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.9); // 99.9th percentile of χ² with 9 degrees of freedom
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(createRng(7), items);
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('random mode (随机抽取 + 回避)', () => {
  it('respects every rule, never draws or reserves a conflicted expert, and is feasible when optimal is', () => {
    fc.assert(
      fc.property(inputArb('random', { entries: 10, experts: 9 }), (input) => {
        const r = assignReviewers(input);
        expect(r.ok).toBe(assignReviewers({ ...input, mode: 'optimal' }).ok);
        if (!r.ok) return;
        expect(violations(input, r.value.assignments)).toEqual([]);
        const conflicts = new Set((input.conflicts ?? []).map((c) => `${c.entryId}|${c.expertId}`));
        const eligible = new Set(naivePairs(input).map((p) => `${input.entries[p.entry]!.id}|${input.experts[p.expert]!.id}`));
        const assigned = new Set(r.value.assignments.map((a) => `${a.entryId}|${a.expertId}`));
        const load = new Map<string, number>();
        for (const a of r.value.assignments) load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
        for (const s of r.value.reserves) {
          const key = `${s.entryId}|${s.expertId}`;
          expect(conflicts.has(key)).toBe(false);
          expect(eligible.has(key)).toBe(true);
          expect(assigned.has(key)).toBe(false);
          const x = input.experts.find((e) => e.id === s.expertId)!;
          expect(load.get(s.expertId) ?? 0).toBeLessThan(x.maxLoad ?? input.maxLoad);
        }
        const perEntry = new Map<string, number[]>();
        for (const s of r.value.reserves) perEntry.set(s.entryId, [...(perEntry.get(s.entryId) ?? []), s.rank]);
        for (const ranks of perEntry.values()) {
          expect(ranks).toEqual(ranks.map((_, t) => t + 1));
          expect(ranks.length).toBeLessThanOrEqual(input.reserves ?? 0);
        }
        expect(r.value.explanation.seed).toBe(String(input.seed));
      }),
      { numRuns: 300 },
    );
  });

  it('is reproducible from its seed', () => {
    fc.assert(
      fc.property(inputArb('random'), (input) => {
        expect(assignReviewers(input)).toEqual(assignReviewers(structuredClone(input)));
      }),
      { numRuns: 100 },
    );
  });

  it("draws each entry's order independently of the other entries", () => {
    fc.assert(
      fc.property(inputArb('random', { entries: 6, experts: 8 }), (input) => {
        const whole = compileAssignment({ ...input, candidates: 'all', conflicts: [], mode: 'optimal' });
        const alone = compileAssignment({ ...input, entries: input.entries.slice(0, 1), candidates: 'all', conflicts: [], mode: 'optimal', affinity: [] });
        if (!whole.ok || !alone.ok) return;
        const expertsOf = (p: typeof whole.value, order: Int32Array, i: number) =>
          Array.from(order.subarray(p.pairStart[i]!, p.pairStart[i + 1]!), (q) => p.expertIds[p.pairExpert[q]!]);
        expect(expertsOf(whole.value, drawOrder(whole.value, 's'), 0)).toEqual(expertsOf(alone.value, drawOrder(alone.value, 's'), 0));
      }),
      { numRuns: 100 },
    );
  });

  it('takes the first experts of the draw when loads allow, and records positions and pool', () => {
    const input: AssignmentInput = {
      entries: [{ id: 'E1' }],
      experts: Array.from({ length: 8 }, (_, j) => ({ id: `X${j}` })),
      affinity: [], candidates: 'all', perEntry: 3, maxLoad: 1, mode: 'random', seed: 'S-2026', reserves: 2,
    };
    const r = assignReviewers(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.assignments.map((a) => a.drawPosition).sort()).toEqual([1, 2, 3]);
    expect(r.value.reserves.map((s) => [s.rank, s.drawPosition])).toEqual([[1, 4], [2, 5]]);
    expect(r.value.explanation.entryTotals[0]!.pool).toBe(8);
    const other = assignReviewers({ ...input, seed: 'S-2027' });
    expect(other.ok && other.value.explanation.seed).toBe('S-2027');
  });

  it('requires a seed', () => {
    const r = assignReviewers({
      entries: [{ id: 'E1' }], experts: [{ id: 'X1' }], affinity: [], candidates: 'all', perEntry: 1, maxLoad: 1, mode: 'random',
    });
    expect(!r.ok && r.errors).toEqual([{ code: 'ASSIGNMENT_SEED_REQUIRED', field: 'seed' }]);
  });
});
