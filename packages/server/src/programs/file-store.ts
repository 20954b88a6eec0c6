/**
 * Attachments on disk, content-addressed: a file is named by the SHA-256 of its bytes, so the same
 * upload twice is stored once and the name proves the content. Bytes stream through the hash into
 * a temporary file and are renamed into place only when complete and within the limit.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  sha256: string;
  size: number;
}

/** The directory attachments live in: KEPING_FILES_DIR, else <KEPING_DATA_DIR or ./data>/files. */
export function defaultFilesDir(): string {
  return resolve(process.env.KEPING_FILES_DIR ?? join(process.env.KEPING_DATA_DIR ?? './data', 'files'));
}

export class UploadTooLarge extends Error {
  constructor() {
    super('upload too large');
  }
}

/** Streams `source` into `dir` under its SHA-256; throws UploadTooLarge (leaving nothing) past `limitBytes`. */
export async function storeStream(dir: string, source: Readable & { truncated?: boolean }, limitBytes: number): Promise<StoredFile> {
  const incoming = join(dir, '.incoming');
  await mkdir(incoming, { recursive: true });
  const temp = join(incoming, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limitBytes) return done(new UploadTooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(temp));
    if (source.truncated) throw new UploadTooLarge();
    const sha256 = hash.digest('hex');
    const target = join(dir, sha256);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.size === size) await rm(temp, { force: true });
    else await rename(temp, target);
    return { sha256, size };
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as { code?: unknown }).code;
    if (error instanceof UploadTooLarge || code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadTooLarge();
    throw error;
  }
}

export function openStored(dir: string, sha256: string): Readable {
  return createReadStream(join(dir, sha256));
}

export async function removeStored(dir: string, sha256: string): Promise<void> {
  await rm(join(dir, sha256), { force: true });
}

/**
 * Types an attachment keeps when served back; any other is served as application/octet-stream.
 * The stored type is the uploader's word: served as declared, an "image" declared text/html would
 * run as a page of this site. These types cannot (and nosniff stops the browser from guessing).
 */
const SERVED_AS_DECLARED = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
]);
const OFFICE_OPEN_XML = 'application/vnd.openxmlformats-officedocument.';

/** The content type an attachment is served with: its stored type if allowed (parameters dropped), else octet-stream. */
export function servedContentType(stored: string | null | undefined): string {
  const type = (stored ?? '').split(';')[0]!.trim().toLowerCase();
  if (SERVED_AS_DECLARED.has(type)) return type;
  if (type.startsWith(OFFICE_OPEN_XML) && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type)) return type;
  return 'application/octet-stream';
}

/** RFC 5987 encoding of a file name: encodeURIComponent leaves ' ( ) * as they are, which the syntax does not allow. */
function encodeFileName(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The headers of every attachment download: a safe type, always a download (never shown inline), no sniffing. */
export function attachmentHeaders(storedType: string | null | undefined, name: string, size: number): Record<string, string> {
  return {
    'content-type': servedContentType(storedType),
    'content-length': String(size),
    'content-disposition': `attachment; filename*=UTF-8''${encodeFileName(name)}`,
    'x-content-type-options': 'nosniff',
  };
}
