/**
 * Weighting (权重) other than AHP and PCA: equal weights, explicit weights checked, and budget
 * allocation (handbook §6.3): each expert spreads a budget of points over the indicators; the
 * weight of an indicator is the mean share it received, reported with the experts' spread.
 */
import type { FieldError } from '../errors.js';

export function equalWeights(count: number): Float64Array {
  return new Float64Array(count).fill(1 / count);
}

/** Explicit weights divided by their sum; errors name the weight that is negative or not a number. */
export function explicitWeights(ids: readonly string[], weights: readonly number[]): { ok: true; weights: Float64Array } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let total = 0;
  ids.forEach((id, i) => {
    const w = weights[i];
    if (w === undefined || !Number.isFinite(w) || w < 0) errors.push({ code: 'INDEX_WEIGHT_INVALID', field: `weights[${i}]`, params: { node: id, value: String(w) } });
    else total += w;
  });
  if (errors.length === 0 && !(total > 0)) errors.push({ code: 'INDEX_WEIGHTS_ZERO', field: 'weights', params: { node: ids.join(', ') } });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, weights: Float64Array.from(weights, (w) => w / total) };
}

export interface BudgetAllocation {
  expert: string;
  points: Record<string, number>;
}

export interface BudgetWeights {
  weights: Float64Array;
  /** Per indicator, the lowest and highest share any expert gave, and their standard deviation. */
  spread: { id: string; min: number; max: number; sd: number }[];
}

export function budgetWeights(
  ids: readonly string[], allocations: readonly BudgetAllocation[], budget = 100,
): { ok: true; result: BudgetWeights } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (allocations.length === 0) errors.push({ code: 'INDEX_BUDGET_EMPTY', field: 'allocations' });
  const known = new Set(ids);
  const shares = allocations.map((a, e) => {
    let sum = 0;
    for (const [id, p] of Object.entries(a.points)) {
      if (!known.has(id)) errors.push({ code: 'INDEX_BUDGET_UNKNOWN', field: `allocations[${e}].points.${id}`, params: { expert: a.expert, indicator: id } });
      else if (!(Number.isFinite(p) && p >= 0)) errors.push({ code: 'INDEX_BUDGET_POINTS', field: `allocations[${e}].points.${id}`, params: { expert: a.expert, indicator: id, value: String(p) } });
      else sum += p;
    }
    if (Math.abs(sum - budget) > 1e-9 * budget) errors.push({ code: 'INDEX_BUDGET_SUM', field: `allocations[${e}]`, params: { expert: a.expert, sum, budget } });
    return ids.map((id) => (a.points[id] ?? 0) / budget);
  });
  if (errors.length > 0) return { ok: false, errors };
  const m = shares.length;
  const weights = Float64Array.from(ids, (_, i) => shares.reduce((s, row) => s + (row[i] as number), 0) / m);
  const spread = ids.map((id, i) => {
    const col = shares.map((row) => row[i] as number);
    const mean = weights[i] as number;
    const sd = m > 1 ? Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / (m - 1)) : 0;
    return { id, min: Math.min(...col), max: Math.max(...col), sd };
  });
  return { ok: true, result: { weights, spread } };
}
