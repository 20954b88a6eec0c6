/**
 * Ranks (排名): 1 is best. Scores within 1e-9 × the largest magnitude of the first score of their
 * tie group share that group's (smallest) rank; missing scores (NaN) get no rank (0).
 * The order comes from an LSD radix sort: O(n), stable, no comparator calls, which is what makes
 * a thousand Monte Carlo replicates on 200,000 units affordable. Its digits are those of each
 * score's cell on a grid spanning the present scores (a monotone map); the scores themselves
 * travel with their units, so that the few sharing a cell are put in exact order by a short
 * insertion sort over neighbours, and the ranks read the scores in order. A range the grid cannot
 * span (infinite, or one value) falls back to keys from the IEEE-754 bits.
 */

export interface RankBuffers {
  /** The scores in the order found (NaN last), and the units in that order. */
  sorted: Float64Array;
  idx: Int32Array;
  /** Units in the order of the digits sorted so far (between passes only). */
  idx2: Int32Array;
  /** The scores beside idx2 (between passes only; empty with one pass). */
  carried: Float64Array;
  counts: Uint32Array;
  /** Bits per digit and digits of the grid keys. */
  bits: number;
  passes: number;
}

/**
 * Buffers for ordering n scores, reused from call to call by a caller that orders many (a Monte
 * Carlo run). `scratch`, n Int32 values free until the order is read (the ranks to come), spares
 * one; with `shared`, the two arrays of doubles are this module's spare ones (see spareDoubles).
 */
export function rankBuffers(n: number, scratch?: Int32Array, shared = false): RankBuffers {
  // about 2 cells a unit in one pass up to 8,192 units (the table scan then costs less than a
  // second pass), else about 8 in passes of up to 11 bits (2,048 buckets: beyond, the scattered
  // writes outrun the TLB)
  const log = Math.ceil(Math.log2(Math.max(2, n)));
  const cells = n <= 8192 ? Math.max(8, log + 1) : Math.min(30, log + 3);
  const passes = n <= 8192 ? 1 : Math.ceil(cells / 11);
  const bits = Math.ceil(cells / passes);
  const carried = passes > 1 ? n : 0;
  const doubles = shared ? spareDoubles(n + carried) : new Float64Array(n + carried);
  return {
    sorted: doubles.subarray(0, n), carried: doubles.subarray(n, n + carried),
    idx: new Int32Array(n), idx2: scratch && scratch.length === n ? scratch : new Int32Array(n),
    counts: new Uint32Array(passes << bits), bits, passes,
  };
}

let spare = new Float64Array(0);

/**
 * The sort's arrays of doubles for a one-off ordering, kept from one call to the next. They never
 * leave this module (no result holds them), so sharing them changes no result; an index of half a
 * million units then allocates 8 MB less each time, which matters where fresh pages are slow to
 * come by. JavaScript runs one call at a time: no two orderings use them at once.
 */
function spareDoubles(count: number): Float64Array {
  if (spare.length < count) spare = new Float64Array(count);
  return spare;
}

/**
 * Unit indices by descending score, equal scores in input order, NaN last. Reuses `buffers`
 * between calls (the replicates of a Monte Carlo run) so that no call allocates; the scores in
 * that order are then `buffers.sorted`.
 */
