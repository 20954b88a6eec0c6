import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { symmetricEigen, varimax } from './linalg.js';
import { matrixFromRows } from './matrix.js';
import { pcaWeights } from './pca.js';

function gauss(rng: ReturnType<typeof createRng>): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

describe('linear algebra', () => {
  it('Jacobi eigenpairs satisfy A·v = λ·v with orthonormal v, sorted by decreasing λ', () => {
    const rng = createRng('eigen');
    const k = 7;
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = i; j < k; j++) a[i * k + j] = a[j * k + i] = gauss(rng);
    const { values, vectors } = symmetricEigen(a, k);
    for (let f = 0; f < k; f++) {
      const v = vectors[f] as Float64Array;
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += (a[i * k + j] as number) * (v[j] as number);
        expect(s).toBeCloseTo((values[f] as number) * (v[i] as number), 9);
      }
      for (let g = 0; g < k; g++) {
        const dot = v.reduce((s, x, i) => s + x * ((vectors[g] as Float64Array)[i] as number), 0);
        expect(dot).toBeCloseTo(f === g ? 1 : 0, 9);
      }
      if (f > 0) expect(values[f]).toBeLessThanOrEqual(values[f - 1] as number);
    }
  });

  it('varimax turns a rotated simple structure back into it', () => {
    const simple = [Float64Array.from([0.9, 0.8, 0.7, 0, 0, 0]), Float64Array.from([0, 0, 0, 0.9, 0.6, 0.8])];
    const t = Math.PI / 6;
    const rotated = [
      Float64Array.from(simple[0] as Float64Array, (x, j) => Math.cos(t) * x - Math.sin(t) * ((simple[1] as Float64Array)[j] as number)),
      Float64Array.from(simple[0] as Float64Array, (x, j) => Math.sin(t) * x + Math.cos(t) * ((simple[1] as Float64Array)[j] as number)),
    ];
    const back = varimax(rotated, 6);
    const abs = back.map((c) => Array.from(c, (x) => Math.round(Math.abs(x) * 1e6) / 1e6));
    const expected = simple.map((c) => Array.from(c));
    expect(abs[0]?.[0] ? abs : [abs[1], abs[0]]).toEqual(expected);
  });
});

describe('PCA weights', () => {
  it('finds the two latent factors behind six indicators and weights each group by its squared loadings', () => {
    const rng = createRng('pca');
    const rows = Array.from({ length: 400 }, () => {
      const f1 = gauss(rng);
      const f2 = gauss(rng);
      return [f1, f1, f1, f2, f2, f2].map((f, j) => f * (j < 3 ? 1 : 0.9) + 0.3 * gauss(rng));
    });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const r = pcaWeights(matrixFromRows(rows.map((_, i) => `u${i}`), ids, rows));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { weights, factor, retained, explained } = r.result;
    expect(retained).toBe(2);
    expect(explained).toBeGreaterThan(0.8);
    expect(new Set(Array.from(factor.subarray(0, 3))).size).toBe(1);
    expect(new Set(Array.from(factor.subarray(3))).size).toBe(1);
    expect(factor[0]).not.toBe(factor[3]);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    for (const w of weights) expect(w).toBeGreaterThan(0.12);
  });

  it('needs three complete units', () => {
    const r = pcaWeights(matrixFromRows(['a', 'b', 'c'], ['x', 'y'], [[1, 2], [2, null], [3, 1]]));
    expect(!r.ok && r.errors[0]?.code).toBe('INDEX_PCA_TOO_FEW');
  });
});
