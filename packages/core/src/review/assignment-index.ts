/** Public API of reviewer assignment (评审专家分配); the package index re-exports it. */
export { assignReviewers, solveAssignment } from './assignment.js';
export { compileAssignment } from './assignment-model.js';
export { feasibilityProblems } from './assignment-checks.js';
export { drawOrder } from './draw.js';
export { DEFAULT_FAIR_SEARCH_BUDGET } from './assignment-fair.js';
export type {
  AffinityScore,
  Assignment,
  AssignmentEntry,
  AssignmentExpert,
  AssignmentExplanation,
  AssignmentInput,
  AssignmentMode,
  AssignmentResult,
  CompiledAssignment,
  ConflictPair,
  EntryTotal,
  ExcludedPairs,
  ExpertLoad,
  FairnessReport,
  Outcome,
  Reserve,
  SolveOptions,
} from './assignment-types.js';
