/**
 * Fair mode, stage one, polynomial part: raise the floor by local moves.
 *
 * Starting from a feasible assignment, the entry with the smallest total tries to swap one
 * of its experts `a` for a better one `b`:
 *   - b has room: a simple swap (a may lose an entry only above its minimum load);
 *   - b is full: an entry i2 holding b gives b up and takes a instead (exchange) or an
 *     expert c that has room.
 * A move is taken only if every entry it touches ends strictly above the current minimum,
 * so each move improves the sorted vector of totals (leximin) and the search terminates.
 * Scores are the scaled integers, so comparisons are exact.
 */
import type { CompiledAssignment } from './assignment-types.js';

export class FloorState {
  readonly k: number;
  readonly total: Float64Array;
  readonly load: Int32Array;
  /** Pairs of each entry by decreasing score, laid out like pairStart. */
  private readonly byScore: Int32Array;
  private readonly holdStart: Int32Array;
  private readonly holder: Int32Array;
  private readonly heap: EntryHeap;

  constructor(
    readonly p: CompiledAssignment,
    readonly scaled: Int32Array,
    readonly chosen: Int32Array,
  ) {
    const n = p.entryIds.length;
    const m = p.expertIds.length;
    this.k = p.perEntry;
    this.total = new Float64Array(n);
    this.load = new Int32Array(m);
    this.holdStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.holdStart[j + 1] = this.holdStart[j]! + p.maxLoad[j]!;
    this.holder = new Int32Array(this.holdStart[m]!);
    for (let i = 0; i < n; i++) {
      for (let s = i * this.k; s < (i + 1) * this.k; s++) {
        const q = chosen[s]!;
        const j = p.pairExpert[q]!;
        this.total[i]! += scaled[q]!;
        this.holder[this.holdStart[j]! + this.load[j]!++] = i;
      }
    }
    this.byScore = new Int32Array(p.pairExpert.length);
    for (let i = 0; i < n; i++) {
      const from = p.pairStart[i]!;
      const to = p.pairStart[i + 1]!;
      const idx = Array.from({ length: to - from }, (_, t) => from + t);
      idx.sort((x, y) => scaled[y]! - scaled[x]! || x - y);
      this.byScore.set(idx, from);
    }
    this.heap = new EntryHeap(this.total);
  }

  minimum(): number {
    return this.total[this.heap.top()]!;
  }

  /** Runs moves until the worst entry cannot be lifted or `maxMoves` is spent. */
  raiseFloor(maxMoves: number): number {
    let moves = 0;
    while (moves < maxMoves && this.improve(this.heap.top())) moves++;
    return moves;
  }

  private slotOf(i: number, j: number): number {
    for (let s = i * this.k; s < (i + 1) * this.k; s++) if (this.p.pairExpert[this.chosen[s]!] === j) return s;
    return -1;
  }

