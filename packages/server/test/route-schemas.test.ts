/**
 * Every route's params, querystring and body go through the shared input schemas (core api/input.ts):
 * strings are text() (no NUL, no lone surrogate), ids are idSchema()/idParam() (within a PostgreSQL
 * integer), and every other integer has a maximum within 2^31−1. A plain z.string() anywhere fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '@keping/core';
import { z } from 'zod';
import { DATABASES } from './databases.js';
import { isZod, PARTS, schemaProblems } from './fuzz/zod-walk.js';
import { type Harness, OWN_USCC, startHarness } from './harness.js';

describe('the walk itself', () => {
  it('finds a plain string, a plain id, an unbounded integer and passes the shared schemas', () => {
    expect(schemaProblems(z.object({ name: z.string().max(5) }), 'body')).toEqual(['body.name: a plain z.string(), not text()']);
    expect(schemaProblems(z.object({ tags: z.array(z.string()).optional() }), 'body')).toHaveLength(1);
    expect(schemaProblems(z.object({ programId: z.number().int().positive() }), 'body')).toHaveLength(2);
    expect(schemaProblems(z.object({ page: z.coerce.number().int().min(1) }), 'querystring')).toHaveLength(1);
    expect(schemaProblems(z.record(z.string(), z.number()), 'body')).toHaveLength(1);
    expect(schemaProblems(z.object({ name: text().trim().max(5).optional(), page: z.number().int().max(10) }), 'body')).toEqual([]);
  });
});

const db = DATABASES[0];
if (!db) throw new Error('no database');

describe('route schemas', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(db); });
  afterAll(async () => { await h.dispose(); });

  it('every route uses the shared id and text schemas', () => {
    const problems: string[] = [];
    let walked = 0;
    for (const route of h.routes) {
      for (const part of PARTS) {
        const schema: unknown = route.schema?.[part];
        if (schema === undefined) continue;
        if (!isZod(schema)) { problems.push(`${route.method} ${route.url} ${part}: not a zod schema`); continue; }
        walked++;
        for (const p of schemaProblems(schema, part)) problems.push(`${route.method} ${route.url} ${p}`);
      }
    }
    // Every path parameter has a schema, so `:id` and `:uscc` cannot arrive unchecked.
    for (const route of h.routes) {
      if (route.url.includes(':') && !isZod(route.schema?.params)) problems.push(`${route.method} ${route.url}: path parameters without a schema`);
    }
    expect(walked).toBeGreaterThan(80);
    expect(problems).toEqual([]);
  });
});

describe.each(DATABASES)('hostile input on $name', (database) => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(database); });
  afterAll(async () => { await h.dispose(); });

  it('answers ids beyond an integer column with 404 in the path and 400 naming the field in a body', async () => {
    const admin = await h.login('admin');
    for (const url of ['/api/public/index-cycles/2147483648', '/api/programs/9007199254740991', '/api/programs/abc', '/api/programs/0', '/api/programs/1.5']) {
      const res = await admin.request({ method: 'GET', url });
      expect([res.statusCode, res.json()]).toMatchObject([404, { error: { code: 'NOT_FOUND' } }]);
    }
    const objection = await h.app.inject({ method: 'POST', url: '/api/public/publications/2147483648/objections', payload: {} });
    expect(objection.statusCode).toBe(404);
    const applicant = await h.login('applicant');
    const res = await applicant.request({ method: 'POST', url: '/api/applications', payload: { programId: 9007199254740991, values: {} } });
    expect(res.statusCode).toBe(400);
    const errors = (res.json() as { error: { errors: { code: string; field: string; message: string }[] } }).error.errors;
    expect(errors).toContainEqual(expect.objectContaining({ code: 'ID_INVALID', field: 'programId', message: expect.stringContaining('不是有效的编号') }));
    const query = await admin.request({ method: 'GET', url: '/api/applications?programId=2147483648' });
    expect([query.statusCode, query.json().error.code, query.json().error.field]).toEqual([400, 'ID_INVALID', 'programId']);
  });

  it('answers NUL and lone surrogates with a translated 400 naming the field', async () => {
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '\u0000', password: 'x' }, headers: { 'accept-language': 'en' } });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ error: { code: 'TEXT_INVALID_CHARACTER', field: 'username', message: expect.stringContaining('cannot be stored') } });
    const admin = await h.login('admin');
    for (const url of ['/api/organisations/%00', '/api/public/certificates/%00', '/api/organisations/a%00b/history']) {
      const res = await admin.request({ method: 'GET', url });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 400, 'TEXT_INVALID_CHARACTER']);
    }
    const surrogate = await admin.request({ method: 'POST', url: '/api/organisations', payload: { uscc: OWN_USCC, name: 'x\uD800' } });
    expect([surrogate.statusCode, surrogate.json().error.field]).toEqual([400, 'name']);
    const search = await admin.request({ method: 'GET', url: `/api/organisations?q=${encodeURIComponent('a\u0000')}` });
    expect([search.statusCode, search.json().error.field]).toEqual([400, 'q']);
  });

  it('names the request body, not a file, when a JSON body is over the limit (uploads keep FILE_TOO_LARGE: api-import.test.ts)', async () => {
    const admin = await h.login('admin');
    const res = await admin.request({ method: 'POST', url: '/api/organisations', payload: { name: 'x'.repeat(2 * 1048576) } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE', field: 'body', params: { limitKb: 1024 }, message: '请求内容超过1024 KB的上限' } });
  });

  it('refuses a NUL in an uploaded file name with 400 on the file field', async () => {
    const admin = await h.login('admin');
    const boundary = 'x-boundary';
    const payload = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a\u0000.csv"\r\ncontent-type: text/csv\r\n\r\nuscc,name\r\n--${boundary}--\r\n`;
    const res = await admin.request({ method: 'POST', url: '/api/organisations/import?dryRun=false', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect([res.statusCode, res.json().error.code, res.json().error.field]).toEqual([400, 'TEXT_INVALID_CHARACTER', 'file']);
  });

  it('refuses another code in the body of an organisation update', async () => {
    const applicant = await h.login('applicant');
    const res = await applicant.request({ method: 'PUT', url: `/api/organisations/${OWN_USCC}`, payload: { uscc: '91310115798931231K', name: '改名' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'USCC_IMMUTABLE', field: 'uscc' } });
    const same = await applicant.request({ method: 'PUT', url: `/api/organisations/${OWN_USCC}`, payload: { uscc: OWN_USCC.toLowerCase(), name: '申报示例有限公司' } });
    expect(same.statusCode).toBe(200);
  });
});
