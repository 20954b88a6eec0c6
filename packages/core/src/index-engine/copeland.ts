/**
 * Non-compensatory aggregation (非补偿性合成) by the Copeland rule (handbook §6.2, Munda & Nardo):
 * unit a beats unit b when the weights of the children on which a is higher, plus half of those
 * on which they are equal, exceed half the weights of the children both have. Score = wins −
 * losses. O(units² × children): meant for candidate pools of a few thousand, refused above.
 */

export const COPELAND_MAX_UNITS = 20_000;

export function copelandScores(columns: readonly Float64Array[], weights: readonly number[], out: Float64Array): void {
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
