/**
 * Statistical coherence (统计一致性) as the JRC audit reports it: the Pearson correlation of each
 * normalised indicator with its pillar and with the index, of each pillar with its parent,
 * Cronbach's alpha of the children of every pillar, and flags where a correlation is negative
 * (the indicator pulls against its pillar) or near zero (it adds noise, not signal).
 */
import type { FieldError } from '../errors.js';
import { type PreparedLeaf, scoreTree, scoreWork } from './aggregate.js';
import { type IndexConfig, resolveChoice, setUp } from './compute.js';
import type { UnitGroups } from './impute.js';
import type { IndicatorMatrix } from './matrix.js';
import { prepareLeaves } from './prepare.js';
import { pearson } from './stats.js';

export type CoherenceFlag = 'negative' | 'weak' | null;

export interface CoherenceReport {
  indicators: { id: string; parent: string; withParent: number; withIndex: number; flag: CoherenceFlag }[];
  nodes: { id: string; parent: string | null; withParent: number; alpha: number; items: number; flag: CoherenceFlag }[];
  weakBelow: number;
}

/** The normalised values of a prepared leaf (undoing the logarithm of a geometric parent). */
export function leafValues(p: PreparedLeaf): Float64Array {
  return Float64Array.from(p.source, (v) => (p.log ? Math.exp(v) : p.a * v + p.b));
}

/**
 * Cronbach's alpha of items (columns) over the units that have all of them:
 * α = c/(c − 1)·(1 − Σ var(item) / var(Σ items)); NaN with fewer than 2 items or 2 units.
 */
export function cronbachAlpha(items: readonly Float64Array[]): number {
  const c = items.length;
  if (c < 2) return Number.NaN;
  const n = (items[0] as Float64Array).length;
  const rows: number[] = [];
  for (let u = 0; u < n; u++) if (items.every((x) => x[u] === x[u])) rows.push(u);
  if (rows.length < 2) return Number.NaN;
  const variance = (get: (u: number) => number) => {
    let s = 0;
    for (const u of rows) s += get(u);
    const m = s / rows.length;
    let ss = 0;
    for (const u of rows) ss += (get(u) - m) ** 2;
    return ss / (rows.length - 1);
  };
  const itemVar = items.reduce((s, x) => s + variance((u) => x[u] as number), 0);
  const totalVar = variance((u) => items.reduce((s, x) => s + (x[u] as number), 0));
  return totalVar > 0 ? (c / (c - 1)) * (1 - itemVar / totalVar) : Number.NaN;
}

const flagOf = (r: number, weak: number): CoherenceFlag => (r < 0 ? 'negative' : Math.abs(r) < weak || r !== r ? 'weak' : null);

export function statisticalCoherence(
  data: IndicatorMatrix, config: IndexConfig, options: { weakBelow?: number; groups?: UnitGroups } = {},
): { ok: true; report: CoherenceReport } | { ok: false; errors: FieldError[] } {
  const weak = options.weakBelow ?? 0.3;
  const setup = setUp(data, config, undefined, options.groups);
  if (!setup.ok) return setup;
  const { system, kept } = setup;
  const prepared = prepareLeaves(kept, system, resolveChoice(config), setup.keptGroups);
  if (!prepared.ok) return prepared;
  const { leaves, methods } = prepared.prepared;
  const lw = Float64Array.from(system.leaves, (l) => l.weight);
  const nw = Float64Array.from(system.nodes, (x) => x.weight);
  const scored = scoreTree(system, leaves, methods, lw, nw, scoreWork(system, kept.units.length), kept.units);
  if (!scored.ok) return { ok: false, errors: [scored.error] };
  const nodeScores = scored.scores;
  const index = nodeScores[nodeScores.length - 1] as Float64Array;
  const values = leaves.map(leafValues);
  const indicators = system.leaves.map((leaf, l) => {
    const withParent = pearson(values[l] as Float64Array, nodeScores[leaf.parent] as Float64Array);
    return {
      id: leaf.id, parent: system.nodes[leaf.parent]?.id ?? '', withParent,
      withIndex: pearson(values[l] as Float64Array, index), flag: flagOf(withParent, weak),
    };
  });
  const nodes = system.nodes.map((node, k) => {
    const items = [...node.leaves.map((l) => values[l] as Float64Array), ...node.nodes.map((c) => nodeScores[c] as Float64Array)];
    const withParent = node.parent < 0 ? Number.NaN : pearson(nodeScores[k] as Float64Array, nodeScores[node.parent] as Float64Array);
    return {
      id: node.id, parent: node.parent < 0 ? null : (system.nodes[node.parent]?.id ?? null), withParent,
      alpha: cronbachAlpha(items), items: items.length, flag: node.parent < 0 ? null : flagOf(withParent, weak),
    };
  });
  return { ok: true, report: { indicators, nodes, weakBelow: weak } };
}
