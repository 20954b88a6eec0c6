/**
 * Random draw (随机抽取 + 回避), as government review offices practise it, made reproducible.
 *
 * Each entry's eligible experts (conflicts, same-organisation, category and expertise rules
 * already applied, so a conflicted expert can never be drawn) are put in a random order by
 * a generator seeded with JSON [seed, entryId]: the draw of one entry does not depend on the
 * others and can be replayed from the recorded seed alone. Each entry then gets the first k
 * experts of its order; where loads make that impossible, the flow picks the assignment
 * with the smallest total draw position that respects every load (min and max) and the
 * organisation rule. Reserves (备选) are the next experts of the entry's order who are not
 * assigned to it and still below their maximum load, in draw order.
 */
import type { FieldError } from '../errors.js';
import { createRng } from '../random.js';
import { assignByFlow } from './assignment-flow.js';
import type { CompiledAssignment, Reserve } from './assignment-types.js';

export type DrawOutcome =
  | {
      ok: true;
      augmentations: number;
      /** 1-based position of each pair in its entry's draw order. */
      drawPosition: Int32Array;
      /** Number of eligible experts each entry was drawn from. */
      pool: Int32Array;
      reserves: Reserve[];
    }
  | { ok: false; error: FieldError };

/** The draw order of every entry: pair indices, laid out like pairStart. */
export function drawOrder(p: CompiledAssignment, seed: string): Int32Array {
  const order = new Int32Array(p.pairExpert.length);
  for (let i = 0; i < p.entryIds.length; i++) {
    const from = p.pairStart[i]!;
    const to = p.pairStart[i + 1]!;
    for (let q = from; q < to; q++) order[q] = q;
    const rng = createRng(JSON.stringify([seed, p.entryIds[i]]));
    for (let t = to - from - 1; t > 0; t--) {
      const u = rng.int(t + 1);
      const a = order[from + t]!;
      order[from + t] = order[from + u]!;
      order[from + u] = a;
    }
  }
  return order;
}

export function drawAssignment(p: CompiledAssignment, seed: string, reserveCount: number, chosen: Int32Array): DrawOutcome {
  const n = p.entryIds.length;
  const k = p.perEntry;
  const order = drawOrder(p, seed);
  const drawPosition = new Int32Array(order.length);
  const cost = new Int32Array(order.length);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = p.pairStart[i]!;
    pool[i] = p.pairStart[i + 1]! - from;
    for (let t = from; t < p.pairStart[i + 1]!; t++) {
      drawPosition[order[t]!] = t - from + 1;
      cost[order[t]!] = t - from;
    }
  }
  const r = assignByFlow(p, cost, chosen);
  if (!r.ok) return r;

  const load = new Int32Array(p.expertIds.length);
  for (let s = 0; s < chosen.length; s++) load[p.pairExpert[chosen[s]!]!]!++;
  const reserves: Reserve[] = [];
  const mine = new Int32Array(p.expertIds.length).fill(-1);
  for (let i = 0; i < n && reserveCount > 0; i++) {
    for (let s = i * k; s < i * k + k; s++) mine[p.pairExpert[chosen[s]!]!] = i;
    let rank = 0;
    for (let t = p.pairStart[i]!; t < p.pairStart[i + 1]! && rank < reserveCount; t++) {
      const q = order[t]!;
      const j = p.pairExpert[q]!;
      if (mine[j] === i || load[j]! >= p.maxLoad[j]!) continue;
      reserves.push({
        entryId: p.entryIds[i]!, expertId: p.expertIds[j]!, rank: ++rank, drawPosition: drawPosition[q]!, score: p.pairScore[q]!,
      });
    }
  }
  return { ok: true, augmentations: r.augmentations, drawPosition, pool, reserves };
}
