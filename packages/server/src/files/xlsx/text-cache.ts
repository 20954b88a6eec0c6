/**
 * Cell text from bytes, and the cache that spares decoding short texts that repeat: a value's
 * end, hash and character classes are found in one scan (ValueScan), then looked up (TextCache).
 */
import { trimmed } from '../trim.js';
import { decodeXml } from './xml-text.js';

// The bytes this file's loops compare with, declared here rather than imported from xml-bytes.ts:
// an imported binding is loaded and checked at each use, and the reader measured slower with them.
const LT = 0x3c;

/** A cell's text as shown: XML entities decoded, trimmed (a call to trim only when an end needs it). */
export function cellText(buf: Buffer, start: number, end: number): string {
  const text = decodeXml(buf.toString('utf8', start, end));
  return trimmed(text);
}

const CACHE_SLOTS = 1 << 15;
export const CACHE_MAX_BYTES = 16;

/**
 * The text of short cells seen before, found by their bytes: districts, kinds, codes and dates
 * repeat from row to row, and a Buffer.toString per cell was most of the reader's time. A slot
 * holds one byte sequence and its text (cellText of those bytes); a hit compares every byte, so
 * two sequences sharing a slot only take turns in it.
 */
export class TextCache {
  private readonly keys = new Uint8Array(CACHE_SLOTS * CACHE_MAX_BYTES);
  private readonly lengths = new Uint8Array(CACHE_SLOTS); // 0: empty
  private readonly texts: string[] = new Array<string>(CACHE_SLOTS).fill('');

  /** cellText(buf, start, end), for 1 to CACHE_MAX_BYTES bytes whose hash (ValueScan's) is given. */
  text(buf: Buffer, start: number, end: number, hash: number): string {
    const length = end - start;
    const slot = (hash ^ (hash >>> 15)) & (CACHE_SLOTS - 1);
    const at = slot * CACHE_MAX_BYTES;
    const keys = this.keys;
    if (this.lengths[slot] === length) {
      let k = 0;
      while (k < length && keys[at + k] === buf[start + k]) k++;
      if (k === length) return this.texts[slot]!;
    }
    const text = cellText(buf, start, end);
    for (let k = 0; k < length; k++) keys[at + k] = buf[start + k]!;
    this.lengths[slot] = length;
    this.texts[slot] = text;
    return text;
  }
}

/**
 * A value's text from the bytes between its start tag's '>' and the next '<': the end is found,
 * hashed and checked for non-ASCII bytes and '&' in one pass, kept in these fields.
 */
export class ValueScan {
  end = -1;
  hash = 0;
  /** Bytes OR-ed together: ≥ 0x80 when some byte is not ASCII. */
  bits = 0;
  amp = false;

  /** Scans from `from` to the first '<' before `to`; false when there is none. */
  scan(buf: Buffer, from: number, to: number): boolean {
    let hash = 0;
    let bits = 0;
    let amp = false;
    let i = from;
    for (; i < to; i++) {
      const b = buf[i]!;
      if (b === LT) break;
      if (b === 0x26) amp = true;
      bits |= b;
      if (i - from < CACHE_MAX_BYTES) hash = Math.imul(hash, 31) + b | 0; // longer values are not cached
    }
    if (i >= to) return false;
    this.end = i;
    this.hash = hash;
    this.bits = bits;
    this.amp = amp;
    return true;
  }
}
