/** Writes of a cycle's computation: each candidate's score, rank and band, and the cycle's summary. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface CandidateScore {
  uscc: string;
  score: number | null;
  rank: number;
  band: { median: number; p05: number; p95: number } | undefined;
  groupScores: Record<string, number | null>;
}

/** Clears every candidate's score, rank and band (those not ranked again stay empty). */
export async function clearScores(db: Kysely<Database>, cycleId: number): Promise<void> {
  await db.updateTable('index_candidates').set({
    score: null, rank: null, rank_median: null, rank_p05: null, rank_p95: null, group_scores: null,
  }).where('cycle_id', '=', cycleId).execute();
}

export async function writeScore(db: Kysely<Database>, cycleId: number, s: CandidateScore): Promise<void> {
  await db.updateTable('index_candidates').set({
    score: s.score, rank: s.rank,
    rank_median: s.band?.median ?? null, rank_p05: s.band?.p05 ?? null, rank_p95: s.band?.p95 ?? null,
    group_scores: JSON.stringify(s.groupScores),
  }).where('cycle_id', '=', cycleId).where('uscc', '=', s.uscc).execute();
}

export async function markComputed(db: Kysely<Database>, cycleId: number, summary: unknown, at: string): Promise<void> {
  await db.updateTable('index_cycles').set({ status: 'computed', computation: JSON.stringify(summary), computed_at: at }).where('id', '=', cycleId).execute();
}
