/** Small dense symmetric linear algebra for PCA weights: k × k with k the number of indicators. */

/**
 * Eigenvalues and eigenvectors of a symmetric matrix (row-major k × k) by cyclic Jacobi
 * rotations, sorted by decreasing eigenvalue; vectors[f] is the f-th unit eigenvector. The sweeps
 * stop when the squared off-diagonal sum is below `offTolerance` (or after 100).
 */
export function symmetricEigen(matrix: Float64Array, k: number, offTolerance = 1e-22): { values: Float64Array; vectors: Float64Array[] } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += (a[p * k + q] as number) ** 2;
    if (off < offTolerance) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * k + q] as number) - (a[p * k + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p] as number;
          const arq = a[r * k + q] as number;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r] as number;
          const aqr = a[q * k + r] as number;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p] as number;
          const vrq = v[r * k + q] as number;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => (a[y * k + y] as number) - (a[x * k + x] as number));
  return {
    values: Float64Array.from(order, (i) => a[i * k + i] as number),
    vectors: order.map((i) => Float64Array.from({ length: k }, (_, r) => v[r * k + i] as number)),
  };
}

/**
 * Varimax rotation of loadings (columns = factors, each of length k), Kaiser's pairwise
 * algorithm with Kaiser normalisation of the rows; returns the rotated columns.
 */
export function varimax(loadings: Float64Array[], k: number): Float64Array[] {
  const m = loadings.length;
  if (m < 2) return loadings.map((c) => Float64Array.from(c));
  const cols = loadings.map((c) => Float64Array.from(c));
  const h = Float64Array.from({ length: k }, (_, j) => Math.sqrt(cols.reduce((s, c) => s + (c[j] as number) ** 2, 0)) || 1);
  for (const c of cols) for (let j = 0; j < k; j++) c[j] = (c[j] as number) / (h[j] as number);
  for (let sweep = 0; sweep < 200; sweep++) {
    let largest = 0;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const x = cols[p] as Float64Array;
        const y = cols[q] as Float64Array;
        let A = 0;
        let B = 0;
        let C = 0;
        let D = 0;
        for (let j = 0; j < k; j++) {
          const u = (x[j] as number) ** 2 - (y[j] as number) ** 2;
          const w = 2 * (x[j] as number) * (y[j] as number);
          A += u;
          B += w;
          C += u * u - w * w;
          D += 2 * u * w;
        }
        const phi = Math.atan2(D - (2 * A * B) / k, C - (A * A - B * B) / k) / 4;
        largest = Math.max(largest, Math.abs(phi));
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        for (let j = 0; j < k; j++) {
          const xj = x[j] as number;
          const yj = y[j] as number;
          x[j] = c * xj + s * yj;
          y[j] = -s * xj + c * yj;
        }
      }
    }
    if (largest < 1e-12) break;
  }
  for (const c of cols) for (let j = 0; j < k; j++) c[j] = (c[j] as number) * (h[j] as number);
  return cols;
}
