/**
 * Per-unit rank distributions over Monte Carlo replicates, streamed: the replicate × unit matrix
 * is never kept. Up to EXACT_UNITS units every (unit, rank) pair is counted, so quantiles are
 * exact. Above, a pilot of the first replicates fixes a window around each unit's ranks, and a
 * histogram of BINS integer-width bins per unit counts the rest (memory units × BINS counters);
 * quantiles are then exact to the bin width, which the summary reports.
 */

export const EXACT_UNITS = 2048;
export const BINS = 128;
const PILOT = 32;
/**
 * Replicates buffered before they are counted unit by unit (binned counts): one unit's counters
 * are then touched BLOCK times in a row instead of once per replicate, so a cache miss serves
 * many increments. Exact counts (n ≤ EXACT_UNITS, a few MB) are incremented as each replicate
 * comes, in the pass that tracks the extremes. When no more replicates than units are asked
 * for, the ranks themselves take less room than the n × n counters: they are stored (16 bits
 * each, a sequential write per replicate) and counted at the summary, SUMMARY_UNITS units at a
 * time into counters that stay in cache.
 */
const BLOCK = 16;
const SUMMARY_UNITS = 64;

export interface RankSummary {
  /** Per unit: median and 5th and 95th percentile ranks (nearest-rank rule); NaN if never ranked. */
  median: Float64Array;
  p05: Float64Array;
  p95: Float64Array;
  /** True when counted exactly (or every bin is one rank wide). */
  exact: boolean;
  /** The widest bin and the median bin width over the units, in ranks (1 = exact). */
  resolution: number;
  typicalResolution: number;
  /** Units whose 5th or 95th percentile fell outside the pilot's window (then the extreme seen). */
  outsideWindow: number;
  bytes: number;
}

type Counts = Uint16Array | Uint32Array;

export class RankAccumulator {
  private readonly n: number;
  private readonly exact: boolean;
  private counts: Counts;
  /** Exact ranks stored replicate by replicate (replicates × units), until the summary counts them. */
  private stored: Uint16Array;
  private readonly pilot: Int32Array;
  private readonly lo: Int32Array;
  private readonly width: Int32Array;
  private readonly under: Uint32Array;
  private readonly over: Uint32Array;
  private readonly minSeen: Int32Array;
  private readonly maxSeen: Int32Array;
  private readonly pilotSize: number;
  private readonly block: Int32Array;
  private buffered = 0;
  private seen = 0;
  private windowsOpen = false;

  constructor(units: number, replicates: number) {
    this.n = units;
    this.exact = units <= EXACT_UNITS;
    const big = replicates >= 0xffff;
    const store = this.exact && replicates <= units;
    const cells = store ? 0 : this.exact ? units * units : units * BINS;
    this.counts = big ? new Uint32Array(cells) : new Uint16Array(cells);
    this.stored = new Uint16Array(store ? replicates * units : 0);
    this.pilotSize = this.exact ? 0 : Math.min(PILOT, replicates);
    this.pilot = new Int32Array(this.pilotSize * units);
    const windowed = this.exact ? 0 : units;
    this.lo = new Int32Array(windowed);
    this.width = new Int32Array(windowed);
    this.under = new Uint32Array(windowed);
    this.over = new Uint32Array(windowed);
    this.minSeen = new Int32Array(units).fill(0x7fffffff);
    this.maxSeen = new Int32Array(units);
    this.block = new Int32Array(this.exact ? 0 : Math.min(BLOCK, replicates) * units);
  }

  get bytes(): number {
    return [this.counts, this.stored, this.pilot, this.block, this.lo, this.width, this.under, this.over, this.minSeen, this.maxSeen]
      .reduce((s, a) => s + a.byteLength, 0);
  }

