/**
 * Results of a scoring round (评分结果): submitted sheets weighted by core scoring, calibrated if the
 * round says so, ranked per category and selected by quota with tie flags; a seeded bootstrap of
 * the reviews flags entries whose rank interval straddles the cutoff. Recomputed on every read
 * from the recorded sheets, so the office's decision can always be checked against them.
 */
import { type Locale, type ResultEntry, type ResultFlag, type RoundResults, type RoundStatus, scoreRound, translate } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { entriesOfRound } from '../round-entries.js';
import { toSheet } from './expert-items.js';
import { expertsByIds } from './assignment.repository.js';
import type { ScoringRound } from './scoring-round.js';
import { applicationsById, assignmentsOf, sheetsOf } from './scoring.repository.js';

export async function computeResults(db: Kysely<Database>, s: ScoringRound, locale: Locale): Promise<RoundResults> {
  const { config, round } = s;
  const entryIds = await entriesOfRound(db, round);
  const apps = await applicationsById(db, entryIds);
  const rows = (await assignmentsOf(db, round.id)).filter((r) => r.status === 'active');
  const sheets = new Map((await sheetsOf(db, round.id)).map((x) => [x.assignment_id, x]));
  const expertIds = [...new Set(rows.map((r) => r.expert_id))];
  const names = new Map((await expertsByIds(db, expertIds)).map((e) => [e.id, e.name]));
  const submittedSheets = new Map(rows.flatMap((r) => {
    const sheet = sheets.get(r.id);
    return sheet?.status === 'submitted' ? [[r.id, toSheet(sheet).scores] as const] : [];
  }));
  const { calibration, calibrated, weighted, finalOf, selection, boot, submitted, scoring } = scoreRound({
    roundId: round.id, config, quotas: s.quotas, entries: apps.map((a) => ({ id: a.id, category: a.category })),
    assignments: rows.map((r) => ({ id: r.id, applicationId: r.application_id, expertId: r.expert_id })), submitted: submittedSheets,
  });
  const intervals = new Map((boot?.entries ?? []).map((e) => [e.entry, e]));
  const lines = new Map(selection.entries.map((l) => [l.id, l]));
  const missingOf = new Map(scoring.entries.map((e) => [e.entry, e.missing.length]));

  const entries: ResultEntry[] = apps.map((a) => {
    const id = String(a.id);
    const line = lines.get(id);
    const interval = intervals.get(id);
    const flags: ResultFlag[] = [...(line?.flags ?? [])];
    if (interval?.straddlesCutoff) flags.push('rank_uncertain');
    return {
      applicationId: a.id, title: a.title, uscc: a.uscc, organisationName: a.organisationName, category: a.category,
      score: finalOf.get(id)?.final ?? null, rawScore: finalOf.get(id)?.raw ?? null, rank: line?.rank ?? null,
      proposed: line?.selected ?? false, flags,
      interval: interval ? { expected: interval.expectedRank, low: interval.low, high: interval.high, straddlesCutoff: interval.straddlesCutoff } : null,
      reviews: rows.filter((r) => r.application_id === a.id).map((r) => {
        const sheet = toSheet(sheets.get(r.id));
        const key = `${a.id}:${r.expert_id}`;
        return {
          assignmentId: r.id, expertId: r.expert_id, expertName: names.get(r.expert_id) ?? '', status: sheet.status, scores: sheet.scores,
          comments: sheet.comments, comment: sheet.comment, weighted: weighted.get(key) ?? null, calibrated: calibrated.get(key)?.calibrated ?? null,
        };
      }),
      missing: missingOf.get(id) ?? 0,
    };
  });
  entries.sort((x, y) => (x.category ?? '').localeCompare(y.category ?? '') || (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.applicationId - y.applicationId);
  return {
    roundId: round.id, status: round.status as RoundStatus, method: config.aggregate, calibration: config.calibration, ties: config.ties,
    criteria: config.rubric.criteria, quotas: s.quotas,
    complete: rows.length > 0 && submitted.length === rows.length, outstanding: rows.length - submitted.length, submittedCount: submitted.length,
    categories: selection.categories.map((c) => ({
      category: c.category, name: s.categories.find((x) => x.key === c.category)?.name ?? null, quota: c.quota, admitted: c.admitted.map(Number),
      cutoffScore: c.cutoffScore, overQuota: c.overQuota, tie: c.tie, message: translate(locale, c.message.key, c.message.params),
    })),
    proposed: entries.filter((e) => e.proposed).map((e) => e.applicationId).sort((x, y) => x - y),
    entries,
    calibrationReport: calibration.experts.map((e) => ({
      expertId: Number(e.expert), reviews: e.reviews, mean: e.mean, sd: e.sd, ...(e.bias !== undefined ? { bias: e.bias } : {}),
      ...(e.note ? { note: translate(locale, e.note.key, e.note.params) } : {}),
    })),
    bootstrap: boot ? { replicates: boot.replicates, seed: boot.seed, level: boot.level } : null,
  };
}
