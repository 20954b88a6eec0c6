/**
 * The indicator system as the editor holds it (rows of a tree table: pillars, sub-pillars and
 * indicators) and the method choices as the form holds them; both to and from the cycle's spec.
 */
import type {
  IndexAggregation as Aggregation, IndexImputation as Imputation, IndexNormalisation as Normalisation,
  IndexNormalisationMethod as NormalisationMethod, IndexRoundSpec as IndexSpec, IndexSpecNode as SpecNode, Params,
} from '@keping/core';

export interface SystemRow {
  key: string;
  kind: 'group' | 'indicator';
  id: string;
  zh: string;
  en: string;
  weight: number | null;
  unit: string;
  direction: 1 | -1;
  source: string;
  year: number | null;
  /** Groups only: how the group aggregates its children (null: as the index does). */
  aggregation?: Aggregation | null;
  /** Groups only (antd draws the tree from it; an indicator must not have the property at all). */
  children?: SystemRow[];
}

export interface RootInfo {
  id: string;
  zh: string;
  en: string;
}

export type Ties = 'average' | 'min';

export interface Methods {
  normalisation: NormalisationMethod;
  rangeLo: number;
  rangeHi: number;
  /** Rank, percentile and Borda: tied units share the average rank or all take the lowest (as COINr). */
  ties: Ties;
  /** Percentile ranks run from 0 to this (100; COINr uses 1). */
  percentileScale: number;
  /** Goalposts: the values mapped to 0 and to the scale, and whether values beyond them are cut. */
  goalLo: number;
  goalHi: number;
  goalScale: number;
  goalTruncate: boolean;
  /** Distance to target: the target value and whether values beyond it count as reaching it. */
  target: number;
  targetCap: boolean;
  aggregation: Aggregation;
  imputation: Imputation;
  outliers: boolean;
  /** The outlier rule's options: points winsorised at most, and how a negative skew is logged. */
  winmax: number;
  negativeLog: 'mirror' | 'coinr';
  /** In percent in the form, a share in the spec. */
  minCoveragePercent: number;
  replicates: number;
  weightPerturbationPercent: number;
  /** Other choices each Monte Carlo replicate may draw (the sensitivity analysis varies them too). */
  altNormalisations: NormalisationMethod[];
  altAggregations: Aggregation[];
}

export const DEFAULT_METHODS: Methods = {
  normalisation: 'minmax', rangeLo: 0, rangeHi: 100, ties: 'average', percentileScale: 100,
  goalLo: 0, goalHi: 100, goalScale: 100, goalTruncate: true, target: 100, targetCap: true,
  aggregation: 'arithmetic', imputation: 'none', outliers: true, winmax: 5, negativeLog: 'mirror',
  minCoveragePercent: 60, replicates: 200, weightPerturbationPercent: 20, altNormalisations: [], altAggregations: [],
};

/** The spec's normalisation for a method, with the form's options for it. */
export function normalisationOf(method: NormalisationMethod, m: Methods): Normalisation {
  switch (method) {
    case 'minmax': return { method, range: [m.rangeLo, m.rangeHi] };
    // the engine's defaults (average ties, 0–100) are left out, as specs written before the options were
    case 'rank': case 'borda': return m.ties === 'min' ? { method, ties: m.ties } : { method };
    case 'percentile': return { method, ...(m.ties === 'min' ? { ties: m.ties } : {}), ...(m.percentileScale !== 100 ? { scale: m.percentileScale } : {}) };
    case 'goalposts': return { method, low: m.goalLo, high: m.goalHi, scale: m.goalScale, truncate: m.goalTruncate };
    case 'target': return { method, target: m.target, cap: m.targetCap };
    default: return { method };
  }
}

/** The form's options read back from a spec's normalisation (the defaults where it has none). */
function optionsOf(n: Normalisation): Partial<Methods> {
  switch (n.method) {
    case 'minmax': return n.range ? { rangeLo: n.range[0], rangeHi: n.range[1] } : {};
    case 'rank': case 'borda': return n.ties ? { ties: n.ties } : {};
    case 'percentile': return { ...(n.ties ? { ties: n.ties } : {}), ...(n.scale ? { percentileScale: n.scale } : {}) };
    case 'goalposts': return { goalLo: n.low, goalHi: n.high, ...(n.scale ? { goalScale: n.scale } : {}), ...(n.truncate !== undefined ? { goalTruncate: n.truncate } : {}) };
    case 'target': return { target: n.target, ...(n.cap !== undefined ? { targetCap: n.cap } : {}) };
    default: return {};
  }
}

