/**
 * Reads an objection as the public sends it: JSON, or a multipart form whose text fields are the
 * objection and whose one optional file is the evidence. The evidence streams to the file store under
 * its SHA-256; it is dropped again when the objection is refused, unless another record holds it.
 */
import {
  type FieldError, ID_INVALID, KepingError, type ObjectionInput, objectionInputSchema, TEXT_INVALID_CHARACTER,
} from '@keping/core';
import type { FastifyRequest } from 'fastify';
import { assertStorableFile } from '../http/upload.js';
import type { Store } from '../db/database.js';
import { type FileStore, UploadTooLarge } from '../storage/file-store.js';
import { contentHeld } from './objection.repository.js';
import type { Evidence } from './objection.service.js';

export interface ObjectionUpload {
  /** The text fields as sent, checked by `parseObjection`. */
  raw: Record<string, unknown>;
  evidence: Evidence | null;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  maximum?: unknown;
}

function fieldErrors(raw: Record<string, unknown>, issues: readonly Issue[]): FieldError[] {
  return issues.map((issue): FieldError => {
    const field = issue.path.map(String).join('.') || 'body';
    // The shared input schemas name their failure by its code (as http/errors.ts does for route schemas).
    if (issue.message === ID_INVALID || issue.message === TEXT_INVALID_CHARACTER) return { code: issue.message, field };
    const value = raw[String(issue.path[0] ?? '')];
    if (value === undefined || (typeof value === 'string' && value.trim() === '' && issue.code === 'too_small')) return { code: 'REQUIRED', field };
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return { code: 'TOO_LONG', field, params: { max: issue.maximum } };
    return { code: 'VALIDATION', field, params: { detail: `${field}: ${issue.message}` } };
  });
}

export function parseObjection(raw: Record<string, unknown>): ObjectionInput {
  const parsed = objectionInputSchema.safeParse(raw);
  if (!parsed.success) throw KepingError.fromFieldErrors(fieldErrors(raw, parsed.error.issues));
  return parsed.data;
}

export async function readObjection(request: FastifyRequest, files: FileStore, limitBytes: number): Promise<ObjectionUpload> {
  if (!request.isMultipart()) {
    const body = request.body;
    return { raw: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}, evidence: null };
  }
  const raw: Record<string, unknown> = {};
  let evidence: Evidence | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: limitBytes, files: 1 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && part.value !== '') raw[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || evidence) {
        part.file.resume();
        continue;
      }
      assertStorableFile(part);
      const stored = await files.put(part.file, limitBytes);
      evidence = { ...stored, name: part.filename, mime: part.mimetype };
    }
  } catch (error) {
    if (error instanceof UploadTooLarge || (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new KepingError('FILE_TOO_LARGE', { field: 'file', params: { limitMb: Math.round(limitBytes / 1048576) }, status: 413 });
    }
    throw error;
  }
  return { raw, evidence };
}

/** Drops stored evidence no record refers to (after a refused objection). */
export async function dropUnheld(store: Store, files: FileStore, sha256: string): Promise<void> {
  if (!(await contentHeld(store.db, sha256))) await files.remove(sha256);
}
