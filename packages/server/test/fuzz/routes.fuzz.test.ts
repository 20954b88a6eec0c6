/**
 * Fuzzes every registered route on both databases: random and hostile path parameters, query strings
 * and bodies (built from each route's own zod schemas), sent as every role and without a session.
 * No response may be a 5xx. KEPING_FUZZ_RUNS sets the number of requests per database (`npm run fuzz -- --runs N`).
 */
import fc from 'fast-check';
import { objectionInputSchema, ROLES, type Role } from '@keping/core';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { outsideAudit } from '../../src/audit/audit-guard.js';
import { hashPassword } from '../../src/auth/password.js';
import { systemContext } from '../../src/context.js';
import { seedCompetitionDemo } from '../../src/demo/competition-demo.js';
import { DEMO_YEAR, seedDemo } from '../../src/demo/demo.service.js';
import { seedTop100Demo } from '../../src/demo/top100-demo.js';
import type { RouteInfo } from '../../src/http/policy.js';
import { listUsers } from '../../src/users/user.repository.js';
import { setUserDisabled } from '../../src/users/user.service.js';
import { DATABASES } from '../databases.js';
import { type Client, type Harness, PASSWORD, startHarness } from '../harness.js';
import { DEEP_JSON, hostileQuery, hostileScalar, hostileValue, queryOf, segmentOf, valueOf } from './arbitraries.js';
import { isZod } from './zod-walk.js';

const RUNS = Number(process.env.KEPING_FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.KEPING_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CHUNK = 250;
/** Routes not fuzzed, each with its reason. None: logouts, disabled users and changed or reset passwords are undone after each request that hits them. */
const EXCLUDED: Record<string, string> = {};
/** Bodies read by the handler rather than by a route schema (multipart or JSON). */
const HANDLER_BODIES: Record<string, z.ZodType> = { 'POST /api/public/publications/:id/objections': objectionInputSchema };
const UPLOAD = /\/(import|attachments|objections)$/;

type Actor = Role | 'anonymous';
interface Planned { route: string; actor: Actor; options: InjectOptions }

function multipart(fields: Record<string, unknown>, file: { name: string; bytes: Uint8Array } | undefined): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----keping-fuzz';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${typeof value === 'string' ? value : JSON.stringify(value)}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const fileArb = fc.option(fc.record({
  name: fc.constantFrom('a.csv', 'b.xlsx', 'c.pdf', 'd.png', '\u0000.csv', '../../x.csv', '', '😀.csv'),
  bytes: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(`uscc,name\n${s}`))),
}), { nil: undefined });

/** The body with one of its fields (or a new one) replaced by 5,000 levels of nesting, as raw JSON. */
function withDeepField(value: unknown): fc.Arbitrary<Pick<InjectOptions, 'payload' | 'headers'>> {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
  const keys = Object.keys(object);
  return fc.constantFrom(...keys, 'extra').map((key) => ({
    payload: JSON.stringify({ ...object, [key]: '__DEEP__' }).replace('"__DEEP__"', DEEP_JSON),
    headers: { 'content-type': 'application/json' },
  }));
}

function zodOf(value: unknown): z.ZodType | undefined {
  return isZod(value) ? value : undefined;
}

/** One request to one route: its path filled in, its query and body generated, an actor chosen. */
function requestArb(route: RouteInfo): fc.Arbitrary<Planned> {
  const key = `${route.method} ${route.url}`;
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const query = zodOf(route.schema?.querystring);
  const body = zodOf(route.schema?.body) ?? HANDLER_BODIES[key];
  const allowed: Actor[] = route.roles === 'public' || route.roles === 'authenticated' ? [...ROLES] : [...route.roles];
  const actor = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom<Actor>('anonymous', ...ROLES) });
  const path = fc.tuple(...names.map(segmentOf)).map((segments) => segments.reduce((url, s, i) => url.replace(`:${names[i] ?? ''}`, s), route.url));
  const search = fc.oneof(
    { weight: 6, arbitrary: query ? valueOf(query, hostileScalar).map(queryOf) : fc.constant('') },
    { weight: 1, arbitrary: hostileQuery },
  );
  const bodyArb: fc.Arbitrary<Pick<InjectOptions, 'payload' | 'headers'>> = UPLOAD.test(route.url)
    ? fc.oneof(
      fc.tuple(body ? valueOf(body, hostileScalar) : fc.constant({}), fileArb).map(([fields, file]) => multipart(typeof fields === 'object' && fields !== null ? fields as Record<string, unknown> : { v: fields }, file)),
      (body ? valueOf(body, hostileValue) : fc.jsonValue({ maxDepth: 2 })).map((payload) => ({ payload: payload as InjectOptions['payload'] })),
    )
    : route.method === 'GET' || route.method === 'DELETE'
      ? fc.constant({})
      : fc.oneof(
        { weight: 8, arbitrary: (body ? valueOf(body, hostileValue) : fc.oneof(fc.constant(undefined), hostileValue)).map((payload) => ({ payload: payload as InjectOptions['payload'] })) },
        { weight: 1, arbitrary: fc.constantFrom('{"a":', 'not json', '\u0000', '', DEEP_JSON).map((payload) => ({ payload, headers: { 'content-type': 'application/json' } })) },
        { weight: 1, arbitrary: (body ? valueOf(body, hostileScalar) : fc.constant({})).chain((value) => withDeepField(value)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((payload) => ({ payload, headers: { 'content-type': 'text/plain' } })) },
      );
  return fc.record({ actor, path, search, body: bodyArb }).map(({ actor: a, path: p, search: s, body: b }) => ({
    route: key, actor: a,
    options: { method: route.method as InjectOptions['method'], url: s ? `${p}?${s}` : p, ...b },
  }));
}

