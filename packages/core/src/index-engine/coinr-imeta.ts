/**
 * A Keping index spec as COINr 1.1.14 states it (the peer bench, bench/peers/coinr/run-spec.R): the
 * iMeta table (Level 1 the indicators, the root the top level) and the options of Treat, Normalise
 * and Aggregate. COINr aggregates level by level with one function per level, treats with one rule,
 * and normalises after multiplying each column by its direction; what it cannot state this way is
 * refused, naming the part of the spec. Developer tooling: the messages are English, not catalogued.
 */
import type { IndexSpec, IndexSpecNode } from './spec.js';
import { systemOfSpec } from './spec.js';

export interface CoinrIMetaRow {
  iCode: string;
  iName: string;
  Level: number;
  /** NA (null) for the root. */
  Parent: string | null;
  /** 1 for aggregates (new_coin requires a direction on every row; Normalise reads only the indicators'). */
  Direction: 1 | -1;
  Weight: number;
  Type: 'Indicator' | 'Aggregate';
  /** Per-indicator normalisation parameters COINr reads with f_n_para = "use_iMeta" (n_dist2targ, n_goalposts). */
  extra?: Record<string, number | boolean>;
}

export type CoinrParam = number | number[] | boolean | string;

export interface CoinrOptions {
  /** Treat's f1_para (winsorise then check_SkewKurt; log_CT after), or false to skip Treat. */
  treat: false | { winmax: number; skew_thresh: number; kurt_thresh: number };
  /** Normalise's global_specs; f_n_para "use_iMeta" takes the parameters from the iMeta extra columns. */
  normalise: { f_n: string; f_n_para: Record<string, CoinrParam> | 'use_iMeta' };
  /** Aggregate's f_ag, one per level from level 2 upward, and by_df (a_copeland takes the whole data frame). */
  aggregate: { f_ag: string[]; by_df: boolean[] };
}

export interface CoinrRefusal {
  /** Where in the spec (a group's or indicator's id, or the spec field). */
  at: string;
  message: string;
}

export type CoinrTranslation = { ok: true; iMeta: CoinrIMetaRow[]; options: CoinrOptions } | { ok: false; error: CoinrRefusal };

// Keping's aggregations and COINr's functions of the same formula (harmonic: a_hmean, when the spec offers it).
const AGGREGATORS: Record<string, string> = { arithmetic: 'a_amean', geometric: 'a_gmean', harmonic: 'a_hmean', copeland: 'a_copeland' };

// The JRC rule's defaults (outliers.ts), which COINr's Treat shares.
const TREAT_DEFAULTS = { winmax: 5, skew: 2, kurt: 3.5 };

const refuse = (at: string, message: string): { ok: false; error: CoinrRefusal } => ({ ok: false, error: { at, message } });

function treatOptions(spec: IndexSpec): CoinrOptions['treat'] | CoinrRefusal {
  const o = spec.outliers;
  if (o === undefined || o === false) return false;
  const rule = o === true ? {} : o;
  // Keping mirrors the log of a negative skew unless told to log as COINr does.
  if (rule.negativeLog !== 'coinr') return { at: 'outliers.negativeLog', message: 'COINr logs a negatively skewed indicator with log_CT unmirrored: set negativeLog to "coinr"' };
  return { winmax: rule.winmax ?? TREAT_DEFAULTS.winmax, skew_thresh: rule.skew ?? TREAT_DEFAULTS.skew, kurt_thresh: rule.kurt ?? TREAT_DEFAULTS.kurt };
}

type Leaf = IndexSpecNode;

function normaliseOptions(spec: IndexSpec, leaves: readonly Leaf[], extra: Map<string, Record<string, number | boolean>>):
  CoinrOptions['normalise'] | CoinrRefusal {
  const n = spec.normalisation;
  switch (n.method) {
    case 'none':
      // Normalise multiplies by the direction before f_n "none", as Keping's 'none' does.
      return { f_n: 'none', f_n_para: {} };
    case 'minmax':
      return { f_n: 'n_minmax', f_n_para: { l_u: [...(n.range ?? [0, 1])] } };
    case 'zscore':
      return { f_n: 'n_zscore', f_n_para: { m_sd: [...(n.scale ?? [0, 1])] } };
    case 'rank':
      return { f_n: 'n_rank', f_n_para: { 'ties.method': n.ties ?? 'average' } };
    case 'borda':
      return { f_n: 'n_borda', f_n_para: { 'ties.method': n.ties ?? 'average' } };
    case 'percentile':
      if ((n.scale ?? 100) !== 1) return { at: 'normalisation.scale', message: 'COINr\'s n_prank gives percentile ranks on [0, 1] only: set scale to 1' };
      return { f_n: 'n_prank', f_n_para: { 'ties.method': n.ties ?? 'average' } };
    case 'dist2max':
      return { f_n: 'n_dist2max', f_n_para: {} };
    case 'frontier': {
      // n_fracmax of −x is x / min: Keping's min / x for a lower-is-better indicator has no COINr form.
      const reversed = leaves.find((l) => (l.direction ?? 1) === -1);
      if (reversed) return { at: reversed.id, message: 'COINr\'s n_fracmax has no form for a lower-is-better indicator (direction −1)' };
      return { f_n: 'n_fracmax', f_n_para: {} };
    }
    case 'target':
      for (const l of leaves) extra.set(l.id, { Target: n.target, dist2targ_cap_max: n.cap ?? true });
      return { f_n: 'n_dist2targ', f_n_para: 'use_iMeta' };
    case 'goalposts':
      for (const l of leaves) {
        extra.set(l.id, { goalpost_lower: n.low, goalpost_upper: n.high, goalpost_scale: n.scale ?? 1, goalpost_trunc2posts: n.truncate ?? true });
      }
      return { f_n: 'n_goalposts', f_n_para: 'use_iMeta' };
  }
}

