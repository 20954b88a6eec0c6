/**
 * Secrets at rest (a provider's client secret) and the sign-on's short-lived flow cookie are sealed
 * with AES-256-GCM under a key kept outside the database: KEPING_SECRET_KEY (32 bytes, base64 or
 * hex) or the file named by KEPING_SECRET_KEY_FILE. A copy of the database alone reveals nothing.
 * Each use passes its own purpose as associated data, so a sealed value cannot be replayed elsewhere.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KepingError } from '@keping/core';

const PREFIX = 'v1:';

function decodeKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  if (b.length === 32) return b;
  // A long passphrase is accepted too: its SHA-256 is the key.
  return t.length >= 32 ? createHash('sha256').update(t).digest() : undefined;
}

export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  let text = env.KEPING_SECRET_KEY;
  if (!text && env.KEPING_SECRET_KEY_FILE) {
    try {
      text = readFileSync(env.KEPING_SECRET_KEY_FILE, 'utf8');
    } catch {
      throw new KepingError('SECRET_KEY_MISSING', { status: 503 });
    }
  }
  const key = text ? decodeKey(text) : undefined;
  if (!key) throw new KepingError('SECRET_KEY_MISSING', { status: 503 });
  return key;
}

export function seal(plain: string, purpose: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The plain text, or undefined when the value was not sealed for this purpose under this key. */
export function open(sealed: string, purpose: string, key: Buffer = secretKey()): string | undefined {
  if (!sealed.startsWith(PREFIX)) return undefined;
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.length < 28) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
