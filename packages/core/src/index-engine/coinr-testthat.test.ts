/**
 * COINr 1.1.14's own unit tests (tests/testthat/*.R) for the methods Keping shares, ported with the
 * same inputs and expectations: normalisation, outlier treatment, imputation and statistics here,
 * aggregation and PCA in coinr-testthat-aggregate.test.ts. Where COINr draws runif() inputs, the
 * port draws them from a seeded generator; where it compares with a value it computes inline, the
 * formula is written out here. Expectations Keping does not share are listed, per test, in comments.
 *
 * Not shared at all: Normalise()/Treat()/Impute() purse methods and data-frame-vs-coin consistency
 * checks (Keping has one path, the column function), n_dist2ref, n_scaled's unbounded form
 * (ported as goalposts without truncation), Treat's force_win and plain "log", imputation by row
 * and by normalising first, a custom imputation function, get_stats' table formatting.
 */
import { describe, expect, it } from 'vitest';
import { asem, expectEqual } from './coinr-testthat.fixture.js';
import { createRng } from '../random.js';
import { imputeColumn } from './impute.js';
import { applyTransform, type NormalisationSpec, normaliseColumn } from './normalise.js';
import { treatOutliers } from './outliers.js';
import { median, moments, skewKurt } from './stats.js';


const runif = (seed: string, n: number): Float64Array => {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.next());
};

function norm(x: Float64Array, spec: NormalisationSpec, direction: 1 | -1 = 1): Float64Array {
  const r = normaliseColumn(x, direction, spec, 'x');
  if (!r.ok) throw new Error(r.error.code);
  return applyTransform(x, r.transform);
}

