import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, PASSWORD, startHarness } from './harness.js';

interface ErrorBody {
  error: { code: string; field?: string; message: string; errors: { code: string; field?: string; message: string }[] };
}

describe.each(DATABASES)('API on $name', (database) => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness(database);
    admin = await h.login('admin');
  });
  afterAll(async () => h.dispose());

  describe('sessions', () => {
    it('sets an httpOnly SameSite cookie and answers who I am', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff', password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/keping_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie.split(';')[0] ?? '' } });
      expect(me.json()).toMatchObject({ user: { username: 'staff', role: 'staff' } });
      const stored = await h.store.db.selectFrom('sessions').select('token_hash').execute();
      const token = (cookie.split(';')[0] ?? '').split('=')[1] ?? '';
      expect(stored.some((s) => s.token_hash === token)).toBe(false); // only the hash is stored
    });

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const res = await h.app.inject({
        method: 'POST', url: '/api/organisations', headers: { cookie: admin.cookie, 'accept-language': 'en' },
        payload: { uscc: '91310114MA1GT00019', name: 'X' },
      });
      expect(res.statusCode).toBe(403);
      expect((res.json() as ErrorBody).error.code).toBe('CSRF');
      const wrong = await h.app.inject({
        method: 'POST', url: '/api/organisations', headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' },
        payload: { uscc: '91310114MA1GT00019', name: 'X' },
      });
      expect(wrong.statusCode).toBe(403);
    });

    it('translates a wrong password by Accept-Language, Chinese by default', async () => {
      const zh = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'expert', password: 'nope' } });
      expect(zh.statusCode).toBe(401);
      expect((zh.json() as ErrorBody).error).toMatchObject({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
      const en = await h.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { username: 'expert', password: 'nope' }, headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect((en.json() as ErrorBody).error.message).toBe('Wrong username or password');
    });

    it('delays an account after 5 failures, even for the right password, then lets it in', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chair', password: 'wrong' }, remoteAddress: '10.0.0.9' });
        expect(r.statusCode).toBe(401);
      }
      const locked = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chair', password: PASSWORD }, remoteAddress: '10.0.0.9' });
      expect(locked.statusCode).toBe(429);
      expect((locked.json() as ErrorBody).error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(locked.headers['retry-after']).toBe('60');
      h.clock.now = new Date(h.clock.now.getTime() + 61_000);
      await expect(h.login('chair', PASSWORD, '10.0.0.9')).resolves.toBeTruthy();
    });

    it('throttles an address that keeps failing', async () => {
      let last = 0;
      for (let i = 0; i < 31; i++) {
        const r = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `ghost${i}`, password: 'x' }, remoteAddress: '10.9.9.9' });
        last = r.statusCode;
      }
      expect(last).toBe(429);
      // Another address is not affected.
      await expect(h.login('auditor', PASSWORD, '10.0.0.2')).resolves.toBeTruthy();
    });

    it('logs out: the session no longer works', async () => {
      const c = await h.login('expert');
      expect((await c.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });
  });

  describe('users', () => {
    it('enforces the password policy with every problem named', async () => {
      const res = await admin.request({
        method: 'POST', url: '/api/users', headers: { 'accept-language': 'en' },
        payload: { username: 'newbie', displayName: 'New', role: 'staff', password: 'newbie1' },
      });
      expect(res.statusCode).toBe(400);
      const codes = (res.json() as ErrorBody).error.errors.map((e) => e.code);
      expect(codes).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_SIMPLE', 'PASSWORD_CONTAINS_USERNAME', 'PASSWORD_TOO_COMMON']);
    });

    it('requires an applicant to be bound to a registered organisation', async () => {
      const res = await admin.request({
        method: 'POST', url: '/api/users', payload: { username: 'app2', displayName: 'A', role: 'applicant', password: PASSWORD, organisationUscc: '91310104MA1GT0002W' },
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ErrorBody).error.code).toBe('ORGANISATION_UNKNOWN');
    });

    it('creates, disables (ending its sessions) and re-enables a user', async () => {
      const created = await admin.request({ method: 'POST', url: '/api/users', payload: { username: 'clerk', displayName: '办事员', role: 'staff', password: PASSWORD } });
      expect(created.statusCode).toBe(201);
      const id = (created.json() as { id: number }).id;
      const clerk = await h.login('clerk');
      expect((await admin.request({ method: 'POST', url: `/api/users/${id}/disable` })).json()).toMatchObject({ disabled: true });
      expect((await clerk.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const refused = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: PASSWORD } });
      expect((refused.json() as ErrorBody).error.code).toBe('ACCOUNT_DISABLED');
      expect((await admin.request({ method: 'POST', url: `/api/users/${id}/enable` })).json()).toMatchObject({ disabled: false });
      await expect(h.login('clerk')).resolves.toBeTruthy();
      const dup = await admin.request({ method: 'POST', url: '/api/users', payload: { username: 'clerk', displayName: 'x', role: 'staff', password: PASSWORD } });
      expect(dup.statusCode).toBe(409);
    });
  });

  describe('organisations', () => {
    it('names every bad field, in the user\'s language', async () => {
      const res = await admin.request({
        method: 'POST', url: '/api/organisations',
        payload: { uscc: '91310114MA1GT00018', name: '', district: '火星区', established: '2099-01-01', industryCode: 'X12' },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json() as ErrorBody;
      expect(body.error.errors.map((e) => [e.field, e.code])).toEqual([
        ['uscc', 'USCC_CHECK_CHARACTER'], ['name', 'REQUIRED'], ['district', 'DISTRICT_UNKNOWN'],
        ['industryCode', 'INDUSTRY_CODE_FORMAT'], ['established', 'DATE_IN_FUTURE'],
      ]);
      expect(body.error.errors[1]?.message).toBe('名称为必填项');
      // The user's own setting wins once chosen.
      await admin.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'en' } });
      const en = await admin.request({ method: 'POST', url: '/api/organisations', payload: { uscc: '91310114MA1GT00019', name: '' } });
      expect((en.json() as ErrorBody).error.message).toBe('Name is required');
      await admin.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'zh-CN' } });
    });

    it('creates, lists with search and filters, edits and shows the history', async () => {
      const created = await admin.request({
        method: 'POST', url: '/api/organisations',
        payload: { uscc: '9131 0114 ma1gt00019', name: '嘉定智能装备有限公司', kind: '企业', district: '嘉定', industryCode: '3491', established: '2015/6/1', listing: '科创板' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        uscc: '91310114MA1GT00019', district: '310114', industryCode: 'C3491', listing: 'star_market', established: '2015-06-01',
        groups: ['ai', 'high_end_equipment'], talentFields: ['ai', 'high_end_equipment'],
      });
      const list = await admin.request({ method: 'GET', url: '/api/organisations?q=智能装备&district=310114&group=leading&pageSize=5' });
      expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ uscc: '91310114MA1GT00019' }] });
      const key = await admin.request({ method: 'GET', url: '/api/organisations?group=key&sort=uscc&order=desc' });
      expect((key.json() as { items: { uscc: string }[] }).items.map((o) => o.uscc)).toEqual(['91350100M000100Y43', '91310115798931231K', '91310114MA1GT00019']);
      const page2 = await admin.request({ method: 'GET', url: '/api/organisations?pageSize=2&page=2&sort=uscc' });
      expect(page2.json()).toMatchObject({ total: 3, items: [{ uscc: '91350100M000100Y43' }] });

      const edited = await admin.request({
        method: 'PUT', url: '/api/organisations/91310114MA1GT00019',
        payload: { name: '嘉定智能装备股份有限公司', district: '嘉定区', industryCode: 'C3491', talentFieldsOverride: ['ai'] },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ talentFields: ['ai'], derivedTalentFields: ['ai', 'high_end_equipment'], kind: null });
      const history = await admin.request({ method: 'GET', url: '/api/organisations/91310114MA1GT00019/history' });
      const entries = (history.json() as { entries: { action: string; actorName: string; before: Record<string, unknown> }[] }).entries;
      expect(entries.map((e) => e.action)).toEqual(['organisation.update', 'organisation.create']);
      expect(entries[0]?.actorName).toBe('admin');
      expect(entries[0]?.before).toMatchObject({ name: '嘉定智能装备有限公司', listing: 'star_market' });
    });

    it('keeps an applicant to its own organisation', async () => {
      const applicant = await h.login('applicant');
      expect((await applicant.request({ method: 'GET', url: `/api/organisations/${OWN_USCC}` })).statusCode).toBe(200);
      expect((await applicant.request({ method: 'GET', url: `/api/organisations/${OTHER_USCC}` })).statusCode).toBe(403);
      const put = await applicant.request({ method: 'PUT', url: `/api/organisations/${OTHER_USCC}`, payload: { name: '篡改' } });
      expect(put.statusCode).toBe(403);
      expect((await applicant.request({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(403);
    });

    it('answers bad requests with translated errors, never a 500', async () => {
      const unknown = await admin.request({ method: 'GET', url: '/api/organisations/91310104MA1GT0002W' });
      expect(unknown.statusCode).toBe(404);
      expect((unknown.json() as ErrorBody).error.code).toBe('NOT_FOUND');
      const badJson = await admin.request({ method: 'POST', url: '/api/organisations', payload: '{"uscc":', headers: { 'content-type': 'application/json' } });
      expect(badJson.statusCode).toBe(400);
      expect((badJson.json() as ErrorBody).error.code).toBe('VALIDATION');
      const badQuery = await admin.request({ method: 'GET', url: '/api/organisations?pageSize=5000&kind=bank' });
      expect(badQuery.statusCode).toBe(400);
      expect((badQuery.json() as ErrorBody).error.errors.map((e) => e.field).sort()).toEqual(['kind', 'pageSize']);
      const noRoute = await admin.request({ method: 'GET', url: '/api/nothing-here' });
      expect(noRoute.statusCode).toBe(404);
    });
  });

  it('lets the administrator edit the industry mapping, re-deriving every organisation', async () => {
    const current = await admin.request({ method: 'GET', url: '/api/industry-mapping' });
    const rules = (current.json() as { rules: { prefix: string; groups: string[]; talentFields: string[] }[] }).rules;
    expect(rules.find((r) => r.prefix === '3973')).toMatchObject({ groups: ['ic'], talentFields: ['ic'] });
    const edited = [...rules.filter((r) => r.prefix !== '3973'), { prefix: '3973', groups: ['ai'], talentFields: ['ai'] }];
    expect((await admin.request({ method: 'PUT', url: '/api/industry-mapping', payload: { rules: edited } })).statusCode).toBe(200);
    const org = await admin.request({ method: 'GET', url: `/api/organisations/${OWN_USCC}` });
    expect(org.json()).toMatchObject({ groups: ['ai', 'electronic_information'], talentFields: ['ai'] });
    const bad = await admin.request({ method: 'PUT', url: '/api/industry-mapping', payload: { rules: [{ prefix: 'X1', groups: [], talentFields: [] }] } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.field).toBe('rules.0.prefix');
    await admin.request({ method: 'PUT', url: '/api/industry-mapping', payload: { rules } });
    const restored = await admin.request({ method: 'GET', url: `/api/organisations/${OWN_USCC}` });
    expect(restored.json()).toMatchObject({ groups: ['ic', 'electronic_information'] });
  });

  it('exposes the audit chain as intact to the auditor', async () => {
    const auditor = await h.login('auditor', PASSWORD, '10.0.0.3');
    const res = await auditor.request({ method: 'GET', url: '/api/audit/verify' });
    expect(res.json()).toMatchObject({ ok: true });
    const list = await auditor.request({ method: 'GET', url: '/api/audit?subjectType=user&pageSize=3' });
    expect((list.json() as { items: unknown[]; total: number }).items).toHaveLength(3);
  });
});
