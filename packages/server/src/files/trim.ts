/** Trimming cells as String.prototype.trim does, but calling it only when an end needs it (most cells do not). */

/** Whether String.prototype.trim takes this character off (white space or a line terminator). */
export function trimmable(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
    || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `text.trim()`, without the call when neither end is white space. */
export function trimmed(text: string): string {
  return text.length > 0 && (trimmable(text.charCodeAt(0)) || trimmable(text.charCodeAt(text.length - 1))) ? text.trim() : text;
}
