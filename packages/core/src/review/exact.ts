/**
 * Exact rational arithmetic over BigInt for eligibility thresholds. Money and rates arrive as
 * decimals ("30000000", "0.03", 1.05); a float comparison of 1.05^2 with 1.1025 can land on the
 * wrong side of "≥", so every comparison that decides eligibility is done on rationals.
 */

export interface Rational {
  /** Numerator, any sign. */
  readonly n: bigint;
  /** Denominator, always positive. */
  readonly d: bigint;
}

const DECIMAL = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('denominator is zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/**
 * Parses a decimal written as text or a JS number (via its shortest round-trip text, so 0.03
 * means exactly 3/100). Thousands separators (",", "，", "_") and surrounding space are allowed.
 * Returns undefined for anything else, including NaN and infinities.
 */
export function parseDecimal(value: string | number): Rational | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  const text = String(value).trim().replace(/[,，_]/g, '');
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = '', exp = '0'] = m;
  if (whole === '' && frac === '') return undefined;
  const digits = BigInt(`${whole}${frac}` || '0');
  const scale = BigInt(exp) - BigInt(frac.length);
  const signed = sign === '-' ? -digits : digits;
  return scale >= 0n ? rational(signed * 10n ** scale) : rational(signed, 10n ** -scale);
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

/** a / b; undefined when b is zero. */
export function div(a: Rational, b: Rational): Rational | undefined {
  return b.n === 0n ? undefined : rational(a.n * b.d, a.d * b.n);
}

export function pow(a: Rational, k: number): Rational {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`exponent must be a natural number, got ${k}`);
  const e = BigInt(k);
  return rational(a.n ** e, a.d ** e);
}

/** -1, 0 or 1 as a is below, equal to or above b: cross-multiplication, denominators positive. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function isPositive(a: Rational): boolean {
  return a.n > 0n;
}

/** Nearest double, good to display; never used to decide. */
export function toNumber(a: Rational): number {
  // Dividing the BigInts directly would truncate: scale the numerator first.
  const intPart = a.n / a.d;
  const rest = a.n - intPart * a.d;
  return Number(intPart) + Number((rest * 10n ** 18n) / a.d) / 1e18;
}

/** Exact decimal text when the denominator divides a power of ten, else up to 12 decimals. */
export function toDecimalString(a: Rational): string {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  const places = d === 1n ? Math.max(twos, fives) : 12;
  const scaled = (a.n * 10n ** BigInt(places)) / a.d;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
  const head = digits.slice(0, digits.length - places);
  const tail = places > 0 ? digits.slice(digits.length - places).replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${head}${tail ? `.${tail}` : ''}`;
}

export type ComparisonOp = '>=' | '>' | '<=' | '<' | '=' | '!=';
export const COMPARISON_OPS: readonly ComparisonOp[] = ['>=', '>', '<=', '<', '=', '!='];

export function holds(sign: -1 | 0 | 1, op: ComparisonOp): boolean {
  switch (op) {
    case '>=':
      return sign >= 0;
    case '>':
      return sign > 0;
    case '<=':
      return sign <= 0;
    case '<':
      return sign < 0;
    case '=':
      return sign === 0;
    case '!=':
      return sign !== 0;
  }
}
