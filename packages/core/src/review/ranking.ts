/**
 * Ranking (排名) and selection by quota (按名额择优): ranks by score with declared tie-breaks,
 * then N per category, with ties at the cutoff admitted together or broken by a declared
 * criterion, and always flagged. Scores are compared after rounding to a declared precision so
 * that two means of the same numbers summed in another order still tie.
 */
import type { Message } from './message.js';

export interface RankItem {
  id: string;
  /** null: not scored, so not ranked. */
  score: number | null;
  category?: string;
  /** Values of declared tie-break criteria, e.g. { innovativeness: 8.5 }. */
  tieBreak?: Readonly<Record<string, number | null | undefined>>;
}

export interface TieBreak {
  /** Key in RankItem.tieBreak. */
  key: string;
  /** desc: higher first (the default); asc: lower first. */
  order?: 'desc' | 'asc';
}

export interface RankOptions {
  tieBreaks?: readonly TieBreak[];
  /** Decimals kept when comparing scores and tie-break values (default 6). */
  precision?: number;
}

export interface RankedEntry {
  id: string;
  score: number;
  category?: string;
  /** Standard competition rank (1, 2, 2, 4): entries equal on score and all tie-breaks share it. */
  rank: number;
  /** 1-based place in the listing order (ties listed by id). */
  position: number;
  /** Other entries with the same rank. */
  tiedWith: string[];
  /** The tie-break that put it after the entry above it with the same score; null when the score did. */
  decidedBy: string | null;
}

const rounder = (precision: number) => {
  const f = 10 ** precision;
  return (x: number) => Math.round(x * f);
};
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Compares two items by declared criteria: negative if a comes first. Missing values go last. */
function criteriaComparator(tieBreaks: readonly TieBreak[], round: (x: number) => number) {
  return (a: RankItem, b: RankItem): { sign: number; by: string | null } => {
    const sa = round(a.score as number);
    const sb = round(b.score as number);
    if (sa !== sb) return { sign: sb - sa, by: null };
    for (const t of tieBreaks) {
      const va = a.tieBreak?.[t.key];
      const vb = b.tieBreak?.[t.key];
      const ma = va === null || va === undefined || !Number.isFinite(va);
      const mb = vb === null || vb === undefined || !Number.isFinite(vb);
      if (ma && mb) continue;
      if (ma !== mb) return { sign: ma ? 1 : -1, by: t.key };
      const d = round(va as number) - round(vb as number);
      if (d !== 0) return { sign: t.order === 'asc' ? d : -d, by: t.key };
    }
    return { sign: 0, by: null };
  };
}

/** Ranks scored items best first; unscored items are returned apart. */
export function rankEntries(items: readonly RankItem[], options: RankOptions = {}): { ranked: RankedEntry[]; unranked: string[] } {
  const round = rounder(options.precision ?? 6);
  const cmp = criteriaComparator(options.tieBreaks ?? [], round);
  const scored = items.filter((i) => i.score !== null && Number.isFinite(i.score));
  const unranked = items.filter((i) => !(i.score !== null && Number.isFinite(i.score))).map((i) => i.id);
  const sorted = [...scored].sort((a, b) => cmp(a, b).sign || byId(a, b));
  const ranked: RankedEntry[] = [];
  sorted.forEach((item, i) => {
    const prev = sorted[i - 1];
    const prevRanked = ranked[i - 1];
    const c = prev ? cmp(prev, item) : { sign: -1, by: null };
    const rank = prev && prevRanked && c.sign === 0 ? prevRanked.rank : i + 1;
    ranked.push({
      id: item.id,
      score: item.score as number,
      ...(item.category !== undefined ? { category: item.category } : {}),
      rank,
      position: i + 1,
      tiedWith: [],
      decidedBy: prev && round(prev.score as number) === round(item.score as number) ? c.by : null,
    });
  });
  const groups = new Map<number, RankedEntry[]>();
  for (const r of ranked) {
    const list = groups.get(r.rank);
    if (list) list.push(r);
    else groups.set(r.rank, [r]);
  }
  for (const g of groups.values()) for (const r of g) r.tiedWith = g.filter((o) => o !== r).map((o) => o.id);
  return { ranked, unranked };
}

export type TiePolicy = 'admit_all' | { breakBy: readonly TieBreak[] };

export interface QuotaOptions extends RankOptions {
  /** Seats per category, e.g. { ai: 68, biomedicine: 68, ic: 49 }. */
  quotas: Readonly<Record<string, number>>;
  /** What to do with entries tied across the cutoff after the ranking's own tie-breaks. */
  ties: TiePolicy;
}

