/** The new-cycle form's model: a spec survives the editor unchanged, and what the server would refuse is found first. */
import { DEMO_PILLARS } from '@keping/core';
import { describe, expect, it } from 'vitest';
import type { IndexSpec } from '../src/indexTypes';
import {
  addRow, methodsFromSpec, newGroup, newIndicator, removeRow, rowsFromSystem, specOf, updateRow, validateSystem,
} from '../src/pages/rounds/index/new/specModel';

const spec: IndexSpec = {
  system: {
    id: 'index', name: { zh: '硬核科技企业创新指数', en: 'Hardcore-tech enterprise innovation index' },
    children: DEMO_PILLARS.map((p) => ({
      id: p.id, name: { zh: p.zh, en: p.en }, weight: p.weight,
      children: p.indicators.map((i) => ({ id: i.id, name: { zh: i.zh, en: i.en }, weight: 1, direction: i.direction, unit: i.unit, source: '企业填报', year: 2024 })),
    })),
  },
  normalisation: { method: 'minmax', range: [0, 100] },
  aggregation: 'arithmetic',
  imputation: 'none',
  outliers: true,
  minCoverage: 0.6,
  uncertainty: { replicates: 200, weightPerturbation: 0.2 },
};

describe('spec model of the new-cycle form', () => {
  it('gives back the spec it was given (copy from an earlier cycle)', () => {
    const { root, rows } = rowsFromSystem(spec.system);
    expect(validateSystem(root, rows)).toEqual([]);
    expect(specOf(root, rows, methodsFromSpec(spec))).toEqual(spec);
  });

  it('keeps Monte Carlo alternatives with the spec\'s own choice among them', () => {
    const { root, rows } = rowsFromSystem(spec.system);
    const methods = { ...methodsFromSpec(spec), altNormalisations: ['rank' as const], altAggregations: ['geometric' as const] };
    const out = specOf(root, rows, methods);
    expect(out.uncertainty.normalisations).toEqual([{ method: 'minmax', range: [0, 100] }, { method: 'rank' }]);
    expect(out.uncertainty.aggregations).toEqual(['arithmetic', 'geometric']);
    expect(methodsFromSpec(out)).toMatchObject({ altNormalisations: ['rank'], altAggregations: ['geometric'] });
  });

  it('finds missing and repeated ids, empty pillars and weights summing to 0', () => {
    const { root, rows } = rowsFromSystem(spec.system);
    const first = rows[0]!;
    const leaf = first.children![0]!;
    let edited = updateRow(rows, leaf.key, { id: 'rd_intensity' });
    edited = addRow(edited, null, { ...newGroup(), id: 'empty', children: [] });
    edited = addRow(edited, first.key, { ...newIndicator(), id: '' });
    const zero = newGroup();
    edited = addRow(edited, null, { ...zero, id: 'zero', children: [{ ...newIndicator(), id: 'z1', weight: 0 }] });
    const codes = validateSystem(root, edited).map((p) => `${p.code}:${p.params.id ?? ''}`);
    expect(codes).toEqual(expect.arrayContaining(['idDuplicate:rd_intensity', 'groupEmpty:empty', 'idMissing:', 'weightsZero:zero']));
    expect(validateSystem(root, removeRow(edited, zero.key)).map((p) => p.code)).not.toContain('weightsZero');
    expect(validateSystem(root, [])).toEqual([{ key: null, code: 'noPillars', params: {} }]);
  });

  it('keeps a nested tree with each group\'s own aggregation, and every normalisation and outlier option', () => {
    const nested: IndexSpec = {
      ...spec,
      system: { id: 'asem', children: [
        { id: 'conn', weight: 2, aggregation: 'geometric', children: [
          { id: 'phys', name: {}, weight: 1, children: [{ id: 'x', name: {}, weight: 1, direction: 1 }, { id: 'y', name: {}, weight: 1, direction: -1 }] },
          { id: 'inst', name: {}, weight: 1, aggregation: 'copeland', children: [{ id: 'z', name: {}, weight: 1, direction: 1 }] },
        ], name: {} },
        { id: 'sust', name: {}, weight: 1, children: [{ id: 'w', name: {}, weight: 1, direction: 1 }] },
      ], name: {} },
      normalisation: { method: 'percentile', ties: 'min', scale: 1 },
      outliers: { winmax: 3, negativeLog: 'coinr' },
      uncertainty: { replicates: 100, weightPerturbation: 0.2, normalisations: [{ method: 'percentile', ties: 'min', scale: 1 }, { method: 'goalposts', low: 1, high: 8, scale: 100, truncate: false }] },
    };
    const { root, rows } = rowsFromSystem(nested.system);
    expect(rows[0]?.aggregation).toBe('geometric');
    expect(rows[0]?.children?.[0]?.aggregation).toBeNull();
    const methods = methodsFromSpec(nested);
    expect(methods).toMatchObject({ ties: 'min', percentileScale: 1, winmax: 3, negativeLog: 'coinr', goalLo: 1, goalHi: 8, goalTruncate: false });
    expect(specOf(root, rows, methods)).toEqual(nested);
    // back to the defaults, the outlier rule is written as before: `true`
    expect(specOf(root, rows, { ...methods, winmax: 5, negativeLog: 'mirror' }).outliers).toBe(true);
    expect(specOf(root, rows, { ...methods, outliers: false }).outliers).toBe(false);
    const inherit = updateRow(rows, rows[0]!.key, { aggregation: null });
    expect(specOf(root, inherit, methods).system.children?.[0]).not.toHaveProperty('aggregation');
  });
});
