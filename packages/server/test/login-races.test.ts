/**
 * Login throttling under parallel guesses, on both databases: attempts are counted atomically before the
 * password is checked, so no burst gets past the limit and no attempt succeeds while a delay runs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findAttempts } from '../src/auth/session.repository.js';
import { DATABASES } from './databases.js';
import { type Harness, PASSWORD, startHarness } from './harness.js';

interface ErrorBody {
  error: { code: string; params: Record<string, unknown>; message: string };
}

describe.each(DATABASES)('login throttling on $name', (database) => {
  let h: Harness;
  let net = 0;
  beforeAll(async () => {
    h = await startHarness(database);
  });
  afterAll(async () => h.dispose());
  afterEach(() => {
    delete process.env.KEPING_LOGIN_DELAY_CAP_MINUTES;
  });

  /** A fresh address per call, so the address limit stays out of the account's tests. */
  const address = () => `10.${100 + Math.floor(net / 250)}.${net % 250}.${(net++ % 200) + 1}`;
  const attempt = (username: string, password: string, ip = address()) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const later = (seconds: number) => {
    h.clock.now = new Date(h.clock.now.getTime() + seconds * 1000);
  };

  it('lets through at most the limit of 200 parallel guesses on a fresh account and counts exactly that', async () => {
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt('staff', `wrong-${i}`)));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    const row = await findAttempts(h.store.db, 'account', 'staff');
    expect(row?.failures).toBe(5);
    expect(row?.delayed_until).toBe(new Date(h.clock.now.getTime() + 60_000).toISOString());
    later(61);
    expect((await attempt('staff', PASSWORD)).statusCode).toBe(200);
    expect(await findAttempts(h.store.db, 'account', 'staff')).toBeUndefined();
  });

  it('refuses all of 200 parallel logins during a delay, the right password among them', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('expert', 'wrong')).statusCode).toBe(401);
    const before = await findAttempts(h.store.db, 'account', 'expert');
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt('expert', i === 137 ? PASSWORD : `wrong-${i}`)));
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(replies.every((r) => r.statusCode === 429 && r.headers['retry-after'] === '60')).toBe(true);
    // Refused attempts do not count: hammering cannot push the delay to its cap.
    expect(await findAttempts(h.store.db, 'account', 'expert')).toEqual(before);
    const sessions = await h.store.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.token_hash').where('users.username', '=', 'expert').execute();
    expect(sessions).toHaveLength(0);
  });

  it('refuses the right password with 429 and Retry-After during the delay, doubling per failure up to the cap, then lets it in', async () => {
    process.env.KEPING_LOGIN_DELAY_CAP_MINUTES = '5';
    for (let i = 0; i < 5; i++) await attempt('chair', 'wrong');
    const seen: string[] = [];
    for (let round = 0; round < 5; round++) {
      const refused = await attempt('chair', PASSWORD);
      expect(refused.statusCode).toBe(429);
      expect((refused.json() as ErrorBody).error.code).toBe('TOO_MANY_ATTEMPTS');
      const wait = Number(refused.headers['retry-after']);
      seen.push(String(wait));
      later(wait + 1);
      if (round < 4) expect((await attempt('chair', 'still-wrong')).statusCode).toBe(401);
    }
    expect(seen).toEqual(['60', '120', '240', '300', '300']);
    const ok = await attempt('chair', PASSWORD);
    expect(ok.statusCode).toBe(200);
    // A success starts the count afresh: the next failure is the first again.
    expect((await attempt('chair', 'wrong')).statusCode).toBe(401);
    expect((await findAttempts(h.store.db, 'account', 'chair'))?.failures).toBe(1);
  });

  it('gives an unknown name exactly the reply a known one gets', async () => {
    const known: { status: number; body: string; headers: Record<string, unknown> }[] = [];
    const unknown: typeof known = [];
    // the date and the request's own id differ between any two replies
    const strip = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'date' && k !== 'x-request-id'));
    for (let i = 0; i < 7; i++) {
      const a = await attempt('auditor', 'wrong');
      const b = await attempt('no-such-user', 'wrong');
      known.push({ status: a.statusCode, body: a.body, headers: strip(a.headers) });
      unknown.push({ status: b.statusCode, body: b.body, headers: strip(b.headers) });
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
    expect(known[6]?.headers['retry-after']).toBe('60');
  });

  it('audits failures and the start of a delay on a known account, never the password', async () => {
    for (let i = 0; i < 5; i++) await attempt('admin', `Secret-Guess-${i}`);
    const rows = await h.store.db.selectFrom('audit_log').select(['action', 'after']).where('subject_id', '=', '1')
      .where('action', 'in', ['auth.login_failed', 'auth.throttled']).execute();
    expect(rows.filter((r) => r.action === 'auth.login_failed')).toHaveLength(5);
    expect(rows.filter((r) => r.action === 'auth.throttled')).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('Secret-Guess');
  });

  it('throttles an address after 30 failures in 15 minutes, not one that only logs in', async () => {
    const ip = '10.250.0.1';
    for (let i = 0; i < 30; i++) expect((await attempt(`ghost${i}`, 'x', ip)).statusCode).toBe(401);
    const refused = await attempt('applicant', PASSWORD, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect((await attempt('applicant', PASSWORD, '10.250.0.2')).statusCode).toBe(200);
    // An office behind one address: more good logins than the limit are never throttled.
    for (let i = 0; i < 31; i++) expect((await attempt('applicant', PASSWORD, '10.250.0.3')).statusCode).toBe(200);
    // The window passes: the address starts afresh.
    later(16 * 60);
    expect((await attempt('applicant', PASSWORD, ip)).statusCode).toBe(200);
  });
});
