/**
 * The scoring round as its services use it: the round checked to be a scoring round with a valid
 * config, its seats per category (the one quota rule, rounds/quota.ts), the caller's own assignment
 * (scoring.policy), and the conflicts of interest the expert pool's engine finds.
 */
import { checkScoringConfig, KepingError, type ProgramCategory, type ScoringConfig } from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { checkConflicts } from '../../experts/expert-conflicts.service.js';
import { ensure } from '../../policies/ensure.js';
import { canReachAssignment } from '../../policies/scoring.policy.js';
import { findProgramRow, type ProgramRow, type RoundRow } from '../../programs/program.repository.js';
import { roundQuotas } from '../quota.js';
import { findRound } from '../round.repository.js';
import { type AssignmentRow, expertOfActor, findAssignment } from './scoring.repository.js';

export interface ScoringRound {
  round: RoundRow;
  program: ProgramRow;
  config: ScoringConfig;
  categories: ProgramCategory[];
  /** Seats per category for this round: the config's, else the program's categories' for the round key. */
  quotas: Record<string, number>;
}

/** The round `roundId`, which must be a scoring round (404 when there is none, 409 for another kind). */
export async function scoringRoundRow(db: Kysely<Database>, roundId: number): Promise<RoundRow> {
  const round = await findRound(db, roundId);
  if (!round) throw new KepingError('NOT_FOUND', { status: 404 });
  if (round.kind !== 'scoring') throw new KepingError('ROUND_NOT_SCORING', { params: { kind: round.kind }, status: 409 });
  return round;
}

// A round's config is read at every sheet save and changes rarely: its check is kept by its text,
// frozen, since every caller shares the one object.
const checkedConfigs = new Map<string, ScoringConfig>();

function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/** The round's stored config, checked (409 with the problems when it is not a valid scoring config). */
export function scoringConfigOf(text: string): ScoringConfig {
  const known = checkedConfigs.get(text);
  if (known) return known;
  const checked = checkScoringConfig(JSON.parse(text) as unknown);
  if (!checked.config) throw KepingError.fromFieldErrors(checked.errors, 409);
  if (checkedConfigs.size >= 100) checkedConfigs.clear();
  checkedConfigs.set(text, frozen(checked.config));
  return checked.config;
}

export async function loadScoringRound(db: Kysely<Database>, roundId: number): Promise<ScoringRound> {
  const round = await scoringRoundRow(db, roundId);
  const program = await findProgramRow(db, round.program_id);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  const config = scoringConfigOf(round.config);
  const categories = JSON.parse(program.categories) as ProgramCategory[];
  return { round, program, config, categories, quotas: roundQuotas(categories, round.key, config.quotas) };
}

export function assertOpen(s: ScoringRound): void {
  if (s.round.status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
}

/** The caller's own assignment; anyone else's, or a reserve, is "not assigned". */
export async function ownAssignment(db: Kysely<Database>, ctx: RequestContext, assignmentId: number): Promise<{ row: AssignmentRow; expert: { id: number; name: string } }> {
  const expert = await expertOfActor(db, ctx);
  const row = await findAssignment(db, assignmentId);
  ensure(row !== undefined && canReachAssignment(expert, row), 'hide', 'SCORING_NOT_ASSIGNED');
  return { row: row as AssignmentRow, expert: expert as { id: number; name: string } };
}

/** Pairs (expert, application) in conflict per the pool's conflict engine, with the office's explanation. */
export async function conflictsWith(
  db: Kysely<Database>, ctx: RequestContext, expertIds: number[], apps: readonly { id: number; uscc: string; organisationName?: string }[],
) {
  if (expertIds.length === 0 || apps.length === 0) return [];
  const names = new Map(apps.flatMap((a) => (a.organisationName === undefined ? [] : [[a.uscc, a.organisationName] as const])));
  const subjects = [...new Set(apps.map((a) => a.uscc))].map((uscc) => ({ uscc }));
  const report = await checkConflicts(db, ctx, { subjects, expertIds }, names);
  return report.conflicts.flatMap((c) => apps.filter((a) => a.uscc === c.uscc).map((a) => ({
    expertId: c.expertId, expertName: c.expertName, applicationId: a.id, uscc: c.uscc, organisationName: c.organisationName,
    causes: c.causes.map((x) => x.message),
  })));
}