describe.each(DATABASES)('fuzzing every route on $name', (database) => {
  let h: Harness;
  const clients = new Map<Actor, Client>();

  beforeAll(async () => {
    h = await startHarness(database);
    // Data for the ids to find: the demo's registry, and its competition's program, rounds, experts and applications.
    const ctx = systemContext('zh-CN', () => h.clock.now);
    // (The competition only through screening: seeding its scoring and panels takes two minutes on PostgreSQL.)
    await seedDemo(h.store, ctx, { count: 2200, seed: 'keping-demo', top100: false });
    await seedCompetitionDemo(h.store, ctx, { through: 'screening' });
    await seedTop100Demo(h.store, ctx, DEMO_YEAR);
    for (const role of ROLES) clients.set(role, await h.login(role));
  }, 600_000);
  afterAll(async () => { await h.dispose(); });

  /**
   * A session the last request ended (a logout, a disabled account, a password changed or reset by the
   * fuzzer, a forced change pending) is restored, so the run goes on with every role. The fuzzer's own
   * wrong guesses throttle logins from this address, so the throttle is cleared first.
   */
  async function revive(actor: Role): Promise<void> {
    const user = (await listUsers(h.store.db)).find((u) => u.username === actor);
    if (user?.disabled) await setUserDisabled(h.store, systemContext('zh-CN', () => h.clock.now), user.id, false);
    const hash = await hashPassword(PASSWORD);
    await outsideAudit('fuzz: the run puts back the accounts it changed', async () => {
      await h.store.db.deleteFrom('login_attempts').execute();
      await h.store.db.updateTable('users').set({ password_hash: hash, must_change_password: 0 }).where('username', '=', actor).execute();
    });
    clients.set(actor, await h.login(actor));
  }

  /** Whether the actor's session can no longer be used as it was: ended, or limited to a password change. */
  const lost = (res: LightMyRequestResponse) =>
    res.statusCode === 401 || (res.statusCode === 403 && res.body.includes('PASSWORD_CHANGE_REQUIRED'));

  async function send(planned: Planned): Promise<LightMyRequestResponse> {
    const client = planned.actor === 'anonymous' ? undefined : clients.get(planned.actor);
    const res = client ? await client.request(planned.options) : await h.app.inject(planned.options);
    if (planned.actor !== 'anonymous' && (lost(res) || planned.route === 'POST /api/auth/logout')) await revive(planned.actor);
    return res;
  }

  it(`answers ${RUNS} random and hostile requests without a 5xx`, async () => {
    const routes = h.routes.filter((r) => !(`${r.method} ${r.url}` in EXCLUDED));
    expect(routes.length).toBeGreaterThan(100);
    const arb = fc.oneof(...routes.map(requestArb));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const routesHit = new Set<string>();
    for (let done = 0, chunk = 0; done < RUNS; chunk++) {
      const batch = fc.sample(arb, { numRuns: Math.min(CHUNK, RUNS - done), seed: SEED + chunk });
      for (const planned of batch) {
        let res: LightMyRequestResponse;
        try {
          res = await send(planned);
        } catch (error) {
          failures.push(`${planned.route} as ${planned.actor}: ${planned.options.method} ${String(planned.options.url).slice(0, 200)} threw ${String(error)}`);
          continue;
        }
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        routesHit.add(planned.route);
        if (res.statusCode >= 500) {
          failures.push(`${planned.route} as ${planned.actor}: ${planned.options.method} ${String(planned.options.url).slice(0, 200)} body ${JSON.stringify(planned.options.payload)?.slice(0, 300) ?? '-'} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      done += batch.length;
    }
    const summary = `${database.name}: ${RUNS} requests (seed ${SEED}), ${routesHit.size}/${routes.length} routes, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}, ${failures.length} ≥500`;
    console.log(summary);
    expect(failures, summary).toEqual([]);
  }, Math.max(600_000, RUNS * 100));
});
