/**
 * A synthetic review panel with known truth, for tests and benchmarks of calibration and ranking:
 * entries of known quality, experts with a leniency bias and a spread of their own, and reviews on
 * a rubric's scales (rounded to the step, clamped) from balanced assignments. Seeded throughout.
 */
import { createRng } from '../random.js';
import { RUBRIC_2019, type Review, type Rubric } from './scoring.js';
import { normal } from './stats.js';

export interface SyntheticPanelOptions {
  entries: number;
  experts: number;
  reviewsPerEntry: number;
  seed: string | number;
  rubric?: Rubric;
  /** Spread of entries' true quality, as a fraction of the scale (default 0.15). */
  qualitySd?: number;
  /** Spread of experts' biases, as a fraction of the scale (default 0.12). */
  biasSd?: number;
  /** Noise of one score at confidence 1, as a fraction of the scale (default 0.05). */
  noiseSd?: number;
  /** Experts' spread factors are drawn from [1 - s, 1 + s] (default 0.3). */
  spreadVariation?: number;
}

export interface SyntheticPanel {
  reviews: Review[];
  /** True quality per entry on REVIEW_SCALE (what a perfect panel would give). */
  truth: Map<string, number>;
  /** The bias each expert was given, on REVIEW_SCALE. */
  bias: Map<string, number>;
  /** Category per entry, cycling through three industries. */
  category: Map<string, string>;
}

const CATEGORIES = ['ai', 'biomedicine', 'ic'] as const;

export function syntheticPanel(o: SyntheticPanelOptions): SyntheticPanel {
  const rubric = o.rubric ?? RUBRIC_2019;
  const rng = createRng(o.seed);
  const qualitySd = o.qualitySd ?? 0.15;
  const biasSd = o.biasSd ?? 0.12;
  const noiseSd = o.noiseSd ?? 0.05;
  const spreadVariation = o.spreadVariation ?? 0.3;
  const totalWeight = rubric.criteria.reduce((s, c) => s + c.weight, 0);

  const experts = Array.from({ length: o.experts }, (_, i) => ({
    id: `X${String(i + 1).padStart(3, '0')}`,
    bias: biasSd * normal(rng),
    spread: 1 - spreadVariation + 2 * spreadVariation * rng.next(),
  }));
  const load = new Int32Array(o.experts);
  const truth = new Map<string, number>();
  const bias = new Map(experts.map((x) => [x.id, 100 * x.bias]));
  const category = new Map<string, string>();
  const reviews: Review[] = [];
  for (let i = 0; i < o.entries; i++) {
    const entry = `E${String(i + 1).padStart(4, '0')}`;
    category.set(entry, CATEGORIES[i % CATEGORIES.length] as string);
    // Quality per criterion as a position on [0, 1]: a common level plus a little per criterion.
    const level = 0.6 + qualitySd * normal(rng);
    const quality = rubric.criteria.map(() => Math.min(1, Math.max(0, level + 0.3 * qualitySd * normal(rng))));
    truth.set(entry, rubric.criteria.reduce((s, c, j) => s + (100 * c.weight * (quality[j] as number)) / totalWeight, 0));
    // The least-loaded experts review it, ties broken at random, so loads stay balanced.
    const tieKey = experts.map(() => rng.next());
    const order = experts.map((_, x) => x).sort((a, b) => (load[a] as number) - (load[b] as number) || (tieKey[a] as number) - (tieKey[b] as number));
    for (const x of order.slice(0, o.reviewsPerEntry)) {
      load[x] = (load[x] as number) + 1;
      const ex = experts[x] as (typeof experts)[number];
      const confidence = 1 + rng.int(3);
      const scores: Record<string, number> = {};
      rubric.criteria.forEach((c, j) => {
        const pos = 0.6 + ex.spread * ((quality[j] as number) - 0.6) + ex.bias + (noiseSd / Math.sqrt(confidence)) * normal(rng);
        const raw = c.scale.min + pos * (c.scale.max - c.scale.min);
        // toFixed keeps 0.1-steps on the grid (0.1·3 is 0.30000000000000004 in doubles).
        const stepped = Number((c.scale.min + Math.round((raw - c.scale.min) / c.scale.step) * c.scale.step).toFixed(10));
        scores[c.id] = Math.min(c.scale.max, Math.max(c.scale.min, stepped));
      });
      reviews.push({ entry, expert: ex.id, scores, confidence });
    }
  }
  return { reviews, truth, bias, category };
}
