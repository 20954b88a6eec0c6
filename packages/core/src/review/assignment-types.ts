/**
 * Reviewer assignment (评审专家分配): who reviews which entry. Shapes of the input, the
 * compiled (indexed) problem and the explained result. See docs/methodology/assignment.md.
 */
import type { FieldError } from '../errors.js';

export type AssignmentMode = 'optimal' | 'fair' | 'random';

export interface AssignmentEntry {
  id: string;
  /** Applicant organisation; with `sameOrganisationIsConflict` an expert of the same one is excluded. */
  organisation?: string;
  /** Category (组别); experts who list categories may only review entries of those. */
  category?: string;
}

export interface AssignmentExpert {
  id: string;
  organisation?: string;
  /** Categories the expert may review; empty or absent means any category. */
  categories?: readonly string[];
  /** Overrides the input's minLoad / maxLoad for this expert. */
  minLoad?: number;
  maxLoad?: number;
}

export interface AffinityScore {
  entryId: string;
  expertId: string;
  score: number;
}

export interface ConflictPair {
  entryId: string;
  expertId: string;
}

export interface AssignmentInput {
  entries: readonly AssignmentEntry[];
  experts: readonly AssignmentExpert[];
  affinity: readonly AffinityScore[];
  /**
   * 'all': every (entry, expert) pair may be used and pairs not listed in `affinity`
   * score 0 (fine for a few million pairs). 'listed': only pairs listed in `affinity`
   * are candidates — the way to state sparse, large instances.
   */
  candidates: 'all' | 'listed';
  conflicts?: readonly ConflictPair[];
  /** Experts per entry (k). */
  perEntry: number;
  /** Default bounds on each expert's number of entries. */
  maxLoad: number;
  minLoad?: number;
  /** Entry and expert of the same organisation are in conflict (回避). Default false. */
  sameOrganisationIsConflict?: boolean;
  /** At most one expert of any organisation per entry. Default false. */
  onePerOrganisation?: boolean;
  /** Pairs scoring below this are not candidates (expertise threshold). */
  minScore?: number;
  mode: AssignmentMode;
  /** Random mode: the seed to record; required there. */
  seed?: string | number;
  /** Random mode: ranked reserves (备选) per entry. Default 0. */
  reserves?: number;
  /** Fair mode: node budget of the exact search that proves the minimum on small instances. */
  fairSearchBudget?: number;
  /** 'all' mode refuses more pairs than this (default 20 million). */
  maxPairs?: number;
}

/** The problem after validation: indices instead of ids, only eligible pairs kept. */
export interface CompiledAssignment {
  readonly entryIds: readonly string[];
  readonly expertIds: readonly string[];
  readonly perEntry: number;
  readonly minLoad: Int32Array;
  readonly maxLoad: Int32Array;
  /** Eligible pairs of entry i are pairStart[i] .. pairStart[i+1]-1, sorted by expert index. */
  readonly pairStart: Int32Array;
  readonly pairExpert: Int32Array;
  readonly pairScore: Float64Array;
  /** Organisation index of each expert, -1 if none (used by the one-per-organisation rule). */
  readonly expertOrganisation: Int32Array;
  readonly onePerOrganisation: boolean;
  /** Category index of each entry (-1 none) and the category names, for the per-category check. */
  readonly entryCategory?: Int32Array;
  readonly categoryNames?: readonly string[];
  /** Pairs removed, by rule. */
  readonly excluded: ExcludedPairs;
}

export interface ExcludedPairs {
  conflict: number;
  sameOrganisation: number;
  category: number;
  belowMinScore: number;
}

export interface SolveOptions {
  mode: AssignmentMode;
  seed?: string | number;
  reserves?: number;
  fairSearchBudget?: number;
}

export interface Assignment {
  entryId: string;
  expertId: string;
  score: number;
  /** Random mode: position of the expert in the entry's draw order (1 = drawn first). */
  drawPosition?: number;
}

export interface Reserve {
  entryId: string;
  expertId: string;
  /** 1 = first reserve. */
  rank: number;
  drawPosition: number;
  score: number;
}

export interface EntryTotal {
  entryId: string;
  total: number;
  /** Random mode: number of eligible experts the draw was made from. */
  pool?: number;
}

export interface ExpertLoad {
  expertId: string;
  load: number;
  minLoad: number;
  maxLoad: number;
}

export interface FairnessReport {
  /** Smallest entry total reached. */
  minimum: number;
  /** No assignment has a smallest entry total above this. */
  upperBound: number;
  /** True when minimum = the best possible (proved by the bound or the exact search). */
  proven: boolean;
  /** The smallest entry total of the optimal-mode assignment, for comparison. */
  optimalModeMinimum: number;
  /** Total of the optimal-mode assignment: the total can never exceed it. */
  optimalModeTotal: number;
  /** Nodes used by the exact search; it stops at the budget. */
  searchNodes: number;
  /** Re-solves of the second stage (total subject to the minimum). */
  stageTwoRounds: number;
}

export interface AssignmentExplanation {
  mode: AssignmentMode;
  perEntry: number;
  /** Sum of the scores of all assignments. */
  objective: number;
  entryTotals: EntryTotal[];
  minimum: { total: number; entryIds: string[] };
  loads: ExpertLoad[];
  seed?: string;
  fairness?: FairnessReport;
  /** Scores are optimised on a grid of this step (see the methodology). */
  scoreResolution: number;
  candidatePairs: number;
  excluded: ExcludedPairs;
  /** Work of the flow solver(s): shortest-path augmentations plus cost-scaling relabels. */
  solverSteps: number;
}

export interface AssignmentResult {
  assignments: Assignment[];
  reserves: Reserve[];
  explanation: AssignmentExplanation;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