  /** One replicate's ranks (1..n; 0 = not ranked in this replicate). */
  add(ranks: Int32Array): void {
    const n = this.n;
    const { minSeen, maxSeen } = this;
    if (this.stored.length > 0 && (this.seen + 1) * n > this.stored.length) this.countStored();
    if (this.stored.length > 0) {
      // a copy (ranks fit 16 bits); the extremes are found when the summary counts them
      this.stored.set(ranks.length === n ? ranks : ranks.subarray(0, n), this.seen * n);
      this.seen++;
      return;
    }
    if (this.exact) {
      const c = this.counts;
      for (let u = 0; u < n; u++) {
        const r = ranks[u] as number;
        if (r <= 0) continue;
        if (r < (minSeen[u] as number)) minSeen[u] = r;
        if (r > (maxSeen[u] as number)) maxSeen[u] = r;
        const cell = u * n + r - 1;
        c[cell] = (c[cell] as number) + 1;
      }
      this.seen++;
      return;
    }
    for (let u = 0; u < n; u++) {
      const r = ranks[u] as number;
      if (r <= 0) continue;
      if (r < (minSeen[u] as number)) minSeen[u] = r;
      if (r > (maxSeen[u] as number)) maxSeen[u] = r;
    }
    if (!this.exact && this.seen < this.pilotSize) {
      this.pilot.set(ranks, this.seen * n);
      if (this.seen === this.pilotSize - 1) this.openWindows();
    } else {
      this.block.set(ranks, this.buffered * n);
      if (++this.buffered * n === this.block.length) this.flushBlock();
    }
    this.seen++;
  }

  /** More replicates than stored room: count the stored ones into n × n counters and go on counting. */
  private countStored(): void {
    const n = this.n;
    const c = new Uint32Array(n * n);
    const stored = this.stored;
    const { minSeen, maxSeen } = this;
    for (let i = 0; i < this.seen * n; i++) {
      const r = stored[i] as number;
      if (r <= 0) continue;
      const u = i % n;
      c[u * n + r - 1] = (c[u * n + r - 1] as number) + 1;
      if (r < (minSeen[u] as number)) minSeen[u] = r;
      if (r > (maxSeen[u] as number)) maxSeen[u] = r;
    }
    this.counts = c;
    this.stored = new Uint16Array(0);
  }

  private flushBlock(): void {
    this.count(this.block, this.buffered);
    this.buffered = 0;
  }

  /** Bins `replicates` rows of ranks (row-major, replicate × unit), one unit at a time. */
  private count(rows: Int32Array, replicates: number): void {
    const n = this.n;
    const c = this.counts;
    for (let u = 0; u < n; u++) {
      const lo = this.lo[u] as number;
      const w = this.width[u] as number;
      const row = u * BINS;
      let under = 0;
      let over = 0;
      for (let b = 0; b < replicates; b++) {
        const r = rows[b * n + u] as number;
        if (r <= 0) continue;
        const k = Math.floor((r - lo) / w);
        if (k < 0) under++;
        else if (k >= BINS) over++;
        else c[row + k] = (c[row + k] as number) + 1;
      }
      if (under) this.under[u] = (this.under[u] as number) + under;
      if (over) this.over[u] = (this.over[u] as number) + over;
    }
  }

  private openWindows(): void {
    const n = this.n;
    this.windowsOpen = true;
    for (let u = 0; u < n; u++) {
      const min = this.minSeen[u] as number;
      const max = this.maxSeen[u] as number;
      if (max === 0) {
        this.lo[u] = 1;
        this.width[u] = Math.ceil(n / BINS);
        continue;
      }
      const pad = Math.max(2, Math.ceil((max - min) / 4));
      const lo = Math.max(1, min - pad);
      const hi = Math.min(n, max + pad);
      this.lo[u] = lo;
      this.width[u] = Math.max(1, Math.ceil((hi - lo + 1) / BINS));
    }
    this.count(this.pilot, Math.min(this.seen + 1, this.pilotSize));
  }

