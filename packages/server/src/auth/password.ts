/** Memory-hard password hashing (scrypt, node:crypto) and the password policy. */
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { FieldError } from '@keping/core';
import { dictionary } from '@zxcvbn-ts/language-common';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// N = 2^15, r = 8: 32 MiB and ~60-100 ms per hash on these machines (OWASP's scrypt minimum is 2^17 × r8 /
// 2^15 × r8 × p3-class); parameters are stored in the hash so they can be raised later.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 128 * N * R * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 128 * Number(n) * Number(r) * 2,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const PASSWORD_MIN_LENGTH = 10;

// zxcvbn's list of common passwords (about 49,000), lower-cased once at start-up.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** In the list as typed, or once trailing digits and symbols are stripped ('Password12!' is 'password'). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^\p{L}]+$/u, '');
  return COMMON_PASSWORDS.has(lower) || (stem.length > 0 && COMMON_PASSWORDS.has(stem));
}

/** At least 10 characters, 3 of 4 character classes, not containing the username, not a common password. */
export function passwordProblems(password: string, username: string, field = 'password'): FieldError[] {
  const problems: FieldError[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: 'PASSWORD_TOO_SHORT', field, params: { min: PASSWORD_MIN_LENGTH } });
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push({ code: 'PASSWORD_TOO_SIMPLE', field });
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ code: 'PASSWORD_CONTAINS_USERNAME', field });
  }
  if (isCommonPassword(password)) problems.push({ code: 'PASSWORD_TOO_COMMON', field });
  return problems;
}

/** A random temporary password that passes the policy (an administrator's reset): 18 characters, about 100 bits. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const candidate = `${randomBytes(12).toString('base64url')}-${randomInt(10)}`;
    if (passwordProblems(candidate, username).length === 0) return candidate;
  }
}
