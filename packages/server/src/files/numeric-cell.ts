/** Numeric cells as the index reads them: plain decimals fast, the usual missing-value markers as NaN. */

const MISSING = new Set(['', 'NA', 'N/A', 'na', 'n/a', '#N/A']);

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A cell as a number, NaN for a missing value, undefined when it is not a number. Plain decimals
 * of up to 15 significant digits and a power of ten within ±22 take Clinger's exact fast path
 * (one correctly rounded multiplication or division, so the same double as Number()); anything
 * else goes through Number(). Number() alone costs most of the time of reading 10 million cells.
 */
export function parseCell(cell: string): number | undefined {
  const n = cell.length;
  if (n === 0) return Number.NaN;
  let i = 0;
  let c = cell.charCodeAt(0);
  const negative = c === 45;
  if (c === 45 || c === 43) i = 1;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenDigit = false;
  let seenDot = false;
  for (; i < n; i++) {
    c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seenDigit = true;
      if (mantissa === 0 && c === 48) {
        if (seenDot) fraction++;
        continue;
      }
      if (++digits > 15) return slowNumber(cell);
      mantissa = mantissa * 10 + (c - 48);
      if (seenDot) fraction++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else break;
  }
  let exponent = 0;
  if (i < n && (c === 101 || c === 69) && seenDigit) {
    let j = i + 1;
    const sign = cell.charCodeAt(j) === 45 ? -1 : 1;
    if (cell.charCodeAt(j) === 45 || cell.charCodeAt(j) === 43) j++;
    if (j === n) return slowNumber(cell);
    for (; j < n; j++) {
      const d = cell.charCodeAt(j);
      if (d < 48 || d > 57 || exponent > 1000) return slowNumber(cell);
      exponent = exponent * 10 + (d - 48);
    }
    exponent *= sign;
    i = n;
  }
  if (i !== n || !seenDigit) return slowNumber(cell);
  const power = exponent - fraction;
  if (power < -22 || power > 22) return slowNumber(cell);
  const v = power < 0 ? mantissa / (POW10[-power] as number) : mantissa * (POW10[power] as number);
  return negative ? -v : v;
}

function slowNumber(cell: string): number | undefined {
  const c0 = cell.charCodeAt(0);
  // Number() also reads "0x1F", "Infinity" and " ": only decimal notation is data here
  if (!((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46)) return MISSING.has(cell) ? Number.NaN : undefined;
  if (c0 === 48 && cell.length > 1 && /[xob]/i.test(cell[1] as string)) return undefined;
  const v = Number(cell);
  return Number.isFinite(v) ? v : undefined;
}
