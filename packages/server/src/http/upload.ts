/** A table uploaded for import (CSV or XLSX), saved to a temporary folder for as long as it is read. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { hasBadCharacter, KepingError } from '@keping/core';
import type { FastifyRequest } from 'fastify';
import { formatOf } from '../files/table-reader.js';

/** A file's name and type come from the client and are stored: NUL or a lone surrogate in them is refused like in any text field. */
export function assertStorableFile(file: { filename: string; mimetype: string }): void {
  if (hasBadCharacter(file.filename) || hasBadCharacter(file.mimetype)) throw new KepingError('TEXT_INVALID_CHARACTER', { field: 'file' });
}

/**
 * Saves the request's one file (refused unless .csv or .xlsx, or over `limit` bytes) and hands its
 * path, which keeps the extension, and its original name to `use`; the copy is removed afterwards.
 */
export async function withUploadedTable<T>(request: FastifyRequest, limit: number, use: (path: string, name: string) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) throw new KepingError('FILE_MISSING', { field: 'file' });
  const file = await request.file({ limits: { fileSize: limit, files: 1 } });
  if (!file) throw new KepingError('FILE_MISSING', { field: 'file' });
  assertStorableFile(file);
  const format = formatOf(file.filename);
  const dir = await mkdtemp(join(tmpdir(), 'keping-upload-'));
  try {
    const path = join(dir, `upload.${format}`);
    await pipeline(file.file, createWriteStream(path));
    if (file.file.truncated) throw new KepingError('FILE_TOO_LARGE', { field: 'file', params: { limitMb: Math.round(limit / 1048576) }, status: 413 });
    return await use(path, file.filename);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
