/**
 * The panel round (终评会): one panel per category, led by a chair (an academician, 院士领衔), hears
 * each entry present and scores it (one 0–100 score, or the weighted rubric of the round config) or
 * votes on it. The chair signs off the panel's list: the entries selected within the category quota,
 * a tie at the quota's edge flagged and resolved by the chair. Schemas shared by server and web, and
 * the pure ranking engine.
 */
import { z } from 'zod';
import { bilingualSchema, keySchema } from '../../keys.js';
import { idSchema, text } from '../../../api/input.js';

export const PANEL_MODES = ['score', 'vote'] as const;
export type PanelMode = (typeof PANEL_MODES)[number];

/** Achievement honours (成果荣誉) the office records: national, provincial/ministerial, or none. */
export const HONOUR_LEVELS = ['national', 'provincial_ministerial', 'none'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];


export const panelCriterionSchema = z.strictObject({
  key: keySchema,
  name: bilingualSchema.optional(),
  weight: z.number().positive().max(100),
});
export type PanelCriterion = z.output<typeof panelCriterionSchema>;

/** What a panel round's config may say; other keys of the config are left alone. */
export const panelConfigSchema = z.object({
  mode: z.enum(PANEL_MODES).default('score'),
  /** A rubric: each criterion scored 0–100, the mark is the weighted mean. Empty: one score. */
  criteria: z.array(panelCriterionSchema).max(20).default([]),
});
export type PanelConfig = z.output<typeof panelConfigSchema>;

export const panelInputSchema = z.strictObject({
  category: keySchema,
  chairExpertId: idSchema(),
  /** The chair is always a member; list the others here. */
  memberExpertIds: z.array(idSchema()).max(50).default([]),
});
export type PanelInput = z.output<typeof panelInputSchema>;

export const panelScheduleSchema = z.strictObject({
  slots: z.array(z.strictObject({
    applicationId: idSchema(),
    /** Shanghai wall-clock time (2026-11-21 09:00). */
    startsAt: text().min(1).max(40),
    room: text().trim().min(1).max(100),
  })).max(2000),
});
export type PanelScheduleInput = z.output<typeof panelScheduleSchema>;

export const panelMarkSchema = z.strictObject({
  applicationId: idSchema(),
  score: z.number().min(0).max(100).optional(),
  criteria: z.record(text().max(40), z.number().min(0).max(100)).optional(),
  vote: z.boolean().optional(),
});
export type PanelMarkInput = z.output<typeof panelMarkSchema>;

/** A member declaring a conflict of interest with one entry (回避), and why. */
export const panelRecusalSchema = z.strictObject({
  applicationId: idSchema(),
  reason: text().trim().min(1).max(500),
});
export type PanelRecusalInput = z.output<typeof panelRecusalSchema>;

export const panelSignOffSchema = z.strictObject({
  /** When entries tie at the quota's edge: which of the tied ones the chair selects. */
  tieBreak: z.array(idSchema()).max(2000).optional(),
  note: text().trim().max(2000).default(''),
});
export type PanelSignOffInput = z.output<typeof panelSignOffSchema>;

export const honourInputSchema = z.strictObject({
  level: z.enum(HONOUR_LEVELS),
  note: text().trim().max(500).default(''),
});
export type HonourInput = z.output<typeof honourInputSchema>;

/** One member's mark on one entry: a score (the rubric already reduced) or a vote. */
export interface PanelMark {
  applicationId: number;
  expertId: number;
  score: number | null;
  vote: boolean | null;
}

export interface PanelLine {
  applicationId: number;
  /** Mean score in score mode; null in vote mode or while unmarked. */
  total: number | null;
  yes: number;
  no: number;
  marks: number;
  /** Competition rank (1, 2, 2, 4). */
  rank: number;
  selected: boolean;
  /** Part of a tie at the quota's edge. */
  tied: boolean;
}

export interface PanelRanking {
  lines: PanelLine[];
  /** Entry × member pairs still unmarked. */
  missing: { applicationId: number; expertId: number }[];
  /** Entries tied at the quota's edge, and how many of them may go on. */
  tie: { applicationIds: number[]; places: number } | null;
  /** A tie exists and no valid tie-break was given. */
  tieUnresolved: boolean;
  /** The tie-break given does not pick `places` of the tied entries. */
  tieBreakInvalid: boolean;
}

