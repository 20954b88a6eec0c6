/**
 * Weights from principal components (主成分分析赋权; handbook §6.1, after Nicoletti et al. 2000):
 *  1. the Pearson correlation matrix of the indicators over the units that have all of them;
 *  2. its eigen-decomposition; factors with eigenvalue > 1 are retained (Kaiser), at least one,
 *     or as many as asked;
 *  3. loadings L_jf = v_jf·√λ_f, varimax-rotated when more than one factor is retained;
 *  4. squared loadings scaled to unity sum within each factor, s_jf = L_jf² / Σ_j L_jf²;
 *  5. each indicator takes its largest s_jf, times that factor's share of the variance the
 *     retained factors explain (Σ_j L_jf² / Σ_f Σ_j L_jf²); the weights are scaled to sum to 1.
 *
 * `method: 'coinr'` gives COINr's get_PCA weights instead: the first principal component's
 * loadings (unit eigenvector of the correlation matrix, prcomp(scale. = TRUE)'s rotation[, 1]),
 * as they are: not scaled to sum to 1, and negative where the indicator opposes the component.
 * COINr leaves each component's sign to LAPACK; Keping fixes it so that the loading largest in
 * absolute value is positive (pcaLoadings). Both drop the units with any gap (complete cases).
 */
import type { FieldError } from '../errors.js';
import { symmetricEigen, varimax } from './linalg.js';
import { type IndicatorMatrix, columnOf } from './matrix.js';

export interface PcaWeights {
  weights: Float64Array;
  eigenvalues: Float64Array;
  retained: number;
  /** Share of the total variance explained by the retained factors. */
  explained: number;
  /** Factor each indicator was assigned to. */
  factor: Int32Array;
  /** Complete units the correlations used. */
  units: number;
}

export interface PcaLoadings {
  /** Eigenvalues of the correlation matrix (the components' variances), largest first. */
  eigenvalues: Float64Array;
  /** Per component, its unit eigenvector, signed so that its largest-|.| loading is positive. */
  loadings: Float64Array[];
  /** Complete units the correlations used. */
  units: number;
}

/** The Pearson correlations of the indicators over the units that have all of them. */
function completeCorrelations(data: IndicatorMatrix): { ok: true; corr: Float64Array; units: number } | { ok: false; errors: FieldError[] } {
  const k = data.indicators.length;
  const n = data.units.length;
  const cols = data.indicators.map((_, j) => columnOf(data, j));
  const complete: number[] = [];
  for (let u = 0; u < n; u++) if (cols.every((c) => c[u] === c[u])) complete.push(u);
  const m = complete.length;
  if (m < 3 || k < 2) return { ok: false, errors: [{ code: 'INDEX_PCA_TOO_FEW', field: 'data', params: { units: m, indicators: k } }] };
  const z = cols.map((c, j) => {
    let s = 0;
    for (const u of complete) s += c[u] as number;
    const mean = s / m;
    let ss = 0;
    for (const u of complete) ss += ((c[u] as number) - mean) ** 2;
    const sd = Math.sqrt(ss / (m - 1));
    return { mean, sd, id: data.indicators[j] as string };
  });
  const constant = z.find((s) => !(s.sd > 0));
  if (constant) return { ok: false, errors: [{ code: 'INDEX_ZERO_VARIANCE', field: 'data', params: { indicator: constant.id, count: m } }] };
  const corr = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const ci = cols[i] as Float64Array;
      const cj = cols[j] as Float64Array;
      const si = z[i] as { mean: number; sd: number };
      const sj = z[j] as { mean: number; sd: number };
      let s = 0;
      for (const u of complete) s += ((ci[u] as number) - si.mean) * ((cj[u] as number) - sj.mean);
      const r = s / ((m - 1) * si.sd * sj.sd);
      corr[i * k + j] = r;
      corr[j * k + i] = r;
    }
  }
  return { ok: true, corr, units: m };
}

/**
 * Principal components of the standardised indicators over the complete units (COINr's get_PCA:
 * na.omit, then prcomp with centring and scaling): eigenvalues and unit loadings. The Jacobi sweeps
 * run to rounding (on ASEM the loadings come within 3e-13 of LAPACK's, against 2e-12 at the default stop).
 */
export function pcaLoadings(data: IndicatorMatrix): { ok: true; result: PcaLoadings } | { ok: false; errors: FieldError[] } {
  const c = completeCorrelations(data);
  if (!c.ok) return c;
  const { values, vectors } = symmetricEigen(c.corr, data.indicators.length, 0);
  const loadings = vectors.map((v) => {
    let top = 0;
    for (const x of v) if (Math.abs(x) > Math.abs(top)) top = x;
    return top < 0 ? Float64Array.from(v, (x) => -x) : v;
  });
  return { ok: true, result: { eigenvalues: values, loadings, units: c.units } };
}

export function pcaWeights(
  data: IndicatorMatrix, options: { retain?: number; rotate?: boolean; method?: 'handbook' | 'coinr' } = {},
): { ok: true; result: PcaWeights } | { ok: false; errors: FieldError[] } {
  const k = data.indicators.length;
  if (options.method === 'coinr') {
    const p = pcaLoadings(data);
    if (!p.ok) return p;
    const { eigenvalues, loadings, units } = p.result;
    return {
      ok: true,
      result: {
        weights: Float64Array.from(loadings[0] as Float64Array), eigenvalues, retained: 1,
        explained: (eigenvalues[0] as number) / k, factor: new Int32Array(k), units,
      },
    };
  }
  const c = completeCorrelations(data);
  if (!c.ok) return c;
  const { corr, units: m } = c;
  const { values, vectors } = symmetricEigen(corr, k);
  const kaiser = values.filter((v) => v > 1).length;
  const retained = Math.max(1, Math.min(k, options.retain ?? kaiser));
  let loadings: Float64Array[] = vectors.slice(0, retained).map((v, f) => Float64Array.from(v, (x) => x * Math.sqrt(Math.max(0, values[f] as number))));
  if (options.rotate !== false) loadings = varimax(loadings, k);
  const factorVariance = loadings.map((l) => l.reduce((s, x) => s + x * x, 0));
  const totalExplained = factorVariance.reduce((s, v) => s + v, 0);
  const weights = new Float64Array(k);
  const factor = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    let best = -1;
    for (let f = 0; f < retained; f++) {
      const share = ((loadings[f] as Float64Array)[j] as number) ** 2 / (factorVariance[f] as number);
      const w = share * ((factorVariance[f] as number) / totalExplained);
      if (share > best) {
        best = share;
        weights[j] = w;
        factor[j] = f;
      }
    }
  }
  const sum = weights.reduce((s, v) => s + v, 0);
  for (let j = 0; j < k; j++) weights[j] = (weights[j] as number) / sum;
  return { ok: true, result: { weights, eigenvalues: values, retained, explained: totalExplained / k, factor, units: m } };
}
