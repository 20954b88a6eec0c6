/**
 * Reviewer assignment (评审专家分配), three modes:
 * - optimal: maximum total affinity, exact (min-cost flow);
 * - fair: the largest smallest-entry total first, then the largest total keeping it;
 * - random: the 随机抽取 + 回避 practice — seeded draw among eligible experts, with reserves.
 * Every mode honours k per entry, min/max loads, conflicts, categories and the organisation
 * rules; infeasibility comes back as error values naming the entry or expert.
 */
import { feasibilityProblems } from './assignment-checks.js';
import { explainAssignment } from './assignment-explain.js';
import { solveFair } from './assignment-fair.js';
import { assignByFlow, negatedScores } from './assignment-flow.js';
import { compileAssignment } from './assignment-model.js';
import { nodeBound, scaledScores, scoreScale } from './assignment-network.js';
import type { AssignmentInput, AssignmentResult, CompiledAssignment, Outcome, SolveOptions } from './assignment-types.js';
import { drawAssignment } from './draw.js';

export function assignReviewers(input: AssignmentInput): Outcome<AssignmentResult> {
  const compiled = compileAssignment(input);
  if (!compiled.ok) return compiled;
  const options: SolveOptions = { mode: input.mode };
  if (input.seed !== undefined) options.seed = input.seed;
  if (input.reserves !== undefined) options.reserves = input.reserves;
  if (input.fairSearchBudget !== undefined) options.fairSearchBudget = input.fairSearchBudget;
  return solveAssignment(compiled.value, options);
}

/** Solves an already compiled problem (large callers build CompiledAssignment directly). */
export function solveAssignment(p: CompiledAssignment, options: SolveOptions): Outcome<AssignmentResult> {
  const problems = feasibilityProblems(p);
  if (problems.length > 0) return { ok: false, errors: problems };
  const scale = scoreScale(p.pairScore, nodeBound(p));
  const scaled = scaledScores(p.pairScore, scale);
  const chosen = new Int32Array(p.entryIds.length * p.perEntry);

  if (options.mode === 'optimal') {
    const r = assignByFlow(p, negatedScores(scaled), chosen);
    if (!r.ok) return { ok: false, errors: [r.error] };
    return { ok: true, value: explainAssignment(p, chosen, { mode: 'optimal', scale, augmentations: r.augmentations }) };
  }
  if (options.mode === 'fair') {
    const r = solveFair(p, scaled, scale, chosen, options.fairSearchBudget);
    if (!r.ok) return { ok: false, errors: [r.error] };
    return {
      ok: true,
      value: explainAssignment(p, chosen, { mode: 'fair', scale, augmentations: r.augmentations, fairness: r.fairness }),
    };
  }
  if (options.seed === undefined || String(options.seed) === '') {
    return { ok: false, errors: [{ code: 'ASSIGNMENT_SEED_REQUIRED', field: 'seed' }] };
  }
  const seed = String(options.seed);
  const r = drawAssignment(p, seed, options.reserves ?? 0, chosen);
  if (!r.ok) return { ok: false, errors: [r.error] };
  return {
    ok: true,
    value: explainAssignment(p, chosen, {
      mode: 'random', scale, augmentations: r.augmentations, seed,
      drawPosition: r.drawPosition, pool: r.pool, reserves: r.reserves,
    }),
  };
}
