/**
 * Screening results (初筛) and how they are shown: to the office in full, to an applicant only once
 * the round is closed — the outcome, the translated reason and the note.
 */
import {
  type ApplicantScreening, type ApplicationStatus, type EligibilityResult, type Explained, type FactSource, KepingError, type Locale,
  type ScreeningDecision, type ScreeningItem, type ScreeningList, type ScreeningOutcome, type ScreeningReason, translate,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { changesSince, parseSnapshot } from '../../programs/application-facts.js';
import { explain } from '../../programs/eligibility.service.js';
import { factText } from '../../programs/fact-labels.js';
import { type RoundRow, toRound } from '../../programs/program.repository.js';
import { findRound } from '../round.repository.js';
import { resultsInRounds, type ScreeningRow, screeningLines } from './screening.repository.js';

/** The outcome the rules alone would give, or null when they cannot decide. */
export function automaticOutcome(verdict: string): ScreeningOutcome | null {
  if (verdict === 'eligible') return 'advance';
  if (verdict === 'ineligible') return 'reject';
  return null;
}

export function toDecision(row: ScreeningRow, locale: Locale): ScreeningDecision | null {
  if (row.outcome === null || row.reason_code === null || row.decided_at === null) return null;
  const outcome = row.outcome as ScreeningOutcome;
  return {
    outcome, outcomeText: translate(locale, `programs.screening.outcome.${outcome}`),
    reasonCode: row.reason_code as ScreeningReason, reasonText: translate(locale, `programs.screening.reason.${row.reason_code}`),
    note: row.note, override: automaticOutcome(row.verdict) !== outcome, decidedAt: row.decided_at,
  };
}

export async function screeningRound(db: Kysely<Database>, roundId: number): Promise<RoundRow> {
  const round = await findRound(db, roundId);
  if (!round) throw new KepingError('NOT_FOUND', { status: 404 });
  if (round.kind !== 'screening') throw new KepingError('ROUND_NOT_SCREENING', { params: { kind: round.kind }, status: 409 });
  return round;
}

export async function listScreening(db: Kysely<Database>, roundId: number, locale: Locale): Promise<ScreeningList> {
  const round = await screeningRound(db, roundId);
  const rows = await screeningLines(db, round.program_id, roundId);
  const items: ScreeningItem[] = await Promise.all(rows.map(async (r) => {
    const result = r.verdict === null ? null : {
      round_id: roundId, application_id: r.applicationId, verdict: r.verdict, explanation: r.explanation, ran_at: r.ran_at ?? '',
      outcome: r.outcome, reason_code: r.reason_code, note: r.note, decided_by: r.decided_by, decided_at: r.decided_at,
    };
    return {
      applicationId: r.applicationId, uscc: r.uscc, organisationName: r.organisationName, title: r.title, category: r.category,
      applicationStatus: r.applicationStatus as ApplicationStatus, screened: result !== null,
      eligibility: explainStored(result, locale), decision: result ? toDecision(result, locale) : null,
      factsChanged: await changedFactNames(db, r.uscc, r.applicationStatus === 'submitted' ? r.facts_snapshot : null, locale),
    };
  }));
  const undecided = items.filter((i) => i.applicationStatus === 'submitted' && !i.decision).length;
  return { round: toRound(round), items, undecided };
}

/** The facts of a submitted application that changed in the registry since they were frozen, named. */
async function changedFactNames(db: Kysely<Database>, uscc: string, frozen: string | null, locale: Locale): Promise<string[]> {
  const snapshot = parseSnapshot(frozen);
  if (!snapshot) return [];
  return (await changesSince(db, uscc, snapshot)).map((c) => factText(locale, c.fact));
}

export function explainStored(row: ScreeningRow | null, locale: Locale): Explained {
  if (!row) return explain(null, locale);
  if (row.explanation === null) return { ...explain(null, locale), verdict: row.verdict as Explained['verdict'] };
  // Results stored since facts are frozen keep each fact's source beside the result.
  const stored = JSON.parse(row.explanation) as EligibilityResult & { sources?: Record<string, FactSource> };
  return explain(stored, locale, stored.sources);
}

/** Decisions of closed screening rounds, per application: what an applicant may read (an open round's decisions are not shown). */
export async function closedScreeningOf(db: Kysely<Database>, applicationIds: number[], locale: Locale): Promise<Map<number, ApplicantScreening[]>> {
  const out = new Map<number, ApplicantScreening[]>();
  if (applicationIds.length === 0) return out;
  for (const r of await resultsInRounds(db, applicationIds, 'closed')) {
    const decision = toDecision(r, locale);
    if (!decision) continue;
    const list = out.get(r.application_id) ?? [];
    list.push({ roundId: r.round_id, roundName: { zh: r.name_zh, en: r.name_en }, decision });
    out.set(r.application_id, list);
  }
  return out;
}
