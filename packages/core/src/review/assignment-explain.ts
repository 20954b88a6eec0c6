/** The explained result: assignments in entry order, totals, the minimum and the loads. */
import type {
  Assignment, AssignmentExplanation, AssignmentMode, AssignmentResult, CompiledAssignment, EntryTotal, ExpertLoad, Reserve,
} from './assignment-types.js';

export interface ExplainExtras {
  mode: AssignmentMode;
  scale: number;
  augmentations: number;
  seed?: string;
  fairness?: AssignmentExplanation['fairness'];
  /** Random mode: draw position of each pair (1-based), and the pool size of each entry. */
  drawPosition?: Int32Array;
  pool?: Int32Array;
  reserves?: Reserve[];
}

/** Σ scores of an entry's chosen pairs, summed in slot order so the figure is reproducible. */
export function entryTotal(p: CompiledAssignment, chosen: Int32Array, i: number): number {
  let total = 0;
  for (let s = i * p.perEntry; s < (i + 1) * p.perEntry; s++) total += p.pairScore[chosen[s]!]!;
  return total;
}

export function explainAssignment(p: CompiledAssignment, chosen: Int32Array, extras: ExplainExtras): AssignmentResult {
  const k = p.perEntry;
  const n = p.entryIds.length;
  const load = new Int32Array(p.expertIds.length);
  const assignments: Assignment[] = [];
  const entryTotals: EntryTotal[] = [];
  let objective = 0;
  let minimum = Infinity;
  for (let i = 0; i < n; i++) {
    const slots = Array.from(chosen.subarray(i * k, i * k + k));
    slots.sort((a, b) => p.pairScore[b]! - p.pairScore[a]! || p.pairExpert[a]! - p.pairExpert[b]!);
    for (const q of slots) {
      const j = p.pairExpert[q]!;
      load[j]!++;
      const a: Assignment = { entryId: p.entryIds[i]!, expertId: p.expertIds[j]!, score: p.pairScore[q]! };
      if (extras.drawPosition) a.drawPosition = extras.drawPosition[q]!;
      assignments.push(a);
    }
    const total = entryTotal(p, chosen, i);
    objective += total;
    minimum = Math.min(minimum, total);
    const t: EntryTotal = { entryId: p.entryIds[i]!, total };
    if (extras.pool) t.pool = extras.pool[i]!;
    entryTotals.push(t);
  }
  const loads: ExpertLoad[] = p.expertIds.map((expertId, j) => ({
    expertId, load: load[j]!, minLoad: p.minLoad[j]!, maxLoad: p.maxLoad[j]!,
  }));
  const explanation: AssignmentExplanation = {
    mode: extras.mode,
    perEntry: k,
    objective,
    entryTotals,
    minimum: { total: n === 0 ? 0 : minimum, entryIds: entryTotals.filter((t) => t.total === minimum).map((t) => t.entryId) },
    loads,
    scoreResolution: 1 / extras.scale,
    candidatePairs: p.pairExpert.length,
    excluded: { ...p.excluded },
    solverSteps: extras.augmentations,
  };
  if (extras.seed !== undefined) explanation.seed = extras.seed;
  if (extras.fairness) explanation.fairness = extras.fairness;
  return { assignments, reserves: extras.reserves ?? [], explanation };
}
