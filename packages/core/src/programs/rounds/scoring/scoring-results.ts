/**
 * A scoring round's results from its recorded sheets, pure: weighted criterion scores (core
 * scoring), calibration if the round asks for it, per-category selection by quota with ties broken
 * by the criteria (heaviest first, on their mean raw scores), and the seeded bootstrap of rank
 * intervals. The server shows it to the office; `recomputeProgram` runs it again on a bundle.
 */
import { bootstrapRanks } from '../../../review/ranking-bootstrap.js';
import { type RankItem, selectByQuota } from '../../../review/ranking.js';
import { aggregate, scoreEntries } from '../../../review/scoring.js';
import { calibrate, type CalibratedReview } from '../../../review/calibration.js';
import { rubricOf, type ScoringConfig } from './scoring.js';

export interface ScoringRoundData {
  roundId: number;
  config: ScoringConfig;
  quotas: Record<string, number>;
  entries: { id: number; category: string | null }[];
  /** Active assignments only. */
  assignments: { id: number; applicationId: number; expertId: number }[];
  /** Submitted sheets by assignment id. */
  submitted: Map<number, Record<string, number>>;
}

export function scoreRound(d: ScoringRoundData) {
  const { config } = d;
  const rubric = rubricOf(config, `round-${d.roundId}`);
  const submitted = d.assignments.filter((r) => d.submitted.has(r.id));
  const scoring = scoreEntries(rubric, {
    reviews: submitted.map((r) => ({ entry: String(r.applicationId), expert: String(r.expertId), scores: d.submitted.get(r.id)! })),
    assignments: d.assignments.map((r) => ({ entry: String(r.applicationId), expert: String(r.expertId) })),
    entries: d.entries.map((a) => String(a.id)), method: config.aggregate,
  });
  const calibration = calibrate(scoring.reviews.map((r) => ({ entry: r.entry, expert: r.expert, score: r.score })), { method: config.calibration });
  const calibrated = new Map<string, CalibratedReview>(calibration.reviews.map((r) => [`${r.entry}:${r.expert}`, r]));
  const weighted = new Map(scoring.reviews.map((r) => [`${r.entry}:${r.expert}`, r.score]));
  const finalOf = new Map(scoring.entries.map((e) => {
    const xs = e.reviews.map((r) => ({ expert: r.expert, score: calibrated.get(`${e.entry}:${r.expert}`)?.calibrated ?? r.score }));
    return [e.entry, { raw: e.score, final: aggregate(xs, config.aggregate).score }];
  }));

  const byWeight = [...config.rubric.criteria].sort((a, b) => b.weight - a.weight);
  const items: RankItem[] = d.entries.map((a) => {
    const mine = submitted.filter((r) => r.applicationId === a.id).map((r) => d.submitted.get(r.id)!);
    const tieBreak = Object.fromEntries(byWeight.map((c) => [c.key, mine.length ? mine.reduce((t, m) => t + (m[c.key] ?? 0), 0) / mine.length : null]));
    return { id: String(a.id), score: finalOf.get(String(a.id))?.final ?? null, ...(a.category ? { category: a.category } : {}), tieBreak };
  });
  const selection = selectByQuota(items, {
    quotas: d.quotas, ties: config.ties === 'admit_all' ? 'admit_all' : { breakBy: byWeight.map((c) => ({ key: c.key })) },
  });
  const categoryOf: Record<string, string> = Object.fromEntries(d.entries.flatMap((a) => (a.category ? [[String(a.id), a.category]] : [])));
  const boot = config.bootstrap.replicates > 0 && calibration.reviews.length > 0
    ? bootstrapRanks({
      reviews: calibration.reviews.map((r) => ({ entry: r.entry, score: r.calibrated })), method: config.aggregate,
      categories: categoryOf, quotas: d.quotas, replicates: config.bootstrap.replicates,
      seed: config.bootstrap.seed ?? `round-${d.roundId}`, level: config.bootstrap.level,
    })
    : undefined;
  /** The application ids the ranking proposes, ascending. */
  const proposed = selection.entries.filter((l) => l.selected).map((l) => Number(l.id)).sort((x, y) => x - y);
  return { scoring, calibration, calibrated, weighted, finalOf, selection, boot, submitted, proposed };
}