export type SelectionFlag = 'tie_at_cutoff' | 'tie_unresolved' | 'no_quota' | 'no_score';

export interface CategorySelection {
  category: string;
  quota: number;
  admitted: string[];
  /** Score of the last admitted entry. */
  cutoffScore: number | null;
  /** Seats granted beyond the quota because a tie was admitted whole. */
  overQuota: number;
  tie: {
    entries: string[];
    seats: number;
    resolution: 'admitted_all' | 'broken' | 'unresolved_admitted_all';
    by?: string;
  } | null;
  message: Message;
}

export interface SelectionLine {
  id: string;
  category: string | null;
  rank: number | null;
  selected: boolean;
  flags: SelectionFlag[];
}

export interface SelectionResult {
  categories: CategorySelection[];
  /** Every input item, in input order. */
  entries: SelectionLine[];
}

/** Admits the best `quota` entries of each category, handling and flagging ties at the cutoff. */
export function selectByQuota(items: readonly RankItem[], options: QuotaOptions): SelectionResult {
  const round = rounder(options.precision ?? 6);
  const lines = new Map<string, SelectionLine>(items.map((i) => [i.id, {
    id: i.id, category: i.category ?? null, rank: null, selected: false, flags: [] as SelectionFlag[],
  }]));
  const categories: CategorySelection[] = [];
  for (const [category, quota] of Object.entries(options.quotas)) {
    const { ranked, unranked } = rankEntries(items.filter((i) => i.category === category), options);
    for (const id of unranked) lines.get(id)?.flags.push('no_score');
    for (const r of ranked) (lines.get(r.id) as SelectionLine).rank = r.rank;
    const admitted = new Set(ranked.slice(0, quota).map((r) => r.id));
    let tie: CategorySelection['tie'] = null;
    const last = ranked[quota - 1];
    const next = ranked[quota];
    if (quota > 0 && last && next && last.rank === next.rank) {
      const group = ranked.filter((r) => r.rank === last.rank);
      const seats = quota - ranked.filter((r) => r.rank < last.rank).length;
      for (const r of group) (lines.get(r.id) as SelectionLine).flags.push('tie_at_cutoff');
      if (options.ties === 'admit_all') {
        for (const r of group) admitted.add(r.id);
        tie = { entries: group.map((r) => r.id), seats, resolution: 'admitted_all' };
      } else {
        const byItem = new Map(items.map((i) => [i.id, i]));
        const cmp = criteriaComparator(options.ties.breakBy, round);
        const order = group.map((r) => byItem.get(r.id) as RankItem).sort((a, b) => cmp(a, b).sign || byId(a, b));
        for (const r of group) admitted.delete(r.id);
        const boundary = order[seats - 1] as RankItem;
        // Still equal to the last seat on every declared criterion: admitted with it, flagged.
        const admit = order.filter((o, i) => i < seats || cmp(boundary, o).sign === 0);
        const unresolved = admit.length > seats;
        for (const o of admit) admitted.add(o.id);
        if (unresolved) {
          for (const o of order) if (cmp(boundary, o).sign === 0) (lines.get(o.id) as SelectionLine).flags.push('tie_unresolved');
        }
        const separating = order[seats] ? cmp(boundary, order[seats] as RankItem).by : null;
        tie = {
          entries: group.map((r) => r.id), seats, resolution: unresolved ? 'unresolved_admitted_all' : 'broken',
          ...(separating ? { by: separating } : {}),
        };
      }
    }
    const admittedList = ranked.filter((r) => admitted.has(r.id));
    for (const r of admittedList) (lines.get(r.id) as SelectionLine).selected = true;
    const lastAdmitted = admittedList[admittedList.length - 1];
    const overQuota = Math.max(0, admittedList.length - quota);
    categories.push({
      category, quota, admitted: admittedList.map((r) => r.id), cutoffScore: lastAdmitted ? lastAdmitted.score : null, overQuota, tie,
      message: {
        key: tie ? `review.selection.tie.${tie.resolution}` : 'review.selection.category',
        params: { category, quota, admitted: admittedList.length, candidates: ranked.length, ...(tie ? { tied: tie.entries.length, seats: tie.seats, by: tie.by ?? '' } : {}) },
      },
    });
  }
  for (const line of lines.values()) {
    if (line.category === null || !Object.hasOwn(options.quotas, line.category)) line.flags.push('no_quota');
  }
  return { categories, entries: [...lines.values()] };
}