export function orderDescending(scores: Float64Array, buffers: RankBuffers = rankBuffers(scores.length)): Int32Array {
  const n = scores.length;
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = 0; i < n; i++) {
    const v = scores[i] as number;
    // NaN fails both
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  const width = buffers.bits;
  const passes = buffers.passes;
  const top = 2 ** (width * passes) - 1;
  const scale = top / (hi - lo);
  if (!(hi > lo && scale > 0 && scale < Infinity)) return orderByBits(scores, buffers);
  // the cell of v: ⌊(hi − v)·scale⌋, non-decreasing as v falls (each rounding is monotone)
  const buckets = 1 << width;
  const mask = buckets - 1;
  const counts = buffers.counts;
  counts.fill(0);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = scores[i] as number;
    if (v !== v) continue;
    const g = (hi - v) * scale;
    const k = g < top ? g >>> 0 : top;
    m++;
    // passes is 1 to 3 (30 bits at most): unrolled, with tests the same for every unit
    counts[k & mask] = (counts[k & mask] as number) + 1;
    if (passes > 1) {
      const d1 = buckets + ((k >>> width) & mask);
      counts[d1] = (counts[d1] as number) + 1;
      if (passes > 2) {
        const d2 = 2 * buckets + ((k >>> (2 * width)) & mask);
        counts[d2] = (counts[d2] as number) + 1;
      }
    }
  }
  for (let p = 0; p < passes; p++) {
    const base = p << width;
    let sum = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[base + b] as number;
      counts[base + b] = sum;
      sum += c;
    }
  }
  const sorted = buffers.sorted;
  const idx = buffers.idx;
  // Each pass writes the units and their scores side by side, so that the next reads both in
  // order rather than looking each score up at random; the first digit comes straight from the
  // scores, in input order (which the stable passes keep for ties). The pairs alternate between
  // (idx, sorted) and (idx2, carried), starting where they end in (idx, sorted).
  let from = passes % 2 === 1 ? idx : buffers.idx2;
  let fromScores = passes % 2 === 1 ? sorted : buffers.carried;
  for (let i = 0; i < n; i++) {
    const v = scores[i] as number;
    if (v !== v) continue;
    const g = (hi - v) * scale;
    const k = g < top ? g >>> 0 : top;
    const d = k & mask;
    const at = counts[d] as number;
    counts[d] = at + 1;
    from[at] = i;
    fromScores[at] = v;
  }
  for (let p = 1; p < passes; p++) {
    const to = from === idx ? buffers.idx2 : idx;
    const toScores = fromScores === sorted ? buffers.carried : sorted;
    const base = p << width;
    const shift = p * width;
    for (let i = 0; i < m; i++) {
      const u = from[i] as number;
      const v = fromScores[i] as number;
      const g = (hi - v) * scale;
      const k = g < top ? g >>> 0 : top;
      const d = base + ((k >>> shift) & mask);
      const at = counts[d] as number;
      counts[d] = at + 1;
      to[at] = u;
      toScores[at] = v;
    }
    from = to;
    fromScores = toScores;
  }
  // an odd number of passes ends in idx, and so does an even one, started in idx2
  if (!orderCells(sorted, idx, m)) {
    // a crowded cell (scores bunched far from the rest): a comparison sort, then the scores again
    idx.subarray(0, m).sort((u, w) => {
      const s = scores[u] as number;
      const t = scores[w] as number;
      return s > t ? -1 : s < t ? 1 : u - w;
    });
    for (let p = 0; p < m; p++) sorted[p] = scores[idx[p] as number] as number;
  }
  // the missing scores last, in input order
  for (let i = 0, p = m; p < n; i++) {
    if (scores[i] !== scores[i]) {
      sorted[p] = Number.NaN;
      idx[p++] = i;
    }
  }
  return idx;
}

/**
 * Insertion sort of the first m (score, unit) pairs into descending score, then ascending unit.
 * Out of place only within a grid cell, each moves past its cell's neighbours at most; false
 * (left part sorted) when the moves exceed a budget linear in m, as when most scores share a cell.
 */
function orderCells(sorted: Float64Array, idx: Int32Array, m: number): boolean {
  let budget = 8 * m + 4096;
  for (let i = 1; i < m; i++) {
    const s = sorted[i] as number;
    const u = idx[i] as number;
    const t0 = sorted[i - 1] as number;
    if (t0 > s || (t0 === s && (idx[i - 1] as number) < u)) continue;
    let j = i - 1;
    while (j >= 0) {
      const t = sorted[j] as number;
      const w = idx[j] as number;
      if (t > s || (t === s && w < u)) break;
      sorted[j + 1] = t;
      idx[j + 1] = w;
      j--;
    }
    sorted[j + 1] = s;
    idx[j + 1] = u;
    budget -= i - j;
    if (budget < 0) return false;
  }
  return true;
}

/**
 * The same order from the top 32 bits of each score's order-preserving bit pattern (sign,
 * exponent and 20 bits of mantissa), for ranges the grid cannot span; 11-bit digits.
 */
