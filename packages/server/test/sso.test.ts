/**
 * Single sign-on against a real oidc-provider on a random port: the administrator's setting (secret
 * sealed, never returned nor audited in clear), first login creating a role-less account, a role
 * granted, later logins matched by subject, an existing account matched by its claim, a claim
 * changed at the provider taking no other account, and refused answers ending on the login page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_COOKIE } from '../src/sso/sso.routes.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, startHarness } from './harness.js';
import { startTestProvider, type TestProvider } from './oidc-provider.js';

const SITE = 'http://keping.test';
const CALLBACK = `${SITE}/api/auth/oidc/callback`;
process.env.KEPING_PUBLIC_URL = SITE;
process.env.KEPING_SECRET_KEY = 'r8J3m1Yp0mQ9m2hGx7tq0c4JzB8vZ0a1Lx3nq5W2e6U=';

function cookieOf(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = [setCookie ?? []].flat();
  const found = all.find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0];
}

describe.each(DATABASES)('single sign-on on $name', (database) => {
  let h: Harness;
  let op: TestProvider;
  let admin: Client;

  beforeAll(async () => {
    h = await startHarness(database);
    op = await startTestProvider(CALLBACK);
    admin = await h.login('admin');
  });
  afterAll(async () => { await op.close(); await h.dispose(); });

  const configure = (over: Record<string, unknown> = {}) => admin.request({
    method: 'PUT', url: '/api/sso/settings',
    payload: { issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, matchClaim: 'email', displayName: '统一身份认证', enabled: true, ...over },
  });

  /** The whole browser journey: start, the provider's form, the callback; returns the callback's answer. */
  async function ssoLogin(login: string, tamper?: (callbackUrl: URL) => void) {
    const start = await h.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    const location = String(start.headers.location);
    expect(location.startsWith(`${op.issuer}/auth?`)).toBe(true);
    const flow = cookieOf(start.headers['set-cookie'], FLOW_COOKIE);
    const back = new URL(await op.signIn(location, login, CALLBACK));
    tamper?.(back);
    const res = await h.app.inject({ method: 'GET', url: back.pathname + back.search, headers: flow ? { cookie: flow } : {} });
    const session = cookieOf(res.headers['set-cookie'], 'keping_session');
    return { res, session };
  }

  const me = async (cookie: string) => (await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().user;

  it('stores the setting with the secret sealed, never returned, never in the audit entry', async () => {
    const saved = await configure();
    expect(saved.statusCode).toBe(200);
    const read = await admin.request({ method: 'GET', url: '/api/sso/settings' });
    for (const body of [saved.body, read.body]) expect(body).not.toContain(op.clientSecret);
    expect(read.json()).toMatchObject({ issuer: op.issuer, clientId: op.clientId, clientSecretSet: true, matchClaim: 'email', enabled: true });
    const row = await h.store.db.selectFrom('identity_providers').selectAll().executeTakeFirstOrThrow();
    expect(row.client_secret).not.toContain(op.clientSecret);
    expect(row.client_secret.startsWith('v1:')).toBe(true);
    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'sso.configure').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(op.clientSecret);
    expect(JSON.stringify(audit)).not.toContain(row.client_secret);
    // Saving without a secret keeps the stored one.
    expect((await configure({ clientSecret: undefined, displayName: '统一身份认证平台' })).statusCode).toBe(200);
    expect((await h.store.db.selectFrom('identity_providers').select('client_secret').executeTakeFirstOrThrow()).client_secret).toBe(row.client_secret);
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: true, displayName: '统一身份认证平台' });
  });

  it('refuses a bad setting with a translated 400 naming the field, and non-administrators', async () => {
    const bad = await configure({ issuer: 'ftp://example', headers: undefined });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SSO_ISSUER_URL', field: 'issuer', message: expect.stringContaining('签发者') });
    const claim = await configure({ matchClaim: 'phone' });
    expect([claim.statusCode, claim.json().error.field]).toEqual([400, 'matchClaim']);
    // Without a key outside the database the secret cannot be sealed: refused, said how to fix, nothing stored.
    const key = process.env.KEPING_SECRET_KEY;
    delete process.env.KEPING_SECRET_KEY;
    try {
      const keyless = await configure({ clientSecret: 'another-secret' });
      expect([keyless.statusCode, keyless.json().error.code]).toEqual([503, 'SECRET_KEY_MISSING']);
      expect(keyless.json().error.message).toContain('KEPING_SECRET_KEY');
    } finally {
      process.env.KEPING_SECRET_KEY = key;
    }
    const staff = await h.login('staff');
    expect((await staff.request({ method: 'GET', url: '/api/sso/settings' })).statusCode).toBe(403);
  });

  it('creates a role-less account at the first login; it can do nothing until a role is granted; later logins match by subject', async () => {
    op.accounts.set('newcomer', { email: 'newcomer@example.org', preferredUsername: 'newcomer', name: '新用户' });
    const first = await ssoLogin('newcomer');
    expect([first.res.statusCode, first.res.headers.location]).toEqual([302, '/']);
    expect(first.session).toBeDefined();
    const user = await me(first.session ?? '');
    expect(user).toMatchObject({ username: 'newcomer', displayName: '新用户', role: 'none', singleSignOn: true, email: 'newcomer@example.org' });
    const staffRoute = () => h.app.inject({ method: 'GET', url: '/api/industry-mapping', headers: { cookie: first.session ?? '' } });
    const refused = await staffRoute();
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'ROLE_PENDING']);
    // Not even routes open to any logged-in account.
    expect((await h.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: first.session ?? '' } })).statusCode).toBe(403);
    // A password cannot log into it.
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'newcomer', password: 'sso-only' } })).statusCode).toBe(401);

    const grant = await admin.request({ method: 'PUT', url: `/api/users/${user.id}/role`, payload: { role: 'staff' } });
    expect([grant.statusCode, grant.json().role]).toEqual([200, 'staff']);
    expect((await staffRoute()).statusCode).toBe(200);
    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'after']).where('subject_id', '=', String(user.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.login', 'auth.login_failed', 'user.role']);

    // The provider changes the e-mail: the subject still finds the same account.
    op.accounts.set('newcomer', { email: 'renamed@example.org', preferredUsername: 'newcomer', name: '新用户' });
    const again = await ssoLogin('newcomer');
    expect(await me(again.session ?? '')).toMatchObject({ id: user.id, role: 'staff' });
    expect((await h.store.db.selectFrom('users').select('id').where('username', 'like', 'newcomer%').execute())).toHaveLength(1);
  });

  it('matches an existing account by its verified e-mail and links it; a claim changed later takes no other account', async () => {
    const created = await admin.request({
      method: 'POST', url: '/api/users',
      payload: { username: 'carol', displayName: 'Carol', role: 'expert', password: 'Lantern-Quay-8317', email: 'Carol@Example.org' },
    });
    expect(created.statusCode).toBe(201);
    // An unverified e-mail names nobody: a new role-less account instead.
    op.accounts.set('unverified', { email: 'carol@example.org', emailVerified: false, preferredUsername: 'unverified' });
    expect(await me((await ssoLogin('unverified')).session ?? '')).toMatchObject({ username: 'unverified', role: 'none' });

    op.accounts.set('carol-at-idp', { email: 'carol@example.org', preferredUsername: 'cz' });
    const carol = await ssoLogin('carol-at-idp');
    expect(await me(carol.session ?? '')).toMatchObject({ id: created.json().id, username: 'carol', role: 'expert', singleSignOn: true });

    // Another identity now claiming Carol's e-mail is refused, not logged into her account.
    op.accounts.set('mallory', { email: 'carol@example.org', preferredUsername: 'mallory' });
    const mallory = await ssoLogin('mallory');
    expect([mallory.res.statusCode, mallory.res.headers.location, mallory.session]).toEqual([302, '/login?sso_error=SSO_ACCOUNT_LINKED', undefined]);
  });

  it('matches on preferred_username when so configured', async () => {
    expect((await configure({ matchClaim: 'preferred_username' })).statusCode).toBe(200);
    op.accounts.set('auditor-at-idp', { preferredUsername: 'auditor' });
    const res = await ssoLogin('auditor-at-idp');
    expect(await me(res.session ?? '')).toMatchObject({ username: 'auditor', role: 'auditor' });
    await configure({ matchClaim: 'email' });
  });

  it('sends a forged or stale answer, a disabled setting and an unreachable issuer back to the login page', async () => {
    op.accounts.set('someone', { email: 'someone@example.org' });
    const forged = await ssoLogin('someone', (u) => u.searchParams.set('state', 'forged'));
    expect([forged.res.statusCode, forged.res.headers.location, forged.session]).toEqual([302, '/login?sso_error=SSO_STATE_INVALID', undefined]);
    const noCookie = await h.app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' });
    expect([noCookie.statusCode, noCookie.headers.location]).toEqual([302, '/login?sso_error=SSO_STATE_INVALID']);
    // A replayed code (the same answer twice) is refused by the provider.
    let replay = '';
    const once = await ssoLogin('someone', (u) => { replay = u.pathname + u.search; });
    expect(once.session).toBeDefined();
    const flowAgain = cookieOf((await h.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).headers['set-cookie'], FLOW_COOKIE) ?? '';
    const replayed = await h.app.inject({ method: 'GET', url: replay, headers: { cookie: flowAgain } });
    expect(replayed.headers.location).toBe('/login?sso_error=SSO_STATE_INVALID');

    expect((await configure({ enabled: false })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: false, displayName: null });
    const off = await h.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect([off.statusCode, off.headers.location]).toEqual([302, '/login?sso_error=SSO_DISABLED']);

    expect((await configure({ issuer: 'http://127.0.0.1:9' })).statusCode).toBe(200);
    const down = await h.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect([down.statusCode, down.headers.location]).toEqual([302, '/login?sso_error=SSO_ISSUER_UNREACHABLE']);
  });
});
