/**
 * The indicator system (评价指标体系): a tree index → pillars → sub-pillars → indicators. Inner
 * nodes aggregate their children with weights relative to their siblings; leaves name a data
 * column, a direction (+1 more is better, −1 less is better) and carry their metadata.
 */
import type { FieldError } from '../errors.js';
import type { AggregationMethod } from './aggregate.js';

export interface LocalName {
  zh?: string;
  en?: string;
}

export interface IndicatorNode {
  id: string;
  name?: LocalName;
  /** Weight relative to the siblings; 1 when absent. */
  weight?: number;
  /** Present on pillars and sub-pillars (and the index): the node aggregates these. */
  children?: IndicatorNode[];
  /** Leaves only: +1 when more is better, −1 when less is better. */
  direction?: 1 | -1;
  /** Leaves only: measurement unit, data source and data year, for the report. */
  unit?: string;
  source?: string;
  year?: number;
  /** An inner node may aggregate differently from the rest of the index. */
  aggregation?: AggregationMethod;
}

export interface CompiledLeaf {
  id: string;
  /** Column of the data matrix. */
  column: number;
  direction: 1 | -1;
  /** Raw weight relative to the siblings. */
  weight: number;
  /** Index of the parent in CompiledSystem.nodes. */
  parent: number;
  field: string;
}

export interface CompiledNode {
  id: string;
  /** −1 for the root (the index). */
  parent: number;
  weight: number;
  depth: number;
  leaves: number[];
  nodes: number[];
  aggregation: AggregationMethod | undefined;
  field: string;
}

export interface CompiledSystem {
  /** Inner nodes, children before parents: the root is last. */
  nodes: CompiledNode[];
  leaves: CompiledLeaf[];
}

/** Names each tree position in error fields; the CLI maps the tree back to its `groups` form. */
export type FieldPath = (indices: readonly number[], what: string) => string;

const defaultPath: FieldPath = (indices, what) =>
  [...indices.map((i) => `children[${i}]`), what].filter(Boolean).join('.') || 'system';

/**
 * Checks the tree against the data's indicator ids and flattens it. Every problem is reported:
 * duplicate or missing ids, unknown indicators, bad directions, negative or non-finite weights,
 * sibling weights summing to 0, inner nodes without children.
 */
export function compileSystem(
  root: IndicatorNode, indicators: readonly string[], fieldPath: FieldPath = defaultPath,
): { ok: true; system: CompiledSystem } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const column = new Map(indicators.map((id, j) => [id, j]));
  const seen = new Set<string>();
  const nodes: CompiledNode[] = [];
  const leaves: CompiledLeaf[] = [];

  const visit = (node: IndicatorNode, indices: number[], depth: number): { list: 'nodes' | 'leaves'; index: number } | undefined => {
    const field = (what: string) => fieldPath(indices, what);
    if (typeof node.id !== 'string' || node.id === '') errors.push({ code: 'INDEX_ID_MISSING', field: field('id') });
    else if (seen.has(node.id)) errors.push({ code: 'INDEX_DUPLICATE_ID', field: field('id'), params: { id: node.id } });
    else seen.add(node.id);
    const weight = node.weight ?? 1;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      errors.push({ code: 'INDEX_WEIGHT_INVALID', field: field('weight'), params: { node: node.id, value: String(weight) } });
    }
    if (node.children === undefined) {
      const j = column.get(node.id);
      if (j === undefined) errors.push({ code: 'INDEX_UNKNOWN_INDICATOR', field: field('id'), params: { indicator: node.id } });
      const direction = node.direction ?? 1;
      if (direction !== 1 && direction !== -1) {
        errors.push({ code: 'INDEX_DIRECTION_INVALID', field: field('direction'), params: { indicator: node.id, value: String(direction) } });
      }
      leaves.push({ id: node.id, column: j ?? -1, direction, weight, parent: -1, field: field('') });
      return { list: 'leaves', index: leaves.length - 1 };
    }
    if (node.children.length === 0) {
      errors.push({ code: 'INDEX_NODE_EMPTY', field: field('children'), params: { node: node.id } });
      return undefined;
    }
    const children = node.children.map((c, i) => visit(c, [...indices, i], depth + 1));
    const total = node.children.reduce((s, c) => s + (Number.isFinite(c.weight ?? 1) ? (c.weight ?? 1) : 0), 0);
    if (!(total > 0)) errors.push({ code: 'INDEX_WEIGHTS_ZERO', field: field('children'), params: { node: node.id } });
    nodes.push({
      id: node.id, parent: -1, weight, depth, leaves: [], nodes: [], aggregation: node.aggregation, field: field(''),
    });
    const self = nodes.length - 1;
    for (const c of children) {
      if (!c) continue;
      if (c.list === 'leaves') {
        (leaves[c.index] as CompiledLeaf).parent = self;
        (nodes[self] as CompiledNode).leaves.push(c.index);
      } else {
        (nodes[c.index] as CompiledNode).parent = self;
        (nodes[self] as CompiledNode).nodes.push(c.index);
      }
    }
    return { list: 'nodes', index: self };
  };
  const top = visit(root, [], 0);
  if (top?.list === 'leaves') errors.push({ code: 'INDEX_NODE_EMPTY', field: fieldPath([], 'children'), params: { node: root.id } });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, system: { nodes, leaves } };
}

/** Weight of each leaf in the index: the product of its own and its ancestors' normalised weights. */
export function effectiveWeights(system: CompiledSystem, leafWeights?: Float64Array, nodeWeights?: Float64Array): Float64Array {
  const lw = leafWeights ?? Float64Array.from(system.leaves, (l) => l.weight);
  const nw = nodeWeights ?? Float64Array.from(system.nodes, (n) => n.weight);
  const share = new Float64Array(system.nodes.length).fill(1);
  const childTotal = (node: CompiledNode) =>
    node.leaves.reduce((s, l) => s + (lw[l] as number), 0) + node.nodes.reduce((s, c) => s + (nw[c] as number), 0);
  for (let i = system.nodes.length - 1; i >= 0; i--) {
    const node = system.nodes[i] as CompiledNode;
    if (node.parent < 0) continue;
    const parent = system.nodes[node.parent] as CompiledNode;
    share[i] = ((share[node.parent] as number) * (nw[i] as number)) / childTotal(parent);
  }
  return Float64Array.from(system.leaves, (leaf, l) => {
    const parent = system.nodes[leaf.parent] as CompiledNode;
    return ((share[leaf.parent] as number) * (lw[l] as number)) / childTotal(parent);
  });
}