/** The spec's tree as COINr's iMeta and the options of its Treat → Normalise → Aggregate. */
export function coinrFromSpec(spec: IndexSpec): CoinrTranslation {
  if (spec.imputation && spec.imputation.method !== 'none') return refuse('imputation', 'impute before (COINr\'s Impute is a separate step): set imputation to "none"');
  if (spec.minCoverage !== undefined && spec.minCoverage > 0) return refuse('minCoverage', 'COINr\'s dat_thresh sets aggregates to NA level by level, it does not drop units: leave minCoverage out');
  const root = systemOfSpec(spec);
  // COINr needs every indicator on level 1: the tree must be balanced.
  const height = (node: IndexSpecNode): number | CoinrRefusal => {
    if (!node.children) return 1;
    const hs = node.children.map(height);
    const bad = hs.find((h): h is CoinrRefusal => typeof h !== 'number');
    if (bad) return bad;
    const levels = hs as number[];
    if (levels.some((h) => h !== levels[0])) return { at: node.id, message: 'COINr needs every indicator on level 1: this group mixes indicators and groups, or groups of different depths' };
    return (levels[0] as number) + 1;
  };
  const top = height(root);
  if (typeof top !== 'number') return { ok: false, error: top };
  if (top < 2) return refuse(root.id, 'the index needs at least one indicator under it');

  const rows: CoinrIMetaRow[] = [];
  const leaves: Leaf[] = [];
  // The aggregation of each level above the indicators: COINr has one function per level.
  const perLevel: { method: string; node: string }[] = [];
  let refusal: CoinrRefusal | undefined;
  // as the engine does (nodeMethods): a group's own aggregation, else the spec's, not the parent's
  const walk = (node: IndexSpecNode, parent: string | null, level: number, fallback: string): void => {
    // new_coin refuses codes with a blank or a leading digit
    if (!refusal && (/\s/.test(node.id) || /^\d/.test(node.id))) refusal = { at: node.id, message: 'COINr codes may not contain a blank or begin with a digit' };
    const name = node.name?.en ?? node.name?.zh ?? node.id;
    if (!node.children) {
      leaves.push(node);
      rows.push({ iCode: node.id, iName: name, Level: 1, Parent: parent, Direction: node.direction ?? 1, Weight: node.weight ?? 1, Type: 'Indicator' });
      return;
    }
    const method = node.aggregation ?? fallback;
    const seen = perLevel[level - 2];
    if (!seen) perLevel[level - 2] = { method, node: node.id };
    else if (seen.method !== method && !refusal) {
      refusal = { at: node.id, message: `COINr aggregates each level with one function: ${node.id} is ${method} but ${seen.node} on the same level is ${seen.method}` };
    }
    rows.push({ iCode: node.id, iName: name, Level: level, Parent: parent, Direction: 1, Weight: parent === null ? 1 : node.weight ?? 1, Type: 'Aggregate' });
    for (const child of node.children) walk(child, node.id, level - 1, fallback);
  };
  walk(root, null, top, spec.aggregation);
  if (refusal) return { ok: false, error: refusal };

  const f_ag: string[] = [];
  for (const [i, { method, node }] of perLevel.entries()) {
    const f = AGGREGATORS[method];
    if (!f) return refuse(node, `COINr has no aggregation function for ${method}`);
    f_ag[i] = f;
  }
  const treat = treatOptions(spec);
  if (treat !== false && 'at' in treat) return { ok: false, error: treat };
  const extra = new Map<string, Record<string, number | boolean>>();
  const normalise = normaliseOptions(spec, leaves, extra);
  if ('at' in normalise) return { ok: false, error: normalise };
  for (const row of rows) {
    const e = extra.get(row.iCode);
    if (e && row.Type === 'Indicator') row.extra = e;
  }
  // Indicators first, then each level upward, as COINr's own iMeta tables are laid out.
  rows.sort((a, b) => a.Level - b.Level);
  return { ok: true, iMeta: rows, options: { treat, normalise, aggregate: { f_ag, by_df: f_ag.map((f) => f === 'a_copeland') } } };
}

const csvField = (v: string | number | boolean | null): string => {
  if (v === null) return 'NA';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The iMeta table as CSV text for R's read.csv (NA for the root's Parent). */
export function iMetaCsv(rows: readonly CoinrIMetaRow[]): string {
  const extraCols = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const head = ['iCode', 'iName', 'Level', 'Parent', 'Direction', 'Weight', 'Type', ...extraCols];
  const lines = rows.map((r) => [r.iCode, r.iName, r.Level, r.Parent, r.Direction, r.Weight, r.Type, ...extraCols.map((c) => r.extra?.[c] ?? null)].map(csvField).join(','));
  return `${[head.join(','), ...lines].join('\n')}\n`;
}