function orderByBits(scores: Float64Array, buffers: RankBuffers): Int32Array {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  const width = 11;
  const buckets = 1 << width;
  const mask = buckets - 1;
  const passes = 3;
  // the two key arrays ride in the bytes of the sorted scores, written at the end
  let key = new Uint32Array(buffers.sorted.buffer, buffers.sorted.byteOffset, n);
  let idx = buffers.idx;
  let key2 = new Uint32Array(buffers.sorted.buffer, buffers.sorted.byteOffset + 4 * n, n);
  let idx2 = buffers.idx2;
  const counts = new Uint32Array(passes << width);
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
  // exact order inside runs of equal keys: descending score, then input order (NaN runs as they are)
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
  // the order in buffers.idx, the scores in order over the keys (read no more)
  if (idx !== buffers.idx) buffers.idx.set(idx);
  const sorted = buffers.sorted;
  for (let i = 0; i < n; i++) sorted[i] = scores[idx[i] as number] as number;
  return buffers.idx;
}

/**
 * Writes each unit's rank into `ranks` (0 for a missing score) and returns the number ranked.
 * A unit shares the rank of the first (best) score of its tie group when within
 * relativeTolerance × the largest magnitude of it; that magnitude is read off the ends of the order.
 */
export function ranksFromOrder(scores: Float64Array, order: Int32Array, relativeTolerance: number, ranks: Int32Array): number {
  const sorted = new Float64Array(order.length);
  for (let p = 0; p < order.length; p++) sorted[p] = scores[order[p] as number] as number;
  return ranksInOrder(sorted, order, relativeTolerance, ranks);
}

/** ranksFromOrder given the scores already in order (`sorted[p]` the score of unit `order[p]`). */
export function ranksInOrder(sorted: Float64Array, order: Int32Array, relativeTolerance: number, ranks: Int32Array): number {
  const n = order.length;
  let ranked = n;
  while (ranked > 0 && sorted[ranked - 1] !== sorted[ranked - 1]) ranked--;
  const tol = ranked === 0 ? 0 : relativeTolerance * Math.max(Math.abs(sorted[0] as number), Math.abs(sorted[ranked - 1] as number));
  let leader = Number.NaN;
  let leaderRank = 0;
  for (let p = 0; p < ranked; p++) {
    const s = sorted[p] as number;
    if (p === 0 || !(leader - s <= tol)) {
      leader = s;
      leaderRank = p + 1;
    }
    ranks[order[p] as number] = leaderRank;
  }
  for (let p = ranked; p < n; p++) ranks[order[p] as number] = 0;
  return ranked;
}

/** Ranks of `scores`, 1 best, ties within 1e-9 × the largest magnitude sharing the smallest rank. */
export function rankScores(scores: Float64Array, relativeTolerance = 1e-9): { ranks: Int32Array; order: Int32Array; ranked: number } {
  const ranks = new Int32Array(scores.length);
  // the ranks' memory serves the sort between its passes
  const buffers = rankBuffers(scores.length, ranks, true);
  const order = orderDescending(scores, buffers);
  const ranked = ranksInOrder(buffers.sorted, order, relativeTolerance, ranks);
  return { ranks, order, ranked };
}

/**
 * Average ascending ranks (1 = lowest) of the present values, exact ties averaged; NaN stays NaN.
 * The building block of rank, percentile and Borda normalisation. Read off the descending order:
 * a tie group at descending places p..q−1 of `count` holds ascending ranks count−q+1..count−p.
 */
export function averageAscendingRanks(x: Float64Array, ties: 'average' | 'min' = 'average'): { ranks: Float64Array; count: number } {
  const n = x.length;
  const buffers = rankBuffers(n, undefined, true);
  const order = orderDescending(x, buffers);
  const sorted = buffers.sorted;
  let count = n;
  while (count > 0 && sorted[count - 1] !== sorted[count - 1]) count--;
  const ranks = new Float64Array(n).fill(Number.NaN);
  let p = 0;
  while (p < count) {
    let q = p + 1;
    const v = sorted[p] as number;
    while (q < count && sorted[q] === v) q++;
    // ascending ranks count − q + 1 … count − p share one value: their mean, or the lowest (R's ties.method = "min")
    const shared = ties === 'min' ? count - q + 1 : (2 * count - p - q + 1) / 2;
    for (let r = p; r < q; r++) ranks[order[r] as number] = shared;
    p = q;
  }
  return { ranks, count };
}
