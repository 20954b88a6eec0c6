/**
 * The row each organisation code was first seen in during an import, to refuse a code repeated in
 * the file. Holding 100,000 codes in a Map<string, number> cost about as much as validating them
 * (a string and a hash entry per code, scattered over the heap, all kept until the end). A valid
 * code is 18 characters of a 31-character alphabet: it packs into three integers (6 characters
 * each, 31^6 < 2^30), kept with its row in an open-addressing table of typed arrays.
 */
import { USCC_ALPHABET } from '@keping/core';

const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

function pack(code: string, from: number): number {
  let n = 0;
  for (let i = from; i < from + 6; i++) {
    const c = code.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) throw new RangeError(`not a validated code: ${code}`);
    n = n * 31 + v;
  }
  return n;
}

export class FirstRows {
  /** Three packed integers per slot. */
  private keys = new Int32Array(3 * 16384);
  /** The row per slot; 0 marks an empty slot (spreadsheet rows start at 1). */
  private rows = new Int32Array(16384);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row `code` (a validated, normalised code) was first seen in; if none, records `row` for it. */
  firstOrAdd(code: string, row: number): number | undefined {
    if (code.length !== 18) throw new RangeError(`not a validated code: ${code}`);
    if (!(row >= 1 && row <= 0x7fffffff)) throw new RangeError(`bad row ${row}`);
    const a = pack(code, 0);
    const b = pack(code, 6);
    const c = pack(code, 12);
    const found = this.find(a, b, c);
    const first = this.rows[found]!;
    if (first !== 0) return first;
    this.put(found, a, b, c, row);
    if (++this.count * 2 > this.rows.length) this.grow();
    return undefined;
  }

  private find(a: number, b: number, c: number): number {
    const mask = this.rows.length - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) >>> 0;
    slot = (slot ^ (slot >>> 15)) & mask;
    const keys = this.keys;
    const rows = this.rows;
    while (rows[slot] !== 0 && (keys[3 * slot] !== a || keys[3 * slot + 1] !== b || keys[3 * slot + 2] !== c)) slot = (slot + 1) & mask;
    return slot;
  }

  private put(slot: number, a: number, b: number, c: number, row: number): void {
    this.keys[3 * slot] = a;
    this.keys[3 * slot + 1] = b;
    this.keys[3 * slot + 2] = c;
    this.rows[slot] = row;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let s = 0; s < rows.length; s++) {
      const row = rows[s]!;
      if (row === 0) continue;
      const a = keys[3 * s]!;
      const b = keys[3 * s + 1]!;
      const c = keys[3 * s + 2]!;
      this.put(this.find(a, b, c), a, b, c, row);
    }
  }
}