export const DEFAULT_ROOT: RootInfo = { id: 'index', zh: '', en: '' };

let sequence = 0;
const newKey = () => `row-${++sequence}`;

export function newIndicator(year: number | null = null): SystemRow {
  return { key: newKey(), kind: 'indicator', id: '', zh: '', en: '', weight: 1, unit: '', direction: 1, source: '', year };
}

export function newGroup(year: number | null = null): SystemRow {
  return { key: newKey(), kind: 'group', id: '', zh: '', en: '', weight: 1, unit: '', direction: 1, source: '', year: null, children: [newIndicator(year)] };
}

function rowOf(node: SpecNode): SystemRow {
  const base = {
    key: newKey(), id: node.id, zh: node.name?.zh ?? '', en: node.name?.en ?? '', weight: node.weight ?? 1,
    unit: node.unit ?? '', direction: node.direction ?? 1, source: node.source ?? '', year: node.year ?? null,
  };
  return node.children?.length
    ? { ...base, kind: 'group', aggregation: node.aggregation ?? null, children: node.children.map(rowOf) }
    : { ...base, kind: 'indicator' };
}

export function rowsFromSystem(system: SpecNode): { root: RootInfo; rows: SystemRow[] } {
  return {
    root: { id: system.id, zh: system.name?.zh ?? '', en: system.name?.en ?? '' },
    rows: (system.children ?? []).map(rowOf),
  };
}

function nodeOf(row: SystemRow): SpecNode {
  const name = { ...(row.zh.trim() ? { zh: row.zh.trim() } : {}), ...(row.en.trim() ? { en: row.en.trim() } : {}) };
  const node: SpecNode = { id: row.id.trim(), name, weight: row.weight ?? 0 };
  if (row.kind === 'group') return { ...node, ...(row.aggregation ? { aggregation: row.aggregation } : {}), children: (row.children ?? []).map(nodeOf) };
  return {
    ...node, direction: row.direction,
    ...(row.unit.trim() ? { unit: row.unit.trim() } : {}),
    ...(row.source.trim() ? { source: row.source.trim() } : {}),
    ...(row.year !== null ? { year: row.year } : {}),
  };
}

export function systemFromRows(root: RootInfo, rows: SystemRow[]): SpecNode {
  const name = { ...(root.zh.trim() ? { zh: root.zh.trim() } : {}), ...(root.en.trim() ? { en: root.en.trim() } : {}) };
  return { id: root.id.trim() || 'index', name, children: rows.map(nodeOf) };
}

export function methodsFromSpec(spec: IndexSpec): Methods {
  const n = spec.normalisation;
  const outliers = typeof spec.outliers === 'object' ? spec.outliers : {};
  return {
    ...DEFAULT_METHODS,
    ...(spec.uncertainty.normalisations ?? []).reduce<Partial<Methods>>((o, x) => ({ ...o, ...optionsOf(x) }), {}),
    ...optionsOf(n),
    normalisation: n.method,
    aggregation: spec.aggregation, imputation: spec.imputation, outliers: spec.outliers !== false,
    winmax: outliers.winmax ?? DEFAULT_METHODS.winmax, negativeLog: outliers.negativeLog ?? DEFAULT_METHODS.negativeLog,
    minCoveragePercent: Math.round(spec.minCoverage * 1000) / 10,
    replicates: spec.uncertainty.replicates,
    weightPerturbationPercent: Math.round(spec.uncertainty.weightPerturbation * 1000) / 10,
    altNormalisations: (spec.uncertainty.normalisations ?? []).map((x) => x.method).filter((x) => x !== n.method),
    altAggregations: (spec.uncertainty.aggregations ?? []).filter((x) => x !== spec.aggregation),
  };
}

