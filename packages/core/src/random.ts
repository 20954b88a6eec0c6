/**
 * Seeded pseudo-random numbers (xoshiro128**, Blackman & Vigna 2018). Engines never call
 * Math.random: every draw comes from a seed the caller records, so a result can be
 * reproduced and audited later. Not cryptographic: the seed is public by design.
 */

export type PrngState = [number, number, number, number];

/**
 * Four 32-bit words from any seed. Numbers and strings are both hashed as their decimal
 * or literal text (seedFrom(42) equals seedFrom('42')), with cyrb128 followed by
 * splitmix32 so that similar seeds give unrelated streams and the state is never all zero.
 */
export function seedFrom(seed: string | number): PrngState {
  const text = typeof seed === 'number' ? String(seed) : seed;
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let x = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
  const state: PrngState = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    // splitmix32 step
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    state[i] = (z ^ (z >>> 15)) >>> 0;
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, bound), without modulo bias; bound an integer in [1, 2^32]. */
  int(bound: number): number;
}

export function createRng(seed: string | number): Rng {
  const s = seedFrom(seed);
  let a = s[0];
  let b = s[1];
  let c = s[2];
  let d = s[3];
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const int = (bound: number): number => {
    if (!(bound >= 1 && bound <= 0x100000000) || !Number.isInteger(bound)) {
      throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
    }
    // Rejection sampling: draws below the threshold would bias the low residues.
    const threshold = 0x100000000 % bound;
    for (;;) {
      const r = nextUint32();
      if (r >= threshold) return r % bound;
    }
  };
  return { nextUint32, next: () => nextUint32() / 0x100000000, int };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fisher–Yates shuffle of `items` in place, driven by `rng`. */
export function shuffleInPlace<T>(rng: Rng, items: T[] | Int32Array): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
}
