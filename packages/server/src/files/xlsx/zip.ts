/**
 * The ZIP container of an XLSX file: its central directory, and an entry's bytes either streamed
 * (the worksheet, which is never held whole) or read and inflated at once (the small parts).
 * Every entry is held to a limit on its uncompressed size twice: the size the central directory
 * declares, before anything is inflated, and the bytes counted while inflating (a declared size
 * may lie: a few MB of zip can inflate to gigabytes).
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createInflateRaw, inflateRaw } from 'node:zlib';
import { KepingError } from '@keping/core';
import { partTooLarge } from '../limits.js';
import { XlsxFormatError } from './format-error.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared; 0xffffffff (ZIP64) stands for "4 GB or more". */
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The central directory: names, methods, sizes and offsets of every entry. */
export async function zipEntries(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxFormatError('no end of central directory');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || dirOffset + dirSize > size) throw new XlsxFormatError('bad central directory');
  const dir = await readAt(fh, dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new XlsxFormatError('bad central entry');
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const name = dir.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      uncompressedSize: dir.readUInt32LE(at + 24),
      localHeaderOffset: dir.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra field lengths may differ from the central one's. */
async function dataStart(fh: FileHandle, entry: ZipEntry): Promise<number> {
  const local = await readAt(fh, entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new XlsxFormatError('bad local header');
  return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

const inflateWhole = promisify(inflateRaw);

/** Refuses an entry whose declared size passes the limit, before a byte of it is read. */
export function checkDeclaredSize(entry: ZipEntry, maxBytes: number): void {
  const declared = entry.method === 0 ? entry.compressedSize : entry.uncompressedSize;
  if (declared > maxBytes) throw partTooLarge(maxBytes);
}

/** An entry's uncompressed bytes, streamed; stops (streams destroyed) once more than maxBytes came out. */
export async function* entryBytes(path: string, fh: FileHandle, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  checkDeclaredSize(entry, maxBytes);
  const start = await dataStart(fh, entry);
  if (entry.compressedSize === 0) return;
  if (entry.method !== 8 && entry.method !== 0) throw new XlsxFormatError(`compression method ${entry.method}`);
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const inflate = entry.method === 8 ? createInflateRaw({ chunkSize: 256 * 1024 }) : undefined;
  const source: AsyncIterable<Buffer> = inflate ? raw.pipe(inflate) : raw;
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw partTooLarge(maxBytes);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof KepingError) throw error;
    throw new XlsxFormatError(`inflate: ${(error as Error).message}`);
  } finally {
    // Refused, failed or left early by the reader: neither the file nor zlib's buffers outlive it.
    raw.destroy();
    inflate?.destroy();
  }
}

/**
 * A small entry (workbook, relationships, shared strings, styles) as one string, read and inflated
 * whole: a stream for each cost more (tens of milliseconds before the first row) than the entry.
 */
export async function entryString(fh: FileHandle, entry: ZipEntry, maxBytes: number): Promise<string> {
  checkDeclaredSize(entry, maxBytes);
  const start = await dataStart(fh, entry);
  if (entry.compressedSize === 0) return '';
  const raw = await readAt(fh, start, entry.compressedSize);
  if (entry.method === 0) return raw.toString('utf8');
  if (entry.method !== 8) throw new XlsxFormatError(`compression method ${entry.method}`);
  try {
    // zlib itself stops once the output would pass maxOutputLength (ERR_BUFFER_TOO_LARGE).
    return (await inflateWhole(raw, { maxOutputLength: maxBytes })).toString('utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw partTooLarge(maxBytes);
    throw new XlsxFormatError(`inflate: ${(error as Error).message}`);
  }
}
