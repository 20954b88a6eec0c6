/**
 * Published pages from memory (公开页缓存). A list goes public with a press release, and that is when
 * the load comes; its content changes only through a recorded decision, and every write leaves an
 * audit entry by construction. So a page's bytes are kept with the audit head they were computed at
 * and served again while the head has not moved: checked at most once a second (one small read
 * shared by every request), so a correction shows within a second on every server process, and at
 * once on the process that made it. Pages are kept by the minute of the request's clock, for what
 * depends on the date alone (the objection period opening or closing), and never longer than a minute. Strong ETags (a hash of the bytes) answer revalidations
 * with 304; Cache-Control lets a CDN in front hold a page for ten seconds.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditHeadId } from '../audit/audit.repository.js';
import { committedWrites } from '../audit/write-clock.js';
import type { Store } from '../db/database.js';

const REVALIDATE_MS = 1000;
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;
/**
 * Browsers ask again every time (a 304 when nothing changed), so a correction shows at the next load;
 * a CDN in front may answer for ten seconds without asking.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate, s-maxage=10';

interface Entry {
  body: Buffer;
  etag: string;
  /** The audit head when the page was computed. */
  head: number;
  computedAt: number;
}

interface Cache {
  entries: Map<string, Entry>;
  /** Recomputations under way, by key: one per page however many requests arrive meanwhile. */
  pending: Map<string, Promise<Entry>>;
  head: { value: number; readAt: number; writesSeen: number; reading: Promise<number> | undefined; readingWrites: number };
}

const caches = new WeakMap<Store, Cache>();

function cacheOf(store: Store): Cache {
  let cache = caches.get(store);
  if (!cache) {
    cache = { entries: new Map(), pending: new Map(), head: { value: -1, readAt: 0, writesSeen: 0, reading: undefined, readingWrites: 0 } };
    caches.set(store, cache);
  }
  return cache;
}

/** The audit head, read at most once a second whatever the number of requests, and at once after a write of this process. */
function currentHead(store: Store, cache: Cache, now: number): Promise<number> | number {
  const h = cache.head;
  const writes = committedWrites(store);
  if (now - h.readAt < REVALIDATE_MS && writes === h.writesSeen) return h.value;
  // a read begun before this process's last write may miss it: only a read begun after it is shared
  if (h.reading && h.readingWrites === writes) return h.reading;
  const reading: Promise<number> = auditHeadId(store.db).then((value) => {
    if (h.reading === reading) {
      Object.assign(h, { value, readAt: Date.now(), writesSeen: writes, reading: undefined });
    }
    return value;
  }, (error: unknown) => {
    if (h.reading === reading) h.reading = undefined;
    throw error;
  });
  Object.assign(h, { reading, readingWrites: writes });
  return reading;
}

async function compute(cache: Cache, key: string, head: number, build: () => Promise<unknown>): Promise<Entry> {
  const body = Buffer.from(JSON.stringify(await build()));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const entry = { body, etag, head, computedAt: Date.now() };
  cache.entries.delete(key);
  cache.entries.set(key, entry);
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value as string);
  return entry;
}

/**
 * Answers a public read from the cache, computing the page with `build` when it is missing, older than
 * a minute or older than the last write. An error from `build` (a list not published: 404) is not kept.
 */
export async function servePublic(
  store: Store, request: FastifyRequest, reply: FastifyReply, page: { key: string; now: Date }, build: () => Promise<unknown>,
): Promise<FastifyReply> {
  // the minute is part of the key: what a page shows may turn on the date (a period opening or closing)
  const key = `${page.key}@${Math.floor(page.now.getTime() / 60_000)}`;
  const cache = cacheOf(store);
  const now = Date.now();
  const h = cache.head;
  let entry = cache.entries.get(key);
  const young = (e: Entry | undefined): e is Entry => e !== undefined && now - e.computedAt < MAX_AGE_MS;
  // served as kept only while its head is the head last read, read less than a second ago, and no write of ours since
  if (!(young(entry) && entry.head === h.value && now - h.readAt < REVALIDATE_MS && committedWrites(store) === h.writesSeen)) {
    const head = await currentHead(store, cache, now);
    if (!(young(entry) && entry.head === head)) {
      let pending = cache.pending.get(key);
      if (!pending) {
        pending = compute(cache, key, head, build).finally(() => cache.pending.delete(key));
        cache.pending.set(key, pending);
      }
      entry = await pending;
    }
  }
  reply.header('etag', entry.etag).header('cache-control', PUBLIC_CACHE_CONTROL);
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim() === entry.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(entry.body);
}
