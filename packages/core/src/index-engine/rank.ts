/**
 * Ranks (排名): 1 is best. Scores within 1e-9 × the largest magnitude of the first score of their
 * tie group share that group's (smallest) rank; missing scores (NaN) get no rank (0).
 * The order comes from an LSD radix sort on the IEEE-754 bits: O(n), stable, no comparator calls,
 * which is what makes a thousand Monte Carlo replicates on 200,000 units affordable.
 */

export interface RankBuffers {
  key: Uint32Array;
  idx: Int32Array;
  key2: Uint32Array;
  idx2: Int32Array;
  counts: Uint32Array;
  /** Bits per radix digit: 8 (four passes) for small n, where the bucket tables dominate, else 11 (three). */
  bits: number;
}

export function rankBuffers(n: number): RankBuffers {
  const bits = n <= 8192 ? 8 : 11;
  const passes = Math.ceil(32 / bits);
  return {
    key: new Uint32Array(n), idx: new Int32Array(n), key2: new Uint32Array(n), idx2: new Int32Array(n),
    counts: new Uint32Array(passes << bits), bits,
  };
}

/**
 * Unit indices by descending score, equal scores in input order, NaN last. Reuses `buffers`
 * between calls (the replicates of a Monte Carlo run) so that no call allocates.
 * LSD radix passes sort on the top 32 bits of each score's order-preserving bit pattern (sign,
 * exponent and 20 bits of mantissa); runs sharing those bits are then put in exact order by
 * insertion sort on the scores themselves.
 */
export function orderDescending(scores: Float64Array, buffers: RankBuffers = rankBuffers(scores.length)): Int32Array {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  const width = buffers.bits;
  const buckets = 1 << width;
  const mask = buckets - 1;
  const passes = Math.ceil(32 / width);
  let key = buffers.key;
  let idx = buffers.idx;
  let key2 = buffers.key2;
  let idx2 = buffers.idx2;
  const counts = buffers.counts;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1] as number;
    const v = scores[i] as number;
    // complemented so that ascending keys are descending scores; NaN last; −0 as +0
    const k = v !== v ? 0xffffffff : v === 0 ? 0x7fffffff : h & 0x80000000 ? h : ~(h | 0x80000000) >>> 0;
    key[i] = k;
    idx[i] = i;
    for (let p = 0; p < passes; p++) {
      const slot = (p << width) + ((k >>> (p * width)) & mask);
      counts[slot] = (counts[slot] as number) + 1;
    }
  }
  for (let pass = 0; pass < passes; pass++) {
    const base = pass << width;
    // A digit every key shares moves nothing: skip it.
    let trivial = false;
    for (let b = 0; b < buckets; b++) {
      const c = counts[base + b] as number;
      if (c === n) trivial = true;
      if (c !== 0) break;
    }
    if (trivial) continue;
    let sum = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[base + b] as number;
      counts[base + b] = sum;
      sum += c;
    }
    const shift = pass * width;
    for (let i = 0; i < n; i++) {
      const k = key[i] as number;
      const d = base + ((k >>> shift) & mask);
      const p = counts[d] as number;
      counts[d] = p + 1;
      key2[p] = k;
      idx2[p] = idx[i] as number;
    }
    const tk = key;
    key = key2;
    key2 = tk;
    const ti = idx;
    idx = idx2;
    idx2 = ti;
  }
  // exact order inside runs of equal keys: descending score, then input order
  let p = 0;
  while (p < n) {
    const k = key[p] as number;
    let q = p + 1;
    while (q < n && key[q] === k) q++;
    if (q - p > 1 && k !== 0xffffffff) {
      for (let i = p + 1; i < q; i++) {
        const u = idx[i] as number;
        const s = scores[u] as number;
        let j = i - 1;
        while (j >= p) {
          const w = idx[j] as number;
          const t = scores[w] as number;
          if (t > s || (t === s && w < u)) break;
          idx[j + 1] = w;
          j--;
        }
        idx[j + 1] = u;
      }
    }
    p = q;
  }
  return idx;
}

/**
 * Writes each unit's rank into `ranks` (0 for a missing score) and returns the number ranked.
 * A unit shares the rank of the first (best) score of its tie group when within
 * relativeTolerance × the largest magnitude of it; that magnitude is read off the ends of the order.
 */
export function ranksFromOrder(scores: Float64Array, order: Int32Array, relativeTolerance: number, ranks: Int32Array): number {
  let ranked = order.length;
  while (ranked > 0 && scores[order[ranked - 1] as number] !== scores[order[ranked - 1] as number]) ranked--;
  const tol = ranked === 0 ? 0 : relativeTolerance * Math.max(
    Math.abs(scores[order[0] as number] as number), Math.abs(scores[order[ranked - 1] as number] as number),
  );
  let leader = Number.NaN;
  let leaderRank = 0;
  for (let p = 0; p < order.length; p++) {
    const u = order[p] as number;
    const s = scores[u] as number;
    if (s !== s) {
      ranks[u] = 0;
      continue;
    }
    if (p === 0 || !(leader - s <= tol)) {
      leader = s;
      leaderRank = p + 1;
    }
    ranks[u] = leaderRank;
  }
  return ranked;
}

/** Ranks of `scores`, 1 best, ties within 1e-9 × the largest magnitude sharing the smallest rank. */
export function rankScores(scores: Float64Array, relativeTolerance = 1e-9): { ranks: Int32Array; order: Int32Array; ranked: number } {
  const order = orderDescending(scores);
  const ranks = new Int32Array(scores.length);
  const ranked = ranksFromOrder(scores, order, relativeTolerance, ranks);
  return { ranks, order, ranked };
}

/**
 * Average ascending ranks (1 = lowest) of the present values, exact ties averaged; NaN stays NaN.
 * The building block of rank, percentile and Borda normalisation.
 */
export function averageAscendingRanks(x: Float64Array): { ranks: Float64Array; count: number } {
  const n = x.length;
  const neg = new Float64Array(n);
  for (let i = 0; i < n; i++) neg[i] = -(x[i] as number);
  const order = orderDescending(neg); // ascending x, NaN last
  const ranks = new Float64Array(n).fill(Number.NaN);
  let count = 0;
  for (let i = 0; i < n; i++) if (x[i] === x[i]) count++;
  let p = 0;
  while (p < count) {
    let q = p + 1;
    const v = x[order[p] as number] as number;
    while (q < count && x[order[q] as number] === v) q++;
    const avg = (p + 1 + q) / 2;
    for (let r = p; r < q; r++) ranks[order[r] as number] = avg;
    p = q;
  }
  return { ranks, count };
}
