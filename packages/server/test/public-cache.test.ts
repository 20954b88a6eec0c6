/**
 * Published pages from memory (http/public-cache.ts), on both databases: the same bytes with a strong
 * ETag and a CDN's Cache-Control, 304 on revalidation, one computation however many requests come at
 * once, a write of this process seen at once and another process's within a second, errors not kept.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHeadId } from '../src/audit/audit.repository.js';
import { mutate } from '../src/audit/mutate.js';
import type { RequestContext } from '../src/context.js';
import { openStore, type Store } from '../src/db/database.js';
import { PUBLIC_CACHE_CONTROL, servePublic } from '../src/http/public-cache.js';
import { DATABASES } from './databases.js';

const ctx: RequestContext = { actor: { id: null, name: 'test', role: 'system', organisationUscc: null }, ip: null, locale: 'zh-CN', now: () => new Date() };
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe.each(DATABASES)('published pages from memory on $name', (database) => {
  let store: Store;
  let other: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let builds = 0;
  let failing = false;
  let clock = new Date('2026-12-08T09:00:00Z');
  const auditWrite = (s: Store, note: string) => mutate(s, ctx, (m) => m.audit({ action: 'test.note', subjectType: 'test', subjectId: note }));

  beforeAll(async () => {
    const opened = await database.open();
    ({ store, dispose } = opened);
    other = openStore(opened.url); // a second server process on the same database
    app = Fastify();
    app.get('/page', async (request, reply) => servePublic(store, request, reply, { key: 'page', now: clock }, async () => {
      builds++;
      await wait(20); // a page that takes a while to compute
      if (failing) throw Object.assign(new Error('not published'), { statusCode: 404 });
      return { head: await auditHeadId(store.db), title: '硬核科技企业 TOP100' };
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await other.close();
    await dispose();
  });

  it('computes a page once for 50 requests at once, then serves the same bytes with a strong ETag; 304 when it matches', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => app.inject({ method: 'GET', url: '/page' })));
    expect(builds).toBe(1);
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    const first = responses[0]!;
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await app.inject({ method: 'GET', url: '/page' });
    expect([again.body, again.headers.etag, builds]).toEqual([first.body, etag, 1]);
    const revalidated = await app.inject({ method: 'GET', url: '/page', headers: { 'if-none-match': `"other", ${etag}` } });
    expect([revalidated.statusCode, revalidated.body, revalidated.headers.etag]).toEqual([304, '', etag]);
    expect((await app.inject({ method: 'GET', url: '/page', headers: { 'if-none-match': '"stale"' } })).statusCode).toBe(200);
  });

  it('recomputes at once after a write of this process, and within a second after another process\'s', async () => {
    const before = await app.inject({ method: 'GET', url: '/page' });
    await auditWrite(store, 'correction');
    const after = await app.inject({ method: 'GET', url: '/page' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(JSON.parse(after.body).head).toBe(await auditHeadId(store.db));

    await auditWrite(other, 'correction elsewhere');
    await wait(1100);
    const later = await app.inject({ method: 'GET', url: '/page' });
    expect(JSON.parse(later.body).head).toBe(await auditHeadId(store.db));
    expect(later.headers.etag).not.toBe(after.headers.etag);
    // nothing written since: looked again after a second, not recomputed
    const count = builds;
    await wait(1100);
    expect((await app.inject({ method: 'GET', url: '/page' })).headers.etag).toBe(later.headers.etag);
    expect(builds).toBe(count);
  });

  it('keeps no error: a page that fails is computed again at the next request', async () => {
    failing = true;
    await auditWrite(store, 'unpublish');
    expect((await app.inject({ method: 'GET', url: '/page' })).statusCode).toBe(404);
    const count = builds;
    expect((await app.inject({ method: 'GET', url: '/page' })).statusCode).toBe(404);
    expect(builds).toBe(count + 1);
    failing = false;
    expect((await app.inject({ method: 'GET', url: '/page' })).statusCode).toBe(200);
  });

  it('keeps a page by the minute of the request\'s clock: a date that moves on shows what the new date shows', async () => {
    const first = await app.inject({ method: 'GET', url: '/page' });
    const count = builds;
    clock = new Date(clock.getTime() + 60_000);
    const next = await app.inject({ method: 'GET', url: '/page' });
    expect(builds).toBe(count + 1);
    expect(next.body).toBe(first.body); // nothing written: the same page, computed for the new minute
  });
});
