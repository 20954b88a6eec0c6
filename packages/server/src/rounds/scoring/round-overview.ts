/**
 * The office's view of a scoring round (its config, quotas, the last assignment run with the
 * conflicts it excluded, every assignment explained) and changing the round's config.
 */
import { type AssignmentRunSummary, checkScoringConfig, KepingError, type Locale, type ScoringConfig, translate } from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { toRound } from '../../programs/program.repository.js';
import { currentDecision } from './decide-selection.js';
import { setRoundConfig } from '../round.repository.js';
import { expertsByIds } from './assignment.repository.js';
import { loadScoringRound, scoringRoundRow } from './scoring-round.js';
import {
  applicationsById, assignmentsOf, countSheets, explanationOf, roundState, sheetsOf,
} from './scoring.repository.js';

export async function scoringOverview(store: Store, roundId: number, locale: Locale) {
  const db: Kysely<Database> = store.db;
  const s = await loadScoringRound(db, roundId);
  const rows = await assignmentsOf(db, roundId);
  const sheets = new Map((await sheetsOf(db, roundId)).map((x) => [x.assignment_id, x.status]));
  const apps = new Map((await applicationsById(db, [...new Set(rows.map((r) => r.application_id))])).map((a) => [a.id, a]));
  const expertIds = [...new Set(rows.map((r) => r.expert_id))];
  const experts = new Map((await expertsByIds(db, expertIds)).map((e) => [e.id, e.name]));
  const state = await roundState(db, roundId);
  return {
    round: toRound(s.round), config: s.config, quotas: s.quotas, categories: s.categories,
    run: state?.assignment ? (JSON.parse(state.assignment) as AssignmentRunSummary) : null,
    decision: await currentDecision(store, roundId),
    assignments: rows.map((r) => {
      const app = apps.get(r.application_id);
      return {
        id: r.id, applicationId: r.application_id, title: app?.title ?? '', uscc: app?.uscc ?? '', organisationName: app?.organisationName ?? '',
        category: app?.category ?? null, expertId: r.expert_id, expertName: experts.get(r.expert_id) ?? '', status: r.status,
        statusText: translate(locale, `scoring.status.${r.status}`), reserveRank: r.reserve_rank, source: r.source,
        sheetStatus: sheets.get(r.id) ?? 'none',
        explanation: explanationOf(r).map((m) => translate(locale, m.key, m.params)),
      };
    }),
  };
}

export async function setScoringConfig(store: Store, ctx: RequestContext, roundId: number, input: ScoringConfig): Promise<ScoringConfig> {
  const checked = checkScoringConfig(input);
  if (!checked.config) throw KepingError.fromFieldErrors(checked.errors);
  const config = checked.config;
  return mutate(store, ctx, async ({ trx, audit }) => {
    const round = await scoringRoundRow(trx, roundId);
    if (round.status === 'closed') throw new KepingError('ROUND_CLOSED', { status: 409 });
    const before = JSON.parse(round.config) as unknown;
    const old = checkScoringConfig(before).config;
    // Sheets already scored against a rubric keep their meaning only while the rubric stays.
    if (JSON.stringify(old?.rubric) !== JSON.stringify(config.rubric) && (await countSheets(trx, roundId)) > 0) {
      throw new KepingError('SCORING_RUBRIC_LOCKED', { field: 'rubric', status: 409 });
    }
    await setRoundConfig(trx, roundId, JSON.stringify(config));
    await audit({ action: 'scoring.config', subjectType: 'round', subjectId: String(roundId), before, after: config });
    return config;
  });
}
