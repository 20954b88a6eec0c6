/**
 * Attachments in a directory. Bytes stream through the hash into a temporary file under .incoming/
 * and are renamed into place only when complete and within the limit: a rename is atomic, so a
 * content name never shows a partial file.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { asTooLarge, type FileStore, hashingCounter, SHA256_NAME, type StoredFile, UploadTooLarge, type UploadSource } from './file-store.js';

export class DiskFileStore implements FileStore {
  readonly location: string;

  constructor(dir: string) {
    this.location = resolve(dir);
  }

  async put(source: UploadSource, limitBytes: number): Promise<StoredFile> {
    const incoming = join(this.location, '.incoming');
    await mkdir(incoming, { recursive: true });
    const temp = join(incoming, randomUUID());
    const counter = hashingCounter(limitBytes);
    try {
      await pipeline(source, counter.stream, createWriteStream(temp));
      if (source.truncated) throw new UploadTooLarge();
      const stored = counter.result();
      const target = join(this.location, stored.sha256);
      const existing = await stat(target).catch(() => undefined);
      if (existing?.size === stored.size) await rm(temp, { force: true });
      else await rename(temp, target);
      return stored;
    } catch (error) {
      await rm(temp, { force: true });
      throw asTooLarge(error, source);
    }
  }

  async open(sha256: string): Promise<Readable> {
    if (!SHA256_NAME.test(sha256)) throw new Error(`not a SHA-256 name: ${sha256}`);
    // Opened first, so a missing file rejects here rather than failing the response midway.
    const handle = await open(join(this.location, sha256), 'r');
    return handle.createReadStream();
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_NAME.test(sha256)) return;
    await rm(join(this.location, sha256), { force: true });
  }

  async list(): Promise<string[]> {
    const entries = await readdir(this.location, { withFileTypes: true }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'ENOENT') return [];
      throw error;
    });
    return entries.filter((e) => e.isFile() && SHA256_NAME.test(e.name)).map((e) => e.name).sort();
  }

  async close(): Promise<void> {
    // nothing held open between calls
  }
}