/** testthat's expect_equal on numbers, at Keping's conformance tolerance. */
const present = (x: Float64Array): number[] => Array.from(x).filter((v) => v === v);
const min = (x: Float64Array): number => Math.min(...present(x));
const max = (x: Float64Array): number => Math.max(...present(x));
const seq = (a: number, b: number): Float64Array => Float64Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('COINr testthat: test-normalise.R', () => {
  it('norm_num: n_minmax to [2, 7], n_zscore to mean 5 sd 2, n_dist2targ capped at 8', () => {
    const x = seq(1, 10);
    const mm = norm(x, { method: 'minmax', range: [2, 7] });
    expectEqual([min(mm), max(mm)], [2, 7]);
    const z = norm(x, { method: 'zscore', scale: [5, 2] });
    const m = moments(z);
    expectEqual([m.mean, m.sd], [5, 2]);
    const t = norm(x, { method: 'target', target: 8, cap: true });
    expectEqual([min(t), max(t)], [0, 1]);
    expectEqual(Array.from(t).filter((_, i) => (x[i] as number) >= 8), [1, 1, 1]);
  });

  it('norm_df: default min-max onto [0, 100]; per indicator minmax [1, 10] and Borda 0..9; directions', () => {
    for (const seed of ['v1', 'v2']) {
      const v = runif(seed, 10);
      const n = norm(v, { method: 'minmax', range: [0, 100] });
      expectEqual([min(n), max(n)], [0, 100]);
    }
    const v1 = runif('v1', 10);
    const v2 = runif('v2', 10);
    const n1 = norm(v1, { method: 'minmax', range: [1, 10] });
    expectEqual([min(n1), max(n1)], [1, 10]);
    expect(Array.from(norm(v2, { method: 'borda', ties: 'min' })).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // v1 backwards: its minimum goes to 100, its maximum to 0; v2 forwards
    const b1 = norm(v1, { method: 'minmax', range: [0, 100] }, -1);
    expectEqual([b1[v1.indexOf(min(v1))] as number, b1[v1.indexOf(max(v1))] as number], [100, 0]);
    const f2 = norm(v2, { method: 'minmax', range: [0, 100] }, 1);
    expectEqual([f2[v2.indexOf(min(v2))] as number, f2[v2.indexOf(max(v2))] as number], [0, 100]);
  });

  it('norm_coin: n_rank of every ASEM indicator, directions applied (rank with ties at the lowest, gaps kept)', () => {
    for (const code of asem.indicators) {
      const d = asem.node(code).direction ?? 1;
      const x = asem.column(code);
      const signed = present(x).map((v) => d * v);
      // R's rank(d·x, ties.method = "min", na.last = "keep")
      const expected = Array.from(x, (v) => (v === v ? 1 + signed.filter((s) => s < d * v).length : Number.NaN));
      expectEqual(norm(x, { method: 'rank', ties: 'min' }, d), expected);
    }
  });

  it('n_funcs: n_scaled, n_dist2max, n_fracmax, n_goalposts (and its single-value cases)', () => {
    const x = runif('n_funcs', 10);
    // n_scaled(x, c(1, 10)) = (x − l)/(u − l)·100: goalposts without truncation, scale 100
    expectEqual(norm(x, { method: 'goalposts', low: 1, high: 10, scale: 100, truncate: false }), Array.from(x, (v) => ((v - 1) / (10 - 1)) * 100));
    expectEqual(norm(x, { method: 'dist2max' }), Array.from(x, (v) => 1 - (max(x) - v) / (max(x) - min(x))));
    expectEqual(norm(x, { method: 'frontier' }), Array.from(x, (v) => v / max(x)));
    expectEqual(norm(x, { method: 'goalposts', low: 0.2, high: 0.8, scale: 10 }), Array.from(x, (v) => Math.min(1, Math.max(0, (v - 0.2) / 0.6)) * 10));
    const gp = (v: number, d: 1 | -1) => norm(Float64Array.of(v), { method: 'goalposts', low: 0, high: 10, scale: 1 }, d)[0] as number;
    expectEqual([gp(1, 1), gp(11, 1), gp(-1, 1), gp(1, -1), gp(-1, -1), gp(11, -1)], [0.1, 1, 0, 0.9, 1, 0]);
  });

  it('dist2targ: both directions, with and without the cap', () => {
    const up = Float64Array.of(0, 5, 11);
    expectEqual(norm(up, { method: 'target', target: 10, cap: false }), [0, 0.5, 1.1]);
    expectEqual(norm(up, { method: 'target', target: 10, cap: true }), [0, 0.5, 1]);
    const down = Float64Array.of(-1, 1, 10);
    expectEqual(norm(down, { method: 'target', target: 0, cap: false }, -1), [1.1, 0.9, 0]);
    expectEqual(norm(down, { method: 'target', target: 0, cap: true }, -1), [1, 0.9, 0]);
  });

  it('dist2targ_coin: ASEM LPI (higher is better) and CO2 (lower is better) against their targets, uncapped', () => {
    const lpi = asem.column('LPI');
    const tl = asem.node('LPI').target as number;
    expectEqual(norm(lpi, { method: 'target', target: tl, cap: false }), Array.from(lpi, (v) => (v - min(lpi)) / (tl - min(lpi))));
    const co2 = asem.column('CO2');
    const tc = asem.node('CO2').target as number;
    expect(asem.node('CO2').direction).toBe(-1);
    expectEqual(norm(co2, { method: 'target', target: tc, cap: false }, -1), Array.from(co2, (v) => (max(co2) - v) / (max(co2) - tc)));
  });

  it('iMeta_norm_paras: min-max, z-score and goalposts with parameters per indicator', () => {
    for (const [code, lo, hi] of [['LPI', 5, 50], ['CO2', 5, 50], ['Flights', 1, 100]] as const) {
      const n = norm(asem.column(code), { method: 'minmax', range: [lo, hi] }, asem.node(code).direction ?? 1);
      expectEqual([min(n), max(n)], [lo, hi]);
    }
    for (const [code, mean, sd] of [['LPI', 100, 10], ['CO2', 100, 10], ['Flights', 10, 1]] as const) {
      const m = moments(norm(asem.column(code), { method: 'zscore', scale: [mean, sd] }, asem.node(code).direction ?? 1));
      expectEqual([m.mean, m.sd], [mean, sd]);
    }
    // goalposts 5% of the range inside each end; n_goalposts(x, c(l, u, 1), direction, trunc2posts = TRUE)
    for (const code of ['LPI', 'Tariff']) {
      const x = asem.column(code);
      const d = asem.node(code).direction ?? 1;
      const l = min(x) + 0.05 * (max(x) - min(x));
      const u = max(x) - 0.05 * (max(x) - min(x));
      const expected = Array.from(x, (v) => (v === v ? Math.min(1, Math.max(0, d === 1 ? (v - l) / (u - l) : (u - v) / (u - l))) : Number.NaN));
      expectEqual(norm(x, { method: 'goalposts', low: l, high: u, scale: 1, truncate: true }, d), expected);
    }
    expect(asem.node('Tariff').direction).toBe(-1);
  });
});

describe('COINr testthat: test-treat.R', () => {
  const passes = (x: Float64Array) => {
    const s = skewKurt(x);
    return Math.abs(s.skew) < 2 || s.kurt < 3.5; // check_SkewKurt
  };

  it('treat_num: one outlier winsorised to 10, the rest untouched, then passing', () => {
    const x = Float64Array.of(...seq(1, 10), 100);
    expect(passes(x)).toBe(false);
    const t = treatOutliers(x, { winmax: 5 });
    expect(t.values[10]).toBe(10);
    expectEqual(t.values.subarray(0, 10), x.subarray(0, 10));
    expect(passes(t.values)).toBe(true);
  });

  it('treat_num: with winmax 1 winsorising alone does not pass, so the second function (log) is applied', () => {
    const x = Float64Array.of(...seq(1, 20), 100, 200);
    const t = treatOutliers(x, { winmax: 1 });
    // COINr: after one point, c(1:20, 100, 100) still fails; Keping's second step is COINr's log_CT
    expect(passes(Float64Array.of(...seq(1, 20), 100, 100))).toBe(false);
    expect(t.report.treatment).toBe('log');
    expectEqual(t.values, Array.from(x, (v) => Math.log(v - 1 + 0.01 * (200 - 1))));
    // Not shared: f2 = "log" (plain log(x)) and force_win
  });

  it('treat_df: winsorise (winmax 2) then log_CT per column, as COINr 1.1.14 gives them', () => {
    const u = runif('treat_df', 11);
    // uniform data passes and is left as it is
    expect(passes(u)).toBe(true);
    expect(treatOutliers(u, { winmax: 2 }).report.treatment).toBe('none');
    expectEqual(treatOutliers(Float64Array.of(...seq(1, 10), 100), { winmax: 2 }).values, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
    expectEqual(treatOutliers(Float64Array.of(...seq(1, 10), -100), { winmax: 2 }).values, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1]);
    // treat_coin (coin method equals data-frame method) is held by coinr-treat.test.ts on ASEM; disable_treat is outliers: false
  });
});

describe('COINr testthat: test-Impute.R', () => {
  it('Impute.numeric: i_median fills the gap, the rest untouched', () => {
    const x = Float64Array.from(seq(1, 10), (v, i) => (i === 2 ? Number.NaN : v));
    const r = imputeColumn(x, { method: 'median' });
    expect(r.values[2]).toBe(median(x));
    expect(r.values.length).toBe(x.length);
    expectEqual([...r.values.subarray(0, 2), ...r.values.subarray(3)], [...x.subarray(0, 2), ...x.subarray(3)]);
    // Not shared: a mis-specified custom imputation function
  });

  it('Impute.data.frame: i_mean by column (by row with the median: not shared)', () => {
    const rng = createRng('impute_df');
    for (let c = 0; c < 5; c++) {
      const x = Float64Array.from({ length: 10 }, () => rng.next());
      if (c % 2 === 0) {
        x[rng.int(5)] = Number.NaN;
        x[5 + rng.int(5)] = Number.NaN;
      }
      const mean = present(x).reduce((s, v) => s + v, 0) / present(x).length;
      expectEqual(imputeColumn(x, { method: 'mean' }).values, Array.from(x, (v) => (v === v ? v : mean)));
    }
    // impute.coin (i_mean_grp by population group on ASEM) is held by coinr-impute.test.ts
  });

  for (const method of ['mean', 'median'] as const) {
    it(`group_${method}: each gap takes its group's ${method}`, () => {
      const rng = createRng(`group_${method}`);
      const x = Float64Array.from({ length: 20 }, () => rng.next());
      const codes = Int32Array.from({ length: 20 }, () => rng.int(2));
      for (const i of [0, 4, 9]) x[i] = Number.NaN;
      const r = imputeColumn(x, { method, by: 'group' }, { codes, count: 2 });
      const centre = (g: number) => {
        const v = present(x.filter((_, i) => codes[i] === g));
        if (method === 'mean') return v.reduce((s, y) => s + y, 0) / v.length;
        v.sort((a, b) => a - b);
        return v.length % 2 ? (v[(v.length - 1) / 2] as number) : ((v[v.length / 2 - 1] as number) + (v[v.length / 2] as number)) / 2;
      };
      expectEqual([0, 4, 9].map((i) => r.values[i] as number), [0, 4, 9].map((i) => centre(codes[i] as number)));
      // Not shared: a unit with no group stays missing in COINr; Keping's units always have a group code
    });
  }
});

describe('COINr testthat: test-stats.R', () => {
  it('stats: ASEM Flights has |skew| > 2 and kurtosis > 3.5 (flagged OUT)', () => {
    const s = skewKurt(asem.column('Flights'));
    expect(Math.abs(s.skew) > 2 && s.kurt > 3.5).toBe(true);
    expect(treatOutliers(asem.column('Flights')).report.flagged).toBe(true);
    // Not shared: get_stats' table (signif to 4 digits, N.Unique)
  });
});
