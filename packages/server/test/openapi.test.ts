/**
 * The OpenAPI document (GET /api/openapi.json) and its reference page (/api/docs): the document is
 * valid OpenAPI 3; every registered route is in it under its method, with the roles the policy
 * allows and the shared error shape; the page is served without a session.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DOCS } from '../src/http/policy.js';
import { DATABASES } from './databases.js';
import { type Harness, startHarness } from './harness.js';

interface Operation { 'x-roles'?: unknown; responses?: Record<string, unknown> }

describe.each(DATABASES.slice(0, 1))('the OpenAPI document ($name)', (database) => {
  let h: Harness;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    h = await startHarness(database);
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => h.dispose());

  it('is valid OpenAPI 3', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('has every registered route under its method, with its roles and the error shape', () => {
    const documented = h.routes.filter((r) => r.url !== '/api/openapi.json' && !r.url.startsWith(API_DOCS));
    expect(documented.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const r of documented) {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      if (!op) {
        missing.push(`${r.method} ${r.url}`);
        continue;
      }
      expect(op['x-roles'], `${r.method} ${r.url}`).toEqual(typeof r.roles === 'string' ? [r.roles] : r.roles);
      expect(op.responses?.default, `${r.method} ${r.url}`).toMatchObject({ content: { 'application/json': { schema: { properties: { error: { required: ['code', 'message'] } } } } } });
    }
    expect(missing).toEqual([]);
  });

  it('shows the reference page without a session', async () => {
    const page = await h.app.inject({ method: 'GET', url: API_DOCS });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
    const init = await h.app.inject({ method: 'GET', url: `${API_DOCS}/static/swagger-initializer.js` });
    expect(init.statusCode).toBe(200);
  });
});
