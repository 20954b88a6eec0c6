/**
 * KEPING_FILES_URL chooses the attachment store: `file:///srv/keping/files` or
 * `s3://bucket[/prefix]?endpoint=http://host:9000&region=…&forcePathStyle=true` (credentials from the
 * standard AWS variables). Unset: the directory KEPING_FILES_DIR, else <KEPING_DATA_DIR or ./data>/files.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KepingError } from '@keping/core';
import { DiskFileStore } from './disk-file-store.js';
import type { FileStore } from './file-store.js';
import { type S3Location, S3FileStore } from './s3-file-store.js';

const VARIABLE = 'KEPING_FILES_URL';
const S3_PARAMETERS = new Set(['endpoint', 'region', 'forcePathStyle']);

/** The directory attachments live in when KEPING_FILES_URL is unset. */
export function defaultFilesDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.KEPING_FILES_DIR ?? join(env.KEPING_DATA_DIR ?? './data', 'files'));
}

function invalid(value: string): KepingError {
  return new KepingError('FILES_URL_INVALID', { params: { variable: VARIABLE, value } });
}

/** Reads an s3:// URL; anything unexpected (a typo in a parameter, an endpoint that is no http URL) is refused. */
export function s3Location(url: URL, env: NodeJS.ProcessEnv = process.env): S3Location {
  const bucket = decodeURIComponent(url.hostname);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || url.username || url.password || url.port) throw invalid(url.href);
  for (const name of url.searchParams.keys()) if (!S3_PARAMETERS.has(name)) throw invalid(url.href);
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+\/?$/.test(endpoint)) throw invalid(url.href);
  const style = url.searchParams.get('forcePathStyle') ?? (endpoint ? 'true' : 'false');
  if (style !== 'true' && style !== 'false') throw invalid(url.href);
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  return {
    bucket, prefix: path ? `${path}/` : '', endpoint,
    region: url.searchParams.get('region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    forcePathStyle: style === 'true',
  };
}

/** The store KEPING_FILES_URL names (or the default directory); a bad value fails at start-up, naming the variable. */
export function fileStoreFromEnv(env: NodeJS.ProcessEnv = process.env): FileStore {
  const value = env[VARIABLE]?.trim();
  if (!value) return new DiskFileStore(defaultFilesDir(env));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(value);
  }
  if (url.protocol === 's3:') return new S3FileStore(s3Location(url, env));
  if (url.protocol === 'file:' && (url.hostname === '' || url.hostname === 'localhost') && !url.search) {
    return new DiskFileStore(fileURLToPath(url));
  }
  throw invalid(value);
}
