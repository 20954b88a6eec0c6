/** Accounts: the common-password policy, the self-service password change and the administrator's reset. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommonPassword } from '../src/auth/password.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, PASSWORD, startHarness } from './harness.js';

interface ErrorBody {
  error: { code: string; field?: string; errors: { code: string; field?: string }[] };
}

const NEW_PASSWORD = 'Lantern-Quay-8317';

describe('common passwords', () => {
  it('are refused as typed, in any case, and with trailing digits or symbols', () => {
    for (const p of ['password', 'Password12', 'Password12!', 'PASSWORD2024', 'qwerty123', 'Welcome1!']) expect(isCommonPassword(p), p).toBe(true);
    for (const p of [PASSWORD, NEW_PASSWORD, 'Keping-Demo-2026']) expect(isCommonPassword(p), p).toBe(false);
  });
});

describe.each(DATABASES)('accounts on $name', (database) => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness(database);
    admin = await h.login('admin');
  });
  afterAll(async () => h.dispose());

  const idOf = async (username: string) =>
    (await h.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const auditOf = (action: string) => h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it("refuses 'Password12' as too common when an account is created", async () => {
    for (const password of ['Password12', 'Password12!']) {
      const res = await admin.request({
        method: 'POST', url: '/api/users', headers: { 'accept-language': 'en' },
        payload: { username: 'commoner', displayName: 'C', role: 'staff', password },
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ErrorBody).error.errors).toEqual([expect.objectContaining({ code: 'PASSWORD_TOO_COMMON', field: 'password' })]);
    }
  });

  it('changes a password: the current one checked, the policy on the new one, other sessions ended', async () => {
    const here = await h.login('staff');
    const elsewhere = await h.login('staff', PASSWORD, '10.0.0.7');
    const change = (currentPassword: string, newPassword: string) =>
      here.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } });

    const wrong = await change('not-the-password', NEW_PASSWORD);
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as ErrorBody).error).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', field: 'currentPassword' });
    const common = await change(PASSWORD, 'Password12!');
    expect(common.statusCode).toBe(400);
    expect((common.json() as ErrorBody).error).toMatchObject({ code: 'PASSWORD_TOO_COMMON', field: 'newPassword' });
    const same = await change(PASSWORD, PASSWORD);
    expect((same.json() as ErrorBody).error).toMatchObject({ code: 'PASSWORD_UNCHANGED', field: 'newPassword' });

    const ok = await change(PASSWORD, NEW_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect((await here.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await elsewhere.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await expect(h.login('staff', PASSWORD, '10.0.0.8')).rejects.toThrow(/401/);
    await expect(h.login('staff', NEW_PASSWORD, '10.0.0.8')).resolves.toBeTruthy();
    const audits = await auditOf('user.password_changed');
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(NEW_PASSWORD);
  });

  it('counts a wrong current password with the logins: after the limit even the right one waits', async () => {
    const c = await h.login('auditor', PASSWORD, '10.0.1.1');
    for (let i = 0; i < 5; i++) {
      const r = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD } });
      expect(r.statusCode).toBe(400);
    }
    const refused = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditor', password: PASSWORD } })).statusCode).toBe(429);
  });

  it("resets a password: sessions end, the temporary one logs in but every other route refuses until it is changed", async () => {
    const expert = await h.login('expert');
    expect((await expert.request({ method: 'GET', url: '/api/expert/items' })).statusCode).toBe(200);
    const id = await idOf('expert');
    const notAdmin = await (await h.login('chair')).request({ method: 'POST', url: `/api/users/${id}/password-reset` });
    expect(notAdmin.statusCode).toBe(403);

    const reset = await admin.request({ method: 'POST', url: `/api/users/${id}/password-reset` });
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword, user } = reset.json() as { temporaryPassword: string; user: { mustChangePassword: boolean } };
    expect(user.mustChangePassword).toBe(true);
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
    expect((await expert.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await expect(h.login('expert', PASSWORD)).rejects.toThrow(/401/);

    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'expert', password: temporaryPassword } });
    expect(login.json()).toMatchObject({ mustChangePassword: true, user: { mustChangePassword: true } });
    const limited = await h.login('expert', temporaryPassword);
    const blocked = await limited.request({ method: 'GET', url: '/api/expert/items' });
    expect(blocked.statusCode).toBe(403);
    expect((blocked.json() as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await limited.request({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({ mustChangePassword: true });

    const changed = await limited.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD } });
    expect(changed.statusCode).toBe(200);
    expect((await limited.request({ method: 'GET', url: '/api/expert/items' })).statusCode).toBe(200);
    expect((await limited.request({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({ mustChangePassword: false });
    const audits = await auditOf('user.password_reset');
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(temporaryPassword);
  });
});
