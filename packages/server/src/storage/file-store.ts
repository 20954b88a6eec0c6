/**
 * Where attachments live: a content-addressed store (a file is named by the SHA-256 of its bytes, so
 * the same upload twice is stored once and the name proves the content), on disk or in an
 * S3-compatible bucket, chosen by KEPING_FILES_URL. Callers see only this interface.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

export interface StoredFile {
  sha256: string;
  size: number;
}

/** A source as @fastify/multipart hands it: `truncated` is set when its own size limit cut the file. */
export type UploadSource = Readable & { truncated?: boolean };

export interface FileStore {
  /** Where the files are, for messages: a directory or s3://bucket/prefix. */
  readonly location: string;
  /**
   * Streams `source` in under its SHA-256. Past `limitBytes` it throws UploadTooLarge and leaves
   * nothing behind; no reader ever sees a partial file under a content name.
   */
  put(source: UploadSource, limitBytes: number): Promise<StoredFile>;
  /** The stored bytes; rejects when there is no such file. */
  open(sha256: string): Promise<Readable>;
  /** Removes the file if present (no error when absent). */
  remove(sha256: string): Promise<void>;
  /** The SHA-256 names of every stored file (uploads in progress excepted), sorted. */
  list(): Promise<string[]>;
  /** Releases connections (the S3 client's sockets); the store is not used after. */
  close(): Promise<void>;
}

export class UploadTooLarge extends Error {
  constructor() {
    super('upload too large');
  }
}

export const SHA256_NAME = /^[0-9a-f]{64}$/;

/** Hashes and counts the bytes passing through, failing with UploadTooLarge past the limit. */
export function hashingCounter(limitBytes: number): { stream: Transform; result: () => StoredFile } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limitBytes) return done(new UploadTooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

/** Normalises the ways an upload can turn out too large (ours, or multipart's own limit) into UploadTooLarge. */
export function asTooLarge(error: unknown, source: UploadSource): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof UploadTooLarge || code === 'FST_REQ_FILE_TOO_LARGE' || source.truncated) return new UploadTooLarge();
  return error;
}
