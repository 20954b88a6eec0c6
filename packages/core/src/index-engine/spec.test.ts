import { describe, expect, it } from 'vitest';
import { computeIndex } from './compute.js';
import { matrixFromRows } from './matrix.js';
import { compileSystem } from './system.js';
import { DEFAULT_WEIGHT_PERTURBATION, configFromSpec, parseIndexSpec, specFieldPath, uncertaintyFromSpec } from './spec.js';

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
    const c = compileSystem(configFromSpec(r.spec).system, ['x', 'y'], specFieldPath);
    expect(!c.ok && c.errors).toEqual([
      { code: 'INDEX_UNKNOWN_INDICATOR', field: 'groups[1].indicators[0].id', params: { indicator: 'w' } },
      { code: 'INDEX_WEIGHTS_ZERO', field: 'groups[1].indicators', params: { node: 'ip' } },
      { code: 'INDEX_WEIGHTS_ZERO', field: 'groups', params: { node: 'index' } },
    ]);
  });
});
