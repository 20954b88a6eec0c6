/**
 * What a load balancer and an operator rely on, on both databases: liveness, readiness (the schema
 * current, the database answering, not shutting down) and request ids (the balancer's, else a fresh
 * one) returned with every response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/database.js';
import { buildApp, type KepingApp } from '../src/http/app.js';
import { DATABASES } from './databases.js';

describe.each(DATABASES)('health, readiness and request ids on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let keping: KepingApp;

  beforeAll(async () => {
    ({ store, dispose } = await database.open());
    keping = await buildApp({ store, webDist: '/nonexistent' });
  });
  afterAll(async () => {
    await keping.app.close();
    await dispose();
  });

  it('is ready with its schema current; after drain() readiness answers 503 while requests are still served', async () => {
    const ready = await keping.app.inject({ method: 'GET', url: '/api/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { ready: true }]);
    keping.drain();
    const draining = await keping.app.inject({ method: 'GET', url: '/api/ready' });
    expect([draining.statusCode, draining.json()]).toEqual([503, { ready: false, reason: 'draining' }]);
    expect((await keping.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('is not ready when its database does not answer', async () => {
    const other = await database.open();
    const broken = openStore(other.url);
    const app = await buildApp({ store: broken, webDist: '/nonexistent' });
    expect((await app.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    await broken.close(); // the database gone from under a running server
    const r = await app.app.inject({ method: 'GET', url: '/api/ready' });
    expect([r.statusCode, r.json()]).toEqual([503, { ready: false, reason: 'database' }]);
    await app.app.close();
    await other.dispose();
  });

  it('returns the balancer\'s request id, else a fresh one per request', async () => {
    const given = await keping.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-7f3a' } });
    expect(given.headers['x-request-id']).toBe('lb-7f3a');
    const a = await keping.app.inject({ method: 'GET', url: '/api/health' });
    const b = await keping.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});
