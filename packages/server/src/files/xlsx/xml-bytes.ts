/**
 * Scanning XML as bytes, never decoded to strings: the byte values of the few characters that
 * matter, and the small searches and number readings the sheet scan is made of. (The modules
 * with the hottest loops, rows.ts, cells.ts and text-cache.ts, declare the bytes they compare with
 * themselves: see there.)
 */

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const QUOTE = 0x22;
export const EQUALS = 0x3d;

export function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Whether the byte after an element name ends the name: whitespace, '>' or '/'. */
export function endsName(b: number | undefined): boolean {
  return isSpace(b) || b === GT || b === SLASH;
}

export function integerIn(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return end > start ? n : NaN;
}

/**
 * The start tag's attributes that matter, found in one pass over [from, to): the value ranges
 * of r, t and s (−1 when absent). Plain loops: a native indexOf per attribute cost more than this.
 */
export class Attributes {
  rStart = -1;
  rEnd = -1;
  tStart = -1;
  tEnd = -1;
  sStart = -1;
  sEnd = -1;

  scan(buf: Buffer, from: number, to: number): void {
    this.rStart = this.tStart = this.sStart = -1;
    for (let i = from; i < to; i++) {
      if (!isSpace(buf[i]) || buf[i + 2] !== EQUALS || buf[i + 3] !== QUOTE) continue;
      const name = buf[i + 1];
      if (name !== 0x72 && name !== 0x74 && name !== 0x73) continue; // r, t, s
      const start = i + 4;
      let end = start;
      while (end < to && buf[end] !== QUOTE) end++;
      // Plain stores: a destructuring assignment here ran through the iterator protocol until optimised.
      if (name === 0x72) {
        this.rStart = start;
        this.rEnd = end;
      } else if (name === 0x74) {
        this.tStart = start;
        this.tEnd = end;
      } else {
        this.sStart = start;
        this.sEnd = end;
      }
      i = end;
    }
  }
}

/** Zero-based column of the reference in [start, end), such as "AB12". */
export function columnIn(buf: Buffer, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

/** Position of the first `<` in [from, to) followed by the bytes of `tail`, or −1. */
export function findTag(buf: Buffer, from: number, to: number, tail: readonly number[]): number {
  outer: for (let i = from; i < to; i++) {
    if (buf[i] !== LT) continue;
    for (let k = 0; k < tail.length; k++) if (buf[i + 1 + k] !== tail[k]) continue outer;
    return i;
  }
  return -1;
}

/** Whether buf holds the bytes of `tail` at `at`. */
export function bytesAt(buf: Buffer, at: number, tail: readonly number[]): boolean {
  if (at + tail.length > buf.length) return false;
  for (let k = 0; k < tail.length; k++) if (buf[at + k] !== tail[k]) return false;
  return true;
}
