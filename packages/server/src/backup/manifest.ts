/**
 * A backup's manifest.json: every part with its SHA-256 and size, the database kind, the schema
 * (migrations) it holds, when it was taken, and the fingerprints of the keys it must be restored
 * with. Keys themselves are never in a backup.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { KepingError } from '@keping/core';
import type { Dialect } from '../db/database.js';

export const BACKUP_FORMAT = 'keping-backup/1';
export const MANIFEST = 'manifest.json';

export interface BackupPart {
  /** Relative to the backup directory, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: { kind: Dialect; part: string };
  schema: { migrations: string[]; latest: string | null };
  parts: BackupPart[];
  keys: {
    /** SHA-256 of the audit signing key's public half (DER), or null when none was configured. */
    auditSigningPublicKeySha256: string | null;
    /** Reserved for a data-encryption key; null until data is encrypted at rest. */
    dataEncryptionKeySha256: string | null;
  };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function describePart(dir: string, path: string): Promise<BackupPart> {
  const full = join(dir, path);
  return { path, sha256: await sha256File(full), size: statSync(full).size };
}

export function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST);
  let m: Partial<BackupManifest> | null;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupManifest>;
  } catch {
    m = null;
  }
  if (!m || m.format !== BACKUP_FORMAT || !Array.isArray(m.parts) || !m.database || !m.keys
    || (m.database.kind !== 'sqlite' && m.database.kind !== 'postgres')) {
    throw new KepingError('BACKUP_MANIFEST_INVALID', { params: { path } });
  }
  return m as BackupManifest;
}

/** Every part present, inside the directory, of its recorded size and hash; else an error naming the first bad part. */
export async function verifyParts(dir: string, manifest: BackupManifest): Promise<void> {
  if (!manifest.parts.some((p) => p.path === manifest.database.part)) {
    throw new KepingError('BACKUP_PART_DAMAGED', { params: { part: manifest.database.part } });
  }
  for (const part of manifest.parts) {
    const safe = typeof part.path === 'string' && !isAbsolute(part.path) && !normalize(part.path).startsWith('..');
    const full = join(dir, String(part.path));
    if (!safe || !existsSync(full) || statSync(full).size !== part.size || (await sha256File(full)) !== part.sha256) {
      throw new KepingError('BACKUP_PART_DAMAGED', { params: { part: String(part.path) } });
    }
  }
}
