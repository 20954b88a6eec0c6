/**
 * Non-compensatory aggregation (非补偿性合成) by the Copeland rule (handbook §6.2, Munda & Nardo):
 * unit a beats unit b when the weights of the children on which a is higher, plus half of those
 * on which they are equal, exceed half the weights of the children both have. Score = wins −
 * losses. O(units² × children): meant for candidate pools of a few thousand, refused above.
 *
 * `missing: 'coinr'` reproduces COINr's a_copeland instead (outrankMatrix): the weights are
 * scaled to sum to 1 over every child, a pair's contest is won with more than 0.5 of that whole,
 * and b's share is 1 − a's for a before b. A child either unit lacks counts for neither, so its
 * weight goes to the later unit of the pair: the result depends on the units' order. Without
 * gaps both conventions agree (up to rounding at an exact draw).
 */

export const COPELAND_MAX_UNITS = 20_000;

export interface CopelandOptions {
  /** 'pairwise' (default): each contest over the children both units have; 'coinr': COINr's. */
  missing?: 'pairwise' | 'coinr';
}

export function copelandScores(columns: readonly Float64Array[], weights: readonly number[], out: Float64Array, options: CopelandOptions = {}): void {
  if (options.missing === 'coinr') {
    coinrCopeland(columns, weights, out);
    return;
  }
  const n = out.length;
  out.fill(0);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let forA = 0;
      let total = 0;
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c] as Float64Array;
        const x = col[a] as number;
        const y = col[b] as number;
        if (x !== x || y !== y) continue;
        const w = weights[c] as number;
        total += w;
        if (x > y) forA += w;
        else if (x === y) forA += w / 2;
      }
      if (total === 0) continue;
      const margin = forA - total / 2;
      if (margin > 0) {
        out[a] = (out[a] as number) + 1;
        out[b] = (out[b] as number) - 1;
      } else if (margin < 0) {
        out[a] = (out[a] as number) - 1;
        out[b] = (out[b] as number) + 1;
      }
    }
  }
}

/** COINr's a_copeland, with its sums in its order so that its exact draws (0.5) are the same. */
function coinrCopeland(columns: readonly Float64Array[], weights: readonly number[], out: Float64Array): void {
  const n = out.length;
  const sum = weights.reduce((s, w) => s + w, 0);
  const w = weights.map((v) => v / sum);
  out.fill(0);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let higher = 0;
      let equal = 0;
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c] as Float64Array;
        const x = col[a] as number;
        const y = col[b] as number;
        if (x > y) higher += w[c] as number;
        else if (x === y) equal += w[c] as number;
      }
      const forA = higher + equal / 2;
      const forB = 1 - forA;
      out[a] = (out[a] as number) + Math.sign(forA - 0.5);
      out[b] = (out[b] as number) + Math.sign(forB - 0.5);
    }
  }
}