export function specOf(root: RootInfo, rows: SystemRow[], m: Methods): IndexSpec {
  const normalisations = m.altNormalisations.filter((x) => x !== m.normalisation);
  const aggregations = m.altAggregations.filter((x) => x !== m.aggregation);
  return {
    system: systemFromRows(root, rows),
    normalisation: normalisationOf(m.normalisation, m),
    aggregation: m.aggregation, imputation: m.imputation,
    // the defaults stay `true`, as specs written before the options were
    outliers: !m.outliers ? false : m.winmax === DEFAULT_METHODS.winmax && m.negativeLog === DEFAULT_METHODS.negativeLog ? true : { winmax: m.winmax, negativeLog: m.negativeLog },
    minCoverage: m.minCoveragePercent / 100,
    uncertainty: {
      replicates: m.replicates, weightPerturbation: m.weightPerturbationPercent / 100,
      // the spec's own choice is one of the alternatives drawn
      ...(normalisations.length ? { normalisations: [m.normalisation, ...normalisations].map((x) => normalisationOf(x, m)) } : {}),
      ...(aggregations.length ? { aggregations: [m.aggregation, ...aggregations] } : {}),
    },
  };
}

/** The rows with one of them changed (found by key anywhere in the tree). */
export function updateRow(rows: SystemRow[], key: string, patch: Partial<SystemRow>): SystemRow[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r.children ? { ...r, children: updateRow(r.children, key, patch) } : r));
}

export function removeRow(rows: SystemRow[], key: string): SystemRow[] {
  return rows.filter((r) => r.key !== key).map((r) => (r.children ? { ...r, children: removeRow(r.children, key) } : r));
}

/** Adds a row at the top level (parent null) or as the last child of a group. */
export function addRow(rows: SystemRow[], parent: string | null, row: SystemRow): SystemRow[] {
  if (parent === null) return [...rows, row];
  return rows.map((r) => (r.key === parent ? { ...r, children: [...(r.children ?? []), row] } : r.children ? { ...r, children: addRow(r.children, parent, row) } : r));
}

export function walkRows(rows: SystemRow[], visit: (row: SystemRow, depth: number) => void, depth = 1): void {
  for (const r of rows) {
    visit(r, depth);
    if (r.children) walkRows(r.children, visit, depth + 1);
  }
}

export function groupKeys(rows: SystemRow[]): string[] {
  const out: string[] = [];
  walkRows(rows, (r) => r.kind === 'group' && out.push(r.key));
  return out;
}

export interface SystemProblem {
  /** The row concerned (null: the system as a whole). */
  key: string | null;
  code: string;
  params: Params;
}

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/** What the server would refuse, found before sending: ids, empty groups, weights. */
export function validateSystem(root: RootInfo, rows: SystemRow[]): SystemProblem[] {
  const problems: SystemProblem[] = [];
  if (rows.length === 0) problems.push({ key: null, code: 'noPillars', params: {} });
  const seen = new Map<string, string>([[root.id.trim() || 'index', '']]);
  const checkSiblings = (parentId: string, list: SystemRow[]) => {
    if (list.length > 0 && list.reduce((s, r) => s + (r.weight ?? 0), 0) <= 0) {
      problems.push({ key: null, code: 'weightsZero', params: { id: parentId } });
    }
  };
  checkSiblings(root.id || 'index', rows);
  walkRows(rows, (r) => {
    const id = r.id.trim();
    if (!id) problems.push({ key: r.key, code: 'idMissing', params: {} });
    else if (!ID_PATTERN.test(id)) problems.push({ key: r.key, code: 'idFormat', params: { id } });
    else if (seen.has(id)) problems.push({ key: r.key, code: 'idDuplicate', params: { id } });
    else seen.set(id, r.key);
    if (r.weight === null || !Number.isFinite(r.weight) || r.weight < 0) problems.push({ key: r.key, code: 'weightInvalid', params: { id } });
    if (r.kind === 'group') {
      if (!r.children?.length) problems.push({ key: r.key, code: 'groupEmpty', params: { id } });
      else checkSiblings(id, r.children);
    }
  });
  return problems;
}

/** How many pillars (top-level groups) and indicators (leaves) the rows hold. */
export function countRows(rows: SystemRow[]): { pillars: number; indicators: number } {
  let indicators = 0;
  walkRows(rows, (r) => r.kind === 'indicator' && indicators++);
  return { pillars: rows.length, indicators };
}
