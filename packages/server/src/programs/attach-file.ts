/**
 * Attachments to a draft (附件): the call says which ones, of what type and size. The type is checked
 * before a byte is stored, the size while streaming; the record (SHA-256, size, original name, MIME)
 * and its audit entry are written together, replacing an earlier upload under the same key.
 */
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { type ApplicationFile, type AttachmentSpec, KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { assertStorableFile } from '../http/upload.js';
import { visibleApplicationRow } from './application-access.js';
import { fileContentHeld, fileUnderKey, replaceFile, toFile } from './application.repository.js';
import { assertCallOpen } from './call-window.js';
import { findProgramRow } from './program.repository.js';
import { type FileStore, type StoredFile, UploadTooLarge } from '../storage/file-store.js';

export interface IncomingFile {
  filename: string;
  mimetype: string;
  file: Readable & { truncated?: boolean };
}

export interface AttachOptions {
  files: FileStore;
  uploadLimitBytes: number;
  /** Reads the uploaded file, at most `limitBytes`; undefined when the request carries none. */
  receive: (limitBytes: number) => Promise<IncomingFile | undefined>;
}

async function draftAndSpec(store: Store, ctx: RequestContext, id: number, key: string): Promise<AttachmentSpec> {
  const row = await visibleApplicationRow(store.db, ctx, id);
  if (row.status !== 'draft') throw new KepingError('APPLICATION_NOT_EDITABLE', { params: { status: row.status }, status: 409 });
  const program = await findProgramRow(store.db, row.program_id);
  if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
  assertCallOpen(program, ctx.now());
  const spec = (JSON.parse(program.attachments) as AttachmentSpec[]).find((a) => a.key === key);
  if (!spec) throw new KepingError('ATTACHMENT_UNKNOWN', { field: 'key', params: { key } });
  return spec;
}

function assertType(spec: AttachmentSpec, file: IncomingFile): void {
  assertStorableFile(file);
  const ext = extname(file.filename).slice(1).toLowerCase();
  const mime = file.mimetype.toLowerCase();
  const extOk = spec.extensions.length === 0 || spec.extensions.includes(ext);
  const mimeOk = spec.mimeTypes.length === 0 || spec.mimeTypes.some((m) => m.toLowerCase() === mime);
  if (!extOk || !mimeOk) {
    const allowed = [...spec.extensions.map((e) => `.${e}`), ...spec.mimeTypes].join(', ');
    throw new KepingError('FILE_TYPE_NOT_ALLOWED', { field: 'file', params: { type: ext ? `.${ext} (${mime})` : mime, allowed }, status: 415 });
  }
}

export async function attachFile(store: Store, ctx: RequestContext, id: number, key: string, options: AttachOptions): Promise<ApplicationFile> {
  const spec = await draftAndSpec(store, ctx, id, key);
  const limitBytes = Math.min(Math.floor(spec.maxSizeMb * 1048576), options.uploadLimitBytes);
  const limitMb = Number((limitBytes / 1048576).toFixed(3));
  let incoming: IncomingFile | undefined;
  try {
    incoming = await options.receive(limitBytes);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limitMb);
    throw error;
  }
  if (!incoming) throw new KepingError('FILE_MISSING', { field: 'file' });
  try {
    assertType(spec, incoming);
  } catch (error) {
    // Drain the refused upload so the request completes with its error.
    incoming.file.resume();
    throw error;
  }
  let stored;
  try {
    stored = await options.files.put(incoming.file, limitBytes);
  } catch (error) {
    if (error instanceof UploadTooLarge) throw tooLarge(limitMb);
    throw error;
  }
  const { sha256 } = stored;
  try {
    return await record(store, ctx, id, key, incoming, stored);
  } catch (error) {
    // The record was refused: drop the bytes unless another record holds the same content.
    if (!(await fileContentHeld(store.db, sha256))) await options.files.remove(sha256);
    throw error;
  }
}

async function record(
  store: Store, ctx: RequestContext, id: number, key: string, incoming: IncomingFile, { sha256, size }: StoredFile,
): Promise<ApplicationFile> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await visibleApplicationRow(trx, ctx, id);
    if (row.status !== 'draft') throw new KepingError('APPLICATION_NOT_EDITABLE', { params: { status: row.status }, status: 409 });
    const previous = await fileUnderKey(trx, id, key);
    const inserted = await replaceFile(trx, previous?.id ?? null, {
      application_id: id, attachment_key: key, sha256, size, original_name: incoming.filename.slice(0, 300),
      mime: incoming.mimetype.slice(0, 100), uploaded_by: ctx.actor.id, uploaded_at: ctx.now().toISOString(),
    });
    const file = toFile(inserted);
    await audit({
      action: 'application.attach', subjectType: 'application', subjectId: String(id),
      before: previous ? { key, sha256: previous.sha256, size: previous.size, name: previous.original_name } : undefined,
      after: { key, sha256, size, name: file.originalName, mime: file.mime },
    });
    return file;
  });
}

function tooLarge(limitMb: number): KepingError {
  return new KepingError('FILE_TOO_LARGE', { field: 'file', params: { limitMb }, status: 413 });
}
