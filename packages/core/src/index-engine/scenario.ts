/**
 * One scenario of the uncertainty analysis: an imputation, a normalisation, an aggregation and
 * a set of weights, scored and ranked. Each (imputation, normalisation, aggregation) is
 * prepared once and cached, so a replicate costs one pass over the columns plus one radix sort.
 */
import type { FieldError } from '../errors.js';
import type { Rng } from '../random.js';
import { type AggregationMethod, type ScoreWork, scoreTree, scoreWork } from './aggregate.js';
import type { ImputationSpec, UnitGroups } from './impute.js';
import type { IndicatorMatrix } from './matrix.js';
import type { NormalisationSpec } from './normalise.js';
import type { OutlierRule } from './outliers.js';
import { type KnownRanges, type Prepared, logLeaves, nodeMethods, prepareLeaves } from './prepare.js';
import { type RankBuffers, orderDescending, rankBuffers, ranksInOrder } from './rank.js';
import type { CompiledSystem } from './system.js';

/** The declared alternatives; the configuration's own choice is always the first of each list. */
export interface Alternatives {
  imputations: ImputationSpec[];
  normalisations: NormalisationSpec[];
  aggregations: AggregationMethod[];
  /** Each weight multiplied by 1 + x·(2U − 1), U uniform on [0, 1); 0 keeps the weights. */
  weightPerturbation: number;
}

export interface Scenario {
  imputation: number;
  normalisation: number;
  aggregation: number;
  leafWeights: Float64Array;
  nodeWeights: Float64Array;
}

const RAN = { ok: true } as const;

export class ScenarioRunner {
  readonly baseLeafWeights: Float64Array;
  readonly baseNodeWeights: Float64Array;
  /** Each (imputation, normalisation) prepared, by i·J + j, and each with its aggregation, by (i·J + j)·A + a. */
  private readonly bases: (Prepared | undefined)[] = [];
  private readonly ready: ({ ok: true; prepared: Prepared } | undefined)[] = [];
  private readonly work: ScoreWork;
  private readonly buffers: RankBuffers;

  constructor(
    readonly data: IndicatorMatrix, readonly system: CompiledSystem, readonly alternatives: Alternatives,
    private readonly outliers: OutlierRule | false, private readonly groups: UnitGroups | undefined, private readonly relativeTolerance = 1e-9,
    /** The columns' ranges when already measured on this very data (the coverage check's). */
    private readonly ranges?: KnownRanges,
  ) {
    this.baseLeafWeights = Float64Array.from(system.leaves, (l) => l.weight);
    this.baseNodeWeights = Float64Array.from(system.nodes, (x) => x.weight);
    this.work = scoreWork(system, data.units.length);
    this.buffers = rankBuffers(data.units.length);
  }

  /** Prepares every combination up front, so that a bad alternative is refused before any run. */
  prepareAll(): FieldError[] {
    const { imputations, normalisations, aggregations } = this.alternatives;
    for (let i = 0; i < imputations.length; i++) {
      for (let j = 0; j < normalisations.length; j++) {
        for (let a = 0; a < aggregations.length; a++) {
          const r = this.prepared(i, j, a);
          if (!r.ok) return r.errors;
        }
      }
    }
    return [];
  }

  private prepared(i: number, j: number, a: number): { ok: true; prepared: Prepared } | { ok: false; errors: FieldError[] } {
    // looked up by number, so that a replicate allocates nothing
    const { normalisations, aggregations } = this.alternatives;
    const baseSlot = i * normalisations.length + j;
    const slot = baseSlot * aggregations.length + a;
    const hit = this.ready[slot];
    if (hit) return hit;
    // imputation, treatment and normalisation once per (i, j); a geometric choice only adds the logs
    let base = this.bases[baseSlot];
    if (!base) {
      const r = prepareLeaves(this.data, this.system, {
        imputation: this.alternatives.imputations[i] as ImputationSpec,
        normalisation: this.alternatives.normalisations[j] as NormalisationSpec,
        aggregation: 'arithmetic', outliers: this.outliers,
      }, this.groups, this.ranges);
      if (!r.ok) return r;
      base = r.prepared;
      this.bases[baseSlot] = base;
    }
    const methods = nodeMethods(this.system, aggregations[a] as AggregationMethod);
    const logged = logLeaves(base.leaves, this.data, this.system, methods);
    if (!logged.ok) return logged;
    const ready = { ok: true as const, prepared: { ...base, leaves: logged.leaves, methods } };
    this.ready[slot] = ready;
    return ready;
  }

  /** Draws a scenario uniformly over the alternatives, weights perturbed. */
  draw(rng: Rng, out?: Scenario): Scenario {
    const s = out ?? {
      imputation: 0, normalisation: 0, aggregation: 0,
      leafWeights: new Float64Array(this.baseLeafWeights.length), nodeWeights: new Float64Array(this.baseNodeWeights.length),
    };
    s.imputation = rng.int(this.alternatives.imputations.length);
    s.normalisation = rng.int(this.alternatives.normalisations.length);
    s.aggregation = rng.int(this.alternatives.aggregations.length);
    this.perturb(rng, s.leafWeights, s.nodeWeights);
    return s;
  }

  perturb(rng: Rng, leafWeights: Float64Array, nodeWeights: Float64Array): void {
    const x = this.alternatives.weightPerturbation;
    for (let l = 0; l < leafWeights.length; l++) leafWeights[l] = (this.baseLeafWeights[l] as number) * (1 + x * (2 * rng.next() - 1));
    for (let k = 0; k < nodeWeights.length; k++) nodeWeights[k] = (this.baseNodeWeights[k] as number) * (1 + x * (2 * rng.next() - 1));
  }

  /** Scores and ranks one scenario into `ranks` (1 = best; 0 = no score). */
  run(s: Scenario, ranks: Int32Array): { ok: true } | { ok: false; errors: FieldError[] } {
    const p = this.prepared(s.imputation, s.normalisation, s.aggregation);
    if (!p.ok) return p;
    const { leaves, methods } = p.prepared;
    const scored = scoreTree(this.system, leaves, methods, s.leafWeights, s.nodeWeights, this.work, this.data.units, true);
    if (!scored.ok) return { ok: false, errors: [scored.error] };
    const index = scored.scores[scored.scores.length - 1] as Float64Array;
    const order = orderDescending(index, this.buffers);
    ranksInOrder(this.buffers.sorted, order, this.relativeTolerance, ranks);
    return RAN;
  }
}