/** The weighted mean of a rubric's criteria, 0–100; undefined when a criterion is missing or unknown. */
export function rubricScore(criteria: readonly PanelCriterion[], values: Record<string, number>): number | undefined {
  const keys = Object.keys(values);
  if (keys.length !== criteria.length || keys.some((k) => !criteria.some((c) => c.key === k))) return undefined;
  const weight = criteria.reduce((s, c) => s + c.weight, 0);
  return round4(criteria.reduce((s, c) => s + c.weight * (values[c.key] ?? 0), 0) / weight);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A member standing down from one entry (回避): a conflict of interest found or declared. */
export interface PanelRecusal {
  applicationId: number;
  expertId: number;
}

/**
 * Ranks a panel's entries from its members' marks and selects within `quota` (null: no limit). A
 * recused member neither marks the entry nor counts towards it. In vote mode only entries a majority
 * of the members who may judge them approve may be selected. Entries sharing the key at the quota's
 * edge are a tie: those above it are selected, the chair's `tieBreak` picks the rest.
 */
export function rankPanel(input: {
  mode: PanelMode;
  entries: readonly number[];
  members: readonly number[];
  marks: readonly PanelMark[];
  quota: number | null;
  tieBreak?: readonly number[] | undefined;
  recused?: readonly PanelRecusal[] | undefined;
}): PanelRanking {
  const members = new Set(input.members);
  const recused = new Set((input.recused ?? []).map((r) => `${r.applicationId}:${r.expertId}`));
  const judges = (applicationId: number) => input.members.filter((e) => !recused.has(`${applicationId}:${e}`));
  const byEntry = new Map<number, PanelMark[]>(input.entries.map((id) => [id, []]));
  for (const m of input.marks) {
    if (members.has(m.expertId) && !recused.has(`${m.applicationId}:${m.expertId}`)) byEntry.get(m.applicationId)?.push(m);
  }
  const missing: PanelRanking['missing'] = [];
  for (const id of input.entries) {
    const marked = new Set((byEntry.get(id) ?? []).map((m) => m.expertId));
    for (const e of judges(id)) if (!marked.has(e)) missing.push({ applicationId: id, expertId: e });
  }
  const scored = input.entries.map((id) => {
    const marks = byEntry.get(id) ?? [];
    const scores = marks.map((m) => m.score).filter((s): s is number => s !== null);
    const yes = marks.filter((m) => m.vote === true).length;
    const no = marks.filter((m) => m.vote === false).length;
    const total = input.mode === 'score' && scores.length > 0 ? round4(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
    // In vote mode the share of approving judges, so an entry with a recused member is not behind.
    const allowed = judges(id).length;
    const key = input.mode === 'score' ? (total ?? -1) : allowed === 0 ? 0 : yes / allowed;
    const eligible = input.mode === 'score' ? total !== null : yes * 2 > allowed;
    return { applicationId: id, total, yes, no, marks: marks.length, key, eligible };
  }).sort((a, b) => b.key - a.key || a.applicationId - b.applicationId);

  const eligible = scored.filter((s) => s.eligible);
  const selected = new Set<number>();
  const tied = new Set<number>();
  let tie: PanelRanking['tie'] = null;
  let tieUnresolved = false;
  let tieBreakInvalid = false;
  const quota = input.quota;
  if (quota === null || quota >= eligible.length) {
    for (const s of eligible) selected.add(s.applicationId);
  } else if (quota > 0) {
    const edge = eligible[quota - 1]?.key;
    const group = eligible.filter((s) => s.key === edge);
    const above = eligible.filter((s) => edge !== undefined && s.key > edge);
    for (const s of above) selected.add(s.applicationId);
    if (group.length > quota - above.length) {
      const places = quota - above.length;
      tie = { applicationIds: group.map((s) => s.applicationId), places };
      for (const s of group) tied.add(s.applicationId);
      const pick = input.tieBreak ?? [];
      const valid = pick.length === places && new Set(pick).size === places && pick.every((id) => tied.has(id));
      if (valid) for (const id of pick) selected.add(id);
      else {
        tieUnresolved = true;
        tieBreakInvalid = input.tieBreak !== undefined;
      }
    } else {
      for (const s of group) selected.add(s.applicationId);
    }
  }
  const lines: PanelLine[] = [];
  scored.forEach((s, i) => {
    const prev = lines[i - 1];
    const rank = prev && scored[i - 1]?.key === s.key ? prev.rank : i + 1;
    lines.push({
      applicationId: s.applicationId, total: s.total, yes: s.yes, no: s.no, marks: s.marks, rank,
      selected: selected.has(s.applicationId), tied: tied.has(s.applicationId),
    });
  });
  return { lines, missing, tie, tieUnresolved, tieBreakInvalid };
}
