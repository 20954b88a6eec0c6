/**
 * Signed checkpoints of the audit trail (审计检查点). The trail's hash chain shows an edit, but not a
 * rewrite of the whole chain, nor its tail deleted with the head moved back. A checkpoint — the head's
 * entry number and hash, signed with an Ed25519 key kept outside the database and published — makes
 * both visible: the chain must still hold that entry with that hash.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { KepingError, shanghaiDay } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH } from './audit.repository.js';
import { auditEntryHash, type CheckpointRow, insertCheckpoint, readAuditHead } from './checkpoint.repository.js';
import { sealAudit } from './sealer.js';

export const CHECKPOINT_FORMAT = 'keping-audit-checkpoint/1';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  sequence: number;
  hash: string;
  at: string;
  /** SPKI PEM of the signing key. */
  publicKey: string;
  /** Base64 Ed25519 signature of `signedText`. */
  signature: string;
}

/** What is signed: the format, entry number, hash and time, one per line. */
export function signedText(c: Pick<Checkpoint, 'sequence' | 'hash' | 'at'>): Buffer {
  return Buffer.from(`${CHECKPOINT_FORMAT}\n${c.sequence}\n${c.hash}\n${c.at}\n`, 'utf8');
}

/** Writes a new Ed25519 private key (PKCS#8 PEM) readable by its owner only; refuses to overwrite. */
export function generateSigningKey(path: string): { publicKey: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new KepingError('AUDIT_KEY_EXISTS', { params: { path } });
    throw error;
  }
  return { publicKey: publicKeyPem(publicKey), fingerprint: keyFingerprint(publicKey) };
}

/** The key file named by KEPING_AUDIT_KEY_FILE, or a translated error saying how to make one. */
export function auditKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.KEPING_AUDIT_KEY_FILE;
  if (!path) throw new KepingError('AUDIT_KEY_MISSING');
  return path;
}

export function loadSigningKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new KepingError('AUDIT_KEY_UNREADABLE', { params: { path } });
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // falls through to the same error
  }
  throw new KepingError('AUDIT_KEY_INVALID', { params: { path } });
}

export function publicKeyPem(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return String(publicKey.export({ type: 'spki', format: 'pem' }));
}

/** SHA-256 (hex) of the public key's DER encoding: what a backup manifest records to match keys. */
export function keyFingerprint(key: KeyObject | string): string {
  const k = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(k.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function presentCheckpoint(row: CheckpointRow): Checkpoint {
  return { format: CHECKPOINT_FORMAT, sequence: row.sequence, hash: row.hash, at: row.at, publicKey: row.public_key, signature: row.signature };
}

/** Signs the trail's current head and publishes it (the audit_checkpoints table). */
export async function createCheckpoint(store: Store, key: KeyObject, now: Date): Promise<Checkpoint> {
  await sealAudit(store); // vouch for every entry committed so far
  const head = await readAuditHead(store.db);
  const body = { sequence: head?.lastId ?? 0, hash: head?.lastHash ?? GENESIS_HASH, at: now.toISOString() };
  const signature = sign(null, signedText(body), key).toString('base64');
  const row = await insertCheckpoint(store.db, {
    ...body, day: shanghaiDay(now), public_key: publicKeyPem(key), signature,
  });
  return presentCheckpoint(row);
}

/** Reads a checkpoint file; a translated error when it is not one. */
export function readCheckpointFile(path: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new KepingError('CHECKPOINT_FILE_INVALID', { params: { path } });
  }
  const c = raw as Partial<Checkpoint> | null;
  if (!c || typeof c !== 'object' || !Number.isInteger(c.sequence) || typeof c.hash !== 'string' || typeof c.at !== 'string'
    || typeof c.publicKey !== 'string' || typeof c.signature !== 'string') {
    throw new KepingError('CHECKPOINT_FILE_INVALID', { params: { path } });
  }
  return { format: CHECKPOINT_FORMAT, sequence: c.sequence as number, hash: c.hash, at: c.at, publicKey: c.publicKey, signature: c.signature };
}

/**
 * Checks a checkpoint against the trail: its signature (by `trustedKey` when given, so a forger's
 * own key does not do), then that the trail still reaches its entry and holds it with its hash.
 * The chain itself is checked by verifyAudit afterwards. Throws a KepingError naming what is wrong.
 */
export async function checkCheckpoint(db: Kysely<Database>, checkpoint: Checkpoint, trustedKey?: KeyObject): Promise<void> {
  let signatureOk: boolean;
  try {
    signatureOk = verify(null, signedText(checkpoint), createPublicKey(checkpoint.publicKey), Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) throw new KepingError('CHECKPOINT_SIGNATURE_INVALID');
  if (trustedKey && keyFingerprint(trustedKey) !== keyFingerprint(checkpoint.publicKey)) throw new KepingError('CHECKPOINT_KEY_MISMATCH');
  const head = await readAuditHead(db);
  const headId = head?.lastId ?? 0;
  if (headId < checkpoint.sequence) {
    throw new KepingError('CHECKPOINT_TRUNCATED', { params: { sequence: checkpoint.sequence, head: headId } });
  }
  if (checkpoint.sequence === 0) return;
  const hash = await auditEntryHash(db, checkpoint.sequence);
  if (hash === undefined) throw new KepingError('CHECKPOINT_ENTRY_MISSING', { params: { sequence: checkpoint.sequence } });
  if (hash !== checkpoint.hash) throw new KepingError('CHECKPOINT_REWRITTEN', { params: { sequence: checkpoint.sequence } });
}
