import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighs, solveHighs } from './assignment-testkit.js';
import { ArcList, arcFlows, buildFlowNetwork, solveMinCostFlow, type FlowNetwork } from './flow.js';
import { solveByCostScaling } from './flow-scaling.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

interface Net {
  nodes: number;
  arcs: { tail: number; head: number; cap: number; cost: number }[];
  supply: number[];
}

/**
 * Random acyclic networks (arcs point to higher nodes) with negative and positive costs
 * and balanced supplies. A costly backbone i → i+1 makes most instances feasible, so the
 * cheap arcs compete and augmenting paths must often undo earlier flow.
 */
const netArb: fc.Arbitrary<Net> = fc.integer({ min: 2, max: 16 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    arcs: fc.array(
      fc.record({
        tail: fc.integer({ min: 0, max: nodes - 2 }),
        span: fc.integer({ min: 1, max: nodes - 1 }),
        cap: fc.integer({ min: 0, max: 5 }),
        cost: fc.integer({ min: -1000, max: 1000 }),
      }).map((a) => ({ tail: a.tail, head: Math.min(nodes - 1, a.tail + a.span), cap: a.cap, cost: a.cost })),
      { maxLength: 80 },
    ),
    backbone: fc.array(fc.integer({ min: 2, max: 12 }), { minLength: nodes - 1, maxLength: nodes - 1 }),
    moves: fc.array(
      fc.record({ from: fc.nat(nodes - 2), span: fc.integer({ min: 1, max: nodes - 1 }), units: fc.integer({ min: 1, max: 4 }) }),
      { minLength: 1, maxLength: 12 },
    ),
  }).map(({ nodes, arcs, backbone, moves }) => {
    const supply = new Array<number>(nodes).fill(0);
    for (const mv of moves) {
      supply[mv.from]! += mv.units;
      supply[Math.min(nodes - 1, mv.from + mv.span)]! -= mv.units;
    }
    const spine = backbone.map((cap, v) => ({ tail: v, head: v + 1, cap, cost: 2000 }));
    return { nodes, arcs: [...arcs, ...spine], supply };
  }),
);

/**
 * Transportation networks: sources → sinks, every pair joined with a random capacity and
 * cost, supplies spread over the sinks as demands. Cheap pairs are contested, so later
 * augmenting paths must run backwards through earlier ones.
 */
const transportArb: fc.Arbitrary<Net> = fc
  .record({ sources: fc.integer({ min: 1, max: 6 }), sinks: fc.integer({ min: 1, max: 6 }) })
  .chain(({ sources, sinks }) =>
    fc.record({
      sources: fc.constant(sources),
      sinks: fc.constant(sinks),
      caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: sources * sinks, maxLength: sources * sinks }),
      costs: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: sources * sinks, maxLength: sources * sinks }),
      supply: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: sources, maxLength: sources }),
      split: fc.array(fc.nat(sinks - 1), { maxLength: 24 }),
    }),
  )
  .map(({ sources, sinks, caps, costs, supply, split }) => {
    const arcs = caps.map((cap, c) => ({ tail: Math.floor(c / sinks), head: sources + (c % sinks), cap, cost: costs[c]! }));
    const balance = [...supply, ...new Array<number>(sinks).fill(0)];
    const total = supply.reduce((a, b) => a + b, 0);
    for (let u = 0; u < total; u++) balance[sources + (split[u] ?? u % sinks)]! -= 1;
    return { nodes: sources + sinks, arcs, supply: balance };
  });

function reference(net: Net): { feasible: true; objective: number } | { feasible: false } {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let v = 0; v < net.nodes; v++) {
    net.arcs.forEach((a, c) => {
      if (a.tail === v) { indices.push(c); values.push(1); }
      if (a.head === v) { indices.push(c); values.push(-1); }
    });
    starts.push(indices.length);
  }
  return solveHighs(highs, {
    numCols: net.arcs.length, numRows: net.nodes,
    sense: highs.constants.objectiveSense.minimize,
    colCost: net.arcs.map((a) => a.cost), colLower: net.arcs.map(() => 0), colUpper: net.arcs.map((a) => a.cap),
    rowLower: net.supply, rowUpper: net.supply,
    matrix: { format: 'csr', numRows: net.nodes, numCols: net.arcs.length, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  });
}

type Solver = (net: FlowNetwork) => boolean;

const solvers: [string, Solver][] = [
  ['successive shortest paths', (net) => solveMinCostFlow(net).feasible === true],
  ['cost scaling from zero prices', (net) => solveByCostScaling(net).status === 'optimal'],
  [
    'cost scaling after a budgeted start',
    (net) => {
      const first = solveMinCostFlow(net, 1);
      if (first.feasible !== 'budget') return first.feasible;
      return solveByCostScaling(net, first.potential).status === 'optimal';
    },
  ],
];

describe.each(solvers)('min-cost flow: %s', (_name, solve) => {
  it('agrees with the HiGHS LP on feasibility and cost, and conserves flow within capacities', () => {
    fc.assert(
      fc.property(fc.oneof(netArb, transportArb), (net) => {
        const list = new ArcList(4);
        for (const a of net.arcs) list.add(a.tail, a.head, a.cap, a.cost);
        const flowNet = buildFlowNetwork(net.nodes, list, Int32Array.from(net.supply));
        const feasible = solve(flowNet);
        const ref = reference(net);
        expect(feasible).toBe(ref.feasible);
        if (!feasible || !ref.feasible) return;
        const flow = arcFlows(flowNet);
        const balance = new Array<number>(net.nodes).fill(0);
        let cost = 0;
        net.arcs.forEach((a, c) => {
          expect(flow[c]).toBeGreaterThanOrEqual(0);
          expect(flow[c]).toBeLessThanOrEqual(a.cap);
          balance[a.tail]! += flow[c]!;
          balance[a.head]! -= flow[c]!;
          cost += a.cost * flow[c]!;
        });
        expect(balance).toEqual(net.supply);
        expect(cost).toBe(Math.round(ref.objective));
      }),
      { numRuns: 800 },
    );
  });
});

describe('min-cost flow: infeasibility', () => {
  it('names the excess node it cannot route and what it reached', () => {
    const list = new ArcList();
    list.add(0, 1, 1, 5);
    list.add(1, 2, 0, 1);
    const outcome = solveMinCostFlow(buildFlowNetwork(3, list, Int32Array.from([1, 0, -1])));
    expect(outcome.feasible).toBe(false);
    if (!outcome.feasible) {
      expect(outcome.node).toBe(0);
      expect(Array.from(outcome.reached).sort()).toEqual([0, 1]);
    }
  });
});
