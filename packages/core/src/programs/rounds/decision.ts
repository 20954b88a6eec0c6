/**
 * What every round records for each of its entries (轮次结果): the score it had (where the kind
 * scores), its rank within its category, whether it went on, and why. The server writes these when a
 * round closes; the publication reads rank and score from them; the record bundle's recompute
 * derives them again from the round's inputs and compares.
 */

/** Why an entry went on or stopped; shown through `decision.reason.<code>`. */
export const DECISION_REASONS = [
  /** Screening: the office's decision (its reason code is the detail). */
  'screening_advanced', 'screening_rejected',
  /** Ranked within its category's quota, or in a category without a quota. */
  'within_quota', 'no_quota',
  /** Ranked below the quota's cutoff. */
  'below_cutoff',
  /** Tied at the cutoff: all admitted (admit_all), or resolved by the rule or the chair. */
  'tie_admitted', 'tie_chosen', 'tie_not_chosen',
  /** The office's decision departs from the ranking, with its reason (the note). */
  'override_added', 'override_removed',
  /** Not ranked: no score, or (vote) no majority of the judges. */
  'no_score', 'not_approved',
  /** Index rounds: excluded from the ranking with a recorded reason. */
  'excluded',
] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

export interface EntryDecision {
  applicationId: number;
  category: string | null;
  /** The round's score for the entry (final, calibrated where the round calibrates); null where the kind has none. */
  score: number | null;
  /** Competition rank (1, 2, 2, 4) within the entry's category; null when not ranked. */
  rank: number | null;
  advanced: boolean;
  reason: DecisionReason;
  /** A kind's own code behind the reason (a screening reason code); null otherwise. */
  detail: string | null;
  /** The office's words: an override's or a screening decision's reason. */
  note: string | null;
}

export interface Difference {
  applicationId: number | null;
  what: string;
  recorded: string;
  recomputed: string;
}

const SCORE_TOLERANCE = 1e-9;
const text = (v: unknown) => (v === null || v === undefined ? '—' : String(v));

/** Every entry whose recorded decision differs from the recomputed one, field by field. */
export function compareDecisions(kind: string, recorded: readonly EntryDecision[], recomputed: readonly EntryDecision[]): Difference[] {
  const differences: Difference[] = [];
  const stored = new Map(recorded.map((d) => [d.applicationId, d]));
  const fresh = new Map(recomputed.map((d) => [d.applicationId, d]));
  for (const [id, r] of fresh) {
    const s = stored.get(id);
    if (!s) {
      differences.push({ applicationId: id, what: `${kind}.decision`, recorded: '—', recomputed: 'entry' });
      continue;
    }
    const scoreDiffers = (s.score === null) !== (r.score === null)
      || (s.score !== null && r.score !== null && Math.abs(s.score - r.score) > SCORE_TOLERANCE * Math.max(1, Math.abs(r.score)));
    if (scoreDiffers) differences.push({ applicationId: id, what: `${kind}.score`, recorded: text(s.score), recomputed: text(r.score) });
    for (const field of ['rank', 'advanced', 'reason', 'category'] as const) {
      if (s[field] !== r[field]) differences.push({ applicationId: id, what: `${kind}.${field}`, recorded: text(s[field]), recomputed: text(r[field]) });
    }
  }
  for (const id of stored.keys()) {
    if (!fresh.has(id)) differences.push({ applicationId: id, what: `${kind}.decision`, recorded: 'entry', recomputed: '—' });
  }
  return differences;
}