  /** Pair index of (i, j), or -1: binary search in the entry's expert-sorted pairs. */
  private pairOf(i: number, j: number): number {
    let lo = this.p.pairStart[i]!;
    let hi = this.p.pairStart[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.p.pairExpert[mid]!;
      if (x === j) return mid;
      if (x < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Whether j may join entry i in place of the expert at `exceptSlot` under the organisation rule. */
  private organisationAllows(i: number, j: number, exceptSlot: number): boolean {
    const org = this.p.expertOrganisation;
    if (!this.p.onePerOrganisation || org[j]! < 0) return true;
    for (let s = i * this.k; s < (i + 1) * this.k; s++) {
      if (s !== exceptSlot && org[this.p.pairExpert[this.chosen[s]!]!] === org[j]) return false;
    }
    return true;
  }

  private improve(i: number): boolean {
    const { p, scaled, load } = this;
    const floor = this.total[i]!;
    let bestValue = floor;
    let move: number[] | null = null; // [slot of i, new pair of i, slot of i2 (or -1), new pair of i2]
    for (let sa = i * this.k; sa < (i + 1) * this.k; sa++) {
      const qa = this.chosen[sa]!;
      const a = p.pairExpert[qa]!;
      const wa = scaled[qa]!;
      const canDropA = load[a]! - 1 >= p.minLoad[a]!;
      for (let t = p.pairStart[i]!; t < p.pairStart[i + 1]!; t++) {
        const qb = this.byScore[t]!;
        const wb = scaled[qb]!;
        const lifted = floor - wa + wb;
        if (wb <= wa || lifted <= bestValue) break;
        const b = p.pairExpert[qb]!;
        if (this.slotOf(i, b) >= 0 || !this.organisationAllows(i, b, sa)) continue;
        if (load[b]! < p.maxLoad[b]!) {
          if (!canDropA) continue;
          bestValue = lifted;
          move = [sa, qb, -1, -1];
          break;
        }
        for (let h = this.holdStart[b]!; h < this.holdStart[b]! + load[b]!; h++) {
          const i2 = this.holder[h]!;
          const s2 = this.slotOf(i2, b);
          const rest = this.total[i2]! - scaled[this.chosen[s2]!]!;
          const qa2 = this.slotOf(i2, a) < 0 ? this.pairOf(i2, a) : -1;
          if (qa2 >= 0 && this.organisationAllows(i2, a, s2)) {
            const v = Math.min(lifted, rest + scaled[qa2]!);
            if (v > bestValue) {
              bestValue = v;
              move = [sa, qb, s2, qa2];
            }
          }
          if (!canDropA) continue;
          for (let t2 = p.pairStart[i2]!; t2 < p.pairStart[i2 + 1]!; t2++) {
            const qc = this.byScore[t2]!;
            if (Math.min(lifted, rest + scaled[qc]!) <= bestValue) break;
            const c = p.pairExpert[qc]!;
            if (c === a || c === b || load[c]! >= p.maxLoad[c]!) continue;
            if (this.slotOf(i2, c) >= 0 || !this.organisationAllows(i2, c, s2)) continue;
            bestValue = Math.min(lifted, rest + scaled[qc]!);
            move = [sa, qb, s2, qc];
            break;
          }
        }
      }
    }
    if (move === null) return false;
    const [sa, qb, s2, q2] = move as [number, number, number, number];
    // Both entries leave their experts before either joins, so no expert's holder list
    // ever holds more than its maximum load (b is full in a two-entry move, a may be too).
    this.leave(i, sa);
    if (s2 >= 0) this.leave(Math.floor(s2 / this.k), s2);
    this.join(i, sa, qb);
    if (s2 >= 0) this.join(Math.floor(s2 / this.k), s2, q2);
    return true;
  }

  /** Takes entry i off the expert in slot s (the slot keeps its pair until `join`). */
  private leave(i: number, s: number): void {
    const { p, scaled } = this;
    const old = this.chosen[s]!;
    const a = p.pairExpert[old]!;
    const start = this.holdStart[a]!;
    const last = start + this.load[a]! - 1;
    for (let h = start; h <= last; h++) {
      if (this.holder[h] === i) {
        this.holder[h] = this.holder[last]!;
        break;
      }
    }
    this.load[a]!--;
    this.total[i]! -= scaled[old]!;
  }

  /** Puts pair q in slot s of entry i after `leave`, keeping loads, holders, totals and the heap. */
  private join(i: number, s: number, q: number): void {
    const b = this.p.pairExpert[q]!;
    this.holder[this.holdStart[b]! + this.load[b]!++] = i;
    this.chosen[s] = q;
    this.total[i]! += this.scaled[q]!;
    this.heap.update(i);
  }
}

/** Indexed binary min-heap of entries keyed by their totals (ties by index). */
class EntryHeap {
  private readonly heap: Int32Array;
  private readonly where: Int32Array;

  constructor(private readonly key: Float64Array) {
    const n = key.length;
    this.heap = Int32Array.from({ length: n }, (_, i) => i);
    this.where = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i);
  }

  top(): number {
    return this.heap[0]!;
  }

  update(v: number): void {
    this.up(this.where[v]!);
    this.down(this.where[v]!);
  }

  private less(x: number, y: number): boolean {
    const a = this.key[x]!;
    const b = this.key[y]!;
    return a < b || (a === b && x < y);
  }

  private set(at: number, v: number): void {
    this.heap[at] = v;
    this.where[v] = at;
  }

  private up(at: number): void {
    const v = this.heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(v, this.heap[parent]!)) break;
      this.set(at, this.heap[parent]!);
      at = parent;
    }
    this.set(at, v);
  }

  private down(at: number): void {
    const n = this.heap.length;
    const v = this.heap[at]!;
    for (;;) {
      let c = 2 * at + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(this.heap[c + 1]!, this.heap[c]!)) c++;
      if (!this.less(this.heap[c]!, v)) break;
      this.set(at, this.heap[c]!);
      at = c;
    }
    this.set(at, v);
  }
}
