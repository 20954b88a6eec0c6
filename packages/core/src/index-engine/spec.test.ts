import { describe, expect, it } from 'vitest';
import { computeIndex } from './compute.js';
import { matrixFromRows } from './matrix.js';
import { compileSystem } from './system.js';
import { DEFAULT_WEIGHT_PERTURBATION, configFromSpec, parseIndexSpec, specFieldPath, systemOfSpec, uncertaintyFromSpec } from './spec.js';

const good = {
  normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic',
  groups: [{ id: 'rd', weight: 0.4, indicators: [{ id: 'x', direction: 1, weight: 1 }, { id: 'y', direction: -1 }] }, { id: 'ip', weight: 0.6, indicators: [{ id: 'z' }] }],
};

describe('index spec', () => {
  it('reads the issue\'s form into an index → groups → indicators tree', () => {
    const r = parseIndexSpec(JSON.stringify(good));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const config = configFromSpec(r.spec);
    expect(config.system.children?.map((g) => [g.id, g.weight, g.children?.map((i) => [i.id, i.direction, i.weight])])).toEqual([
      ['rd', 0.4, [['x', 1, 1], ['y', -1, 1]]], ['ip', 0.6, [['z', 1, 1]]],
    ]);
    const data = matrixFromRows(['a', 'b'], ['x', 'y', 'z'], [[1, 2, 3], [2, 1, 4]]);
    const result = computeIndex(data, config);
    expect(result.ok && Array.from(result.result.scores)).toEqual([0, 100]);
    expect(uncertaintyFromSpec(r.spec, 100, 's').weightPerturbation).toBe(DEFAULT_WEIGHT_PERTURBATION);
  });

  it('names the path of every invalid part', () => {
    const r = parseIndexSpec(JSON.stringify({
      normalisation: { method: 'minmaxx' }, aggregation: 'mean', extra: 1,
      groups: [{ id: 'g', weight: -1, indicators: [{ id: 'x', direction: 0 }] }, { id: 'h', indicators: [] }],
    }));
    expect(!r.ok && r.errors.map((e) => [e.code, e.field])).toEqual([
      ['INDEX_SPEC_VALUE', 'normalisation.method'],
      ['INDEX_SPEC_VALUE', 'aggregation'],
      ['INDEX_SPEC_TOO_SMALL', 'groups[0].weight'],
      ['INDEX_SPEC_VALUE', 'groups[0].indicators[0].direction'],
      ['INDEX_SPEC_TOO_SMALL', 'groups[1].indicators'],
      ['INDEX_SPEC_KEYS', 'spec'],
    ]);
    const json = parseIndexSpec('{"groups": [');
    expect(!json.ok && json.errors[0]?.code).toBe('INDEX_SPEC_JSON');
  });

  it('reports weights summing to 0 and unknown indicators at their place in the spec', () => {
    const r = parseIndexSpec(JSON.stringify({ ...good, groups: [{ id: 'rd', weight: 0, indicators: [{ id: 'x' }] }, { id: 'ip', weight: 0, indicators: [{ id: 'w', weight: 0 }] }] }));
    if (!r.ok) throw new Error('parse');
    const c = compileSystem(configFromSpec(r.spec).system, ['x', 'y'], specFieldPath(r.spec));
    expect(!c.ok && c.errors).toEqual([
      { code: 'INDEX_UNKNOWN_INDICATOR', field: 'groups[1].indicators[0].id', params: { indicator: 'w' } },
      { code: 'INDEX_WEIGHTS_ZERO', field: 'groups[1].indicators', params: { node: 'ip' } },
      { code: 'INDEX_WEIGHTS_ZERO', field: 'groups', params: { node: 'index' } },
    ]);
  });

  const nested = {
    normalisation: { method: 'minmax', range: [1, 2] }, aggregation: 'arithmetic',
    groups: [
      { id: 'conn', weight: 2, aggregation: 'geometric', groups: [
        { id: 'phys', indicators: [{ id: 'x' }, { id: 'y', direction: -1 }] },
        { id: 'inst', weight: 3, indicators: [{ id: 'z' }] },
      ] },
      { id: 'sust', indicators: [{ id: 'w' }] },
    ],
  };

  it('reads groups of groups to any depth, each level with its weights and its own aggregation', () => {
    const r = parseIndexSpec(JSON.stringify(nested));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const data = matrixFromRows(['a', 'b', 'c'], ['x', 'y', 'z', 'w'], [[0, 10, 5, 1], [10, 0, 0, 3], [5, 5, 10, 2]]);
    const computed = computeIndex(data, configFromSpec(r.spec));
    if (!computed.ok) throw new Error(JSON.stringify(computed.errors));
    // by hand: min-max to [1, 2]; phys = mean(x, 1 + (10 − y)/10); inst = z; conn = phys^(1/4)·inst^(3/4); index = (2·conn + sust)/3
    const y = (v: number, lo: number, hi: number) => 1 + (v - lo) / (hi - lo);
    const rows = [[0, 10, 5, 1], [10, 0, 0, 3], [5, 5, 10, 2]] as const;
    const expected = rows.map(([x, yv, z, w]) => {
      const phys = (y(x, 0, 10) + y(10 - yv, 0, 10)) / 2;
      const conn = phys ** 0.25 * y(z, 0, 10) ** 0.75;
      return (2 * conn + y(w, 1, 3)) / 3;
    });
    Array.from(computed.result.scores).forEach((s, u) => expect(s).toBeCloseTo(expected[u] as number, 12));
    expect(computed.result.nodes.map((n) => [n.id, n.depth])).toEqual([['phys', 2], ['inst', 2], ['conn', 1], ['sust', 1], ['index', 0]]);
  });

  it('takes the tree as the index round stores it, giving the same index as the groups', () => {
    const r = parseIndexSpec(JSON.stringify(nested));
    if (!r.ok) throw new Error('parse');
    const asTree = parseIndexSpec(JSON.stringify({ ...nested, groups: undefined, system: systemOfSpec(r.spec) }));
    if (!asTree.ok) throw new Error(JSON.stringify(asTree.errors));
    expect(configFromSpec(asTree.spec)).toEqual(configFromSpec(r.spec));
    const both = parseIndexSpec(JSON.stringify({ ...nested, system: systemOfSpec(r.spec) }));
    expect(!both.ok && both.errors.map((e) => [e.code, e.field])).toEqual([['INDEX_SPEC_TREE', 'groups']]);
  });

  it('names nested positions as the spec writes them', () => {
    const bad = { ...nested, groups: [{ ...nested.groups[0], groups: [{ id: 'phys', indicators: [{ id: 'x', weight: -1 }] }, { id: 'inst' }] }] };
    const r = parseIndexSpec(JSON.stringify(bad));
    expect(!r.ok && r.errors.map((e) => [e.code, e.field])).toEqual([
      ['INDEX_SPEC_TOO_SMALL', 'groups[0].groups[0].indicators[0].weight'],
      ['INDEX_GROUP_EMPTY', 'groups[0].groups[1].indicators'],
    ]);
    const ok = parseIndexSpec(JSON.stringify(nested));
    if (!ok.ok) throw new Error('parse');
    const c = compileSystem(configFromSpec(ok.spec).system, ['x', 'z', 'w'], specFieldPath(ok.spec));
    expect(!c.ok && c.errors.map((e) => e.field)).toEqual(['groups[0].groups[0].indicators[1].id']);
    const tree = parseIndexSpec(JSON.stringify({ ...nested, groups: undefined, system: systemOfSpec(ok.spec) }));
    if (!tree.ok) throw new Error('parse');
    const t = compileSystem(configFromSpec(tree.spec).system, ['x', 'z', 'w'], specFieldPath(tree.spec));
    expect(!t.ok && t.errors.map((e) => e.field)).toEqual(['system.children[0].children[0].children[1].id']);
  });
});