  /**
   * Nearest-rank quantiles of unit u's ranks for ascending `ps` (the smallest rank with at least
   * p of them at or below), found in one cumulative scan; `outside` when one fell outside the window.
   */
  quantiles(u: number, ps: readonly number[], out: Float64Array, counts: Counts = this.counts, base = u * (this.exact ? this.n : BINS)): boolean {
    const n = this.n;
    const bins = this.exact ? n : BINS;
    // exact counts: only the ranks between the best and worst seen can be non-zero
    const first = this.exact ? Math.max(0, (this.minSeen[u] as number) - 1) : 0;
    const last = this.exact ? Math.min(bins, this.maxSeen[u] as number) : bins;
    let total = 0;
    for (let b = first; b < last; b++) total += counts[base + b] as number;
    if (!this.exact) total += (this.under[u] as number) + (this.over[u] as number);
    if (total === 0) {
      out.fill(Number.NaN);
      return false;
    }
    let q = 0;
    let outside = false;
    const target = () => Math.max(1, Math.ceil((ps[q] as number) * total));
    let cum = this.exact ? 0 : (this.under[u] as number);
    while (q < ps.length && cum >= target()) {
      out[q++] = this.minSeen[u] as number;
      outside = true;
    }
    const lo = this.exact ? 1 : (this.lo[u] as number);
    const w = this.exact ? 1 : (this.width[u] as number);
    for (let b = first; b < last && q < ps.length; b++) {
      const c = counts[base + b] as number;
      while (q < ps.length && cum + c >= target()) {
        // ranks spread evenly across a bin: exact when the bin is one rank wide
        const offset = w === 1 ? 0 : Math.min(w - 1, Math.floor(((target() - cum - 0.5) / c) * w));
        out[q++] = Math.min(this.maxSeen[u] as number, Math.max(this.minSeen[u] as number, lo + b * w + offset));
      }
      cum += c;
    }
    while (q < ps.length) {
      out[q++] = this.maxSeen[u] as number;
      outside = true;
    }
    return outside;
  }

  summary(): RankSummary {
    const n = this.n;
    if (this.buffered > 0) this.flushBlock();
    if (!this.exact && !this.windowsOpen && this.seen > 0) {
      this.seen--; // openWindows replays the pilot up to and including the current replicate
      this.openWindows();
      this.seen++;
    }
    const median = new Float64Array(n);
    const p05 = new Float64Array(n);
    const p95 = new Float64Array(n);
    let outsideWindow = 0;
    const ps = [0.05, 0.5, 0.95];
    const q = new Float64Array(3);
    const take = (u: number, counts: Counts, base: number) => {
      if (this.quantiles(u, ps, q, counts, base)) outsideWindow++;
      p05[u] = q[0] as number;
      median[u] = q[1] as number;
      p95[u] = q[2] as number;
    };
    if (this.stored.length > 0) {
      // the stored ranks, counted a block of units at a time
      const stored = this.stored;
      const seen = this.seen;
      const block = new Uint16Array(Math.min(SUMMARY_UNITS, n) * n);
      for (let u0 = 0; u0 < n; u0 += SUMMARY_UNITS) {
        const units = Math.min(SUMMARY_UNITS, n - u0);
        countBlock(stored, n, seen, u0, units, block, this.minSeen, this.maxSeen);
        for (let i = 0; i < units; i++) take(u0 + i, block, i * n);
        block.fill(0);
      }
    } else for (let u = 0; u < n; u++) take(u, this.counts, u * (this.exact ? n : BINS));
    const resolution = this.exact ? 1 : this.width.reduce((m, w) => Math.max(m, w), 1);
    const typicalResolution = this.exact ? 1 : (Int32Array.from(this.width).sort()[n >> 1] ?? 1);
    return { median, p05, p95, exact: this.exact || resolution === 1, resolution, typicalResolution, outsideWindow, bytes: this.bytes };
  }
}

/**
 * Counts the stored ranks of units u0..u0+units−1 over `seen` replicates into `block` (a row of n
 * per unit), and notes each unit's best and worst rank.
 */
function countBlock(
  stored: Uint16Array, n: number, seen: number, u0: number, units: number, block: Uint16Array, minSeen: Int32Array, maxSeen: Int32Array,
): void {
  for (let r = 0; r < seen; r++) {
    const row = r * n + u0;
    for (let i = 0; i < units; i++) {
      const rank = stored[row + i] as number;
      if (rank <= 0) continue;
      block[i * n + rank - 1] = (block[i * n + rank - 1] as number) + 1;
      if (rank < (minSeen[u0 + i] as number)) minSeen[u0 + i] = rank;
      if (rank > (maxSeen[u0 + i] as number)) maxSeen[u0 + i] = rank;
    }
  }
}
