/**
 * Walks every route × every role (and no session) and asserts the allowed set exactly. The
 * expectations are written here, independently of the routes' own declarations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@keping/core';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OWN_USCC, startHarness } from './harness.js';

const ALL = ROLES;
const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/ready': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/*': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/taxonomy': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'PUT /api/auth/locale': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'POST /api/users/:id/disable': ['admin'],
  'POST /api/users/:id/enable': ['admin'],
  'POST /api/users/:id/password-reset': ['admin'],
  'PUT /api/users/:id/role': ['admin'],
  'GET /api/auth/sso': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'GET /api/sso/settings': ['admin'],
  'PUT /api/sso/settings': ['admin'],
  'GET /api/organisations': ['admin', 'staff', 'auditor'],
  'GET /api/organisations/template.xlsx': ['admin', 'staff'],
  'GET /api/organisations/export.xlsx': ['admin', 'staff', 'auditor'],
  'GET /api/organisations/:uscc': ['admin', 'staff', 'auditor', 'applicant'],
  'GET /api/organisations/:uscc/history': ['admin', 'staff', 'applicant', 'auditor'],
  'POST /api/organisations': ['admin', 'staff'],
  'PUT /api/organisations/:uscc': ['admin', 'staff', 'applicant'],
  'POST /api/organisations/import': ['admin', 'staff'],
  'GET /api/industry-mapping': ['admin', 'staff', 'auditor'],
  'PUT /api/industry-mapping': ['admin'],
  'GET /api/audit': ['admin', 'auditor'],
  'GET /api/audit/verify': ['admin', 'auditor'],
  'GET /api/public/audit-checkpoints': 'public',
  'GET /api/public/audit-checkpoints/latest': 'public',
  'GET /api/organisations/:uscc/designations': ['admin', 'staff', 'auditor', 'applicant'],
  'GET /api/designations': ['admin', 'staff', 'auditor'],
  'POST /api/designations': ['admin', 'staff'],
  'POST /api/designations/:id/events': ['admin', 'staff'],
  'POST /api/designations/import': ['admin', 'staff'],
  'GET /api/designations/template.xlsx': ['admin', 'staff'],
  'GET /api/index-cycles': ['admin', 'staff', 'auditor'],
  'POST /api/index-cycles': ['admin', 'staff'],
  'GET /api/index-cycles/:id': ['admin', 'staff', 'auditor'],
  'PUT /api/index-cycles/:id': ['admin', 'staff'],
  'GET /api/index-cycles/:id/candidates': ['admin', 'staff', 'auditor'],
  'POST /api/index-cycles/:id/pool/registry': ['admin', 'staff'],
  'POST /api/index-cycles/:id/pool/import': ['admin', 'staff'],
  'GET /api/index-cycles/:id/template.xlsx': ['admin', 'staff'],
  'POST /api/index-cycles/:id/data/import': ['admin', 'staff'],
  'GET /api/index-cycles/:id/quality': ['admin', 'staff', 'auditor'],
  'GET /api/index-rounds/:id/cycle': ['admin', 'staff', 'auditor'],
  'POST /api/index-rounds/:id/cycle': ['admin', 'staff'],
  'POST /api/programs/:id/pool/holders': ['admin', 'staff'],
  'POST /api/index-cycles/:id/compute': ['admin', 'staff'],
  'GET /api/jobs/:id': ['admin', 'staff', 'auditor'],
  'POST /api/index-cycles/:id/candidates/:uscc/exclusion': ['admin', 'staff'],
  'POST /api/index-cycles/:id/publish': ['admin'],
  'GET /api/public/index-cycles': 'public',
  'GET /api/public/index-cycles/:id': 'public',
  'GET /api/public/index-cycles/:id/list.xlsx': 'public',
  'GET /api/public/index-cycles/:id/list.pdf': 'public',
  'GET /api/experts': ['admin', 'staff', 'auditor'],
  'GET /api/experts/template.xlsx': ['admin', 'staff'],
  'GET /api/experts/:id': ['admin', 'staff', 'auditor'],
  'GET /api/experts/:id/history': ['admin', 'staff', 'auditor'],
  'POST /api/experts': ['admin', 'staff'],
  'PUT /api/experts/:id': ['admin', 'staff'],
  'POST /api/experts/:id/deactivate': ['admin', 'staff'],
  'POST /api/experts/:id/activate': ['admin', 'staff'],
  'POST /api/experts/conflicts': ['admin', 'staff', 'auditor'],
  'POST /api/experts/import': ['admin', 'staff'],
  'GET /api/programs': ['admin', 'staff', 'auditor'],
  'POST /api/programs': ['admin', 'staff'],
  'GET /api/programs/:id': ['admin', 'staff', 'auditor'],
  'PUT /api/programs/:id': ['admin', 'staff'],
  'POST /api/programs/:id/copy': ['admin', 'staff'],
  'GET /api/calls': ['admin', 'staff', 'applicant'],
  'GET /api/calls/:id': ['admin', 'staff', 'applicant'],
  'GET /api/applications': ['admin', 'staff', 'applicant', 'auditor'],
  'POST /api/applications': ['applicant'],
  'GET /api/applications/:id': ['admin', 'staff', 'applicant', 'auditor'],
  'PUT /api/applications/:id': ['applicant'],
  'POST /api/applications/:id/attachments': ['applicant'],
  'GET /api/applications/:id/files/:fileId': ['admin', 'staff', 'applicant', 'auditor'],
  'POST /api/applications/:id/submit': ['applicant'],
  'POST /api/applications/:id/withdraw': ['applicant'],
  'GET /api/applications/:id/eligibility': ['admin', 'staff', 'applicant'],
  'GET /api/applications/:id/facts': ['admin', 'staff', 'auditor'],
  'POST /api/applications/:id/facts/rerun': ['admin', 'staff'],
  'GET /api/organisations/:uscc/facts/self-declared': ['admin', 'staff', 'applicant', 'auditor'],
  'POST /api/organisations/:uscc/facts/confirm': ['admin', 'staff'],
  'GET /api/rounds/:id/screening': ['admin', 'staff', 'auditor'],
  'POST /api/rounds/:id/screening/run': ['admin', 'staff'],
  'POST /api/rounds/:id/screening/decisions': ['admin', 'staff'],
  'POST /api/rounds/:id/close': ['admin', 'staff'],
  'GET /api/rounds/:id/panels': ['admin', 'staff', 'auditor'],
  'POST /api/rounds/:id/panels': ['admin', 'staff'],
  'POST /api/rounds/:id/panels/close': ['admin', 'staff'],
  'GET /api/my/panels': ['expert', 'chair'],
  'GET /api/panels/:id': ['admin', 'staff', 'auditor', 'expert', 'chair'],
  'PUT /api/panels/:id/schedule': ['admin', 'staff'],
  'POST /api/panels/:id/marks': ['expert', 'chair'],
  'POST /api/panels/:id/recusals': ['expert', 'chair'],
  'POST /api/panels/:id/sign-off': ['chair'],
  'PUT /api/applications/:id/honour': ['admin', 'staff'],
  'GET /api/programs/:id/awards': ['admin', 'staff', 'auditor'],
  'POST /api/programs/:id/award-types': ['admin', 'staff'],
  'POST /api/award-types/:id/nominations': ['admin', 'staff'],
  'POST /api/nominations/:id/decision': ['admin', 'staff'],
  'POST /api/programs/:id/publication': ['admin', 'staff'],
  'GET /api/programs/:id/publication': ['admin', 'staff', 'auditor'],
  'POST /api/publications/:id/publish': ['admin', 'staff'],
  'POST /api/publications/:id/finalise': ['admin', 'staff'],
  'POST /api/objections/:id/investigate': ['admin', 'staff'],
  'POST /api/objections/:id/resolve': ['admin', 'staff'],
  'GET /api/objections/:id/evidence': ['admin', 'staff', 'auditor'],
  'POST /api/publications/:id/certificates': ['admin', 'staff'],
  'GET /api/publications/:id/certificates': ['admin', 'staff', 'auditor'],
  'GET /api/certificates/:serial/pdf': ['admin', 'staff', 'auditor'],
  'GET /api/public/publications': 'public',
  'GET /api/public/publications/:id': 'public',
  'POST /api/public/publications/:id/objections': 'public',
  'GET /api/public/certificates/:serial': 'public',
  'GET /api/rounds/:id/scoring': ['admin', 'staff', 'auditor'],
  'PUT /api/rounds/:id/scoring/config': ['admin', 'staff'],
  'POST /api/rounds/:id/scoring/assign': ['admin', 'staff'],
  'POST /api/rounds/:id/scoring/assignments': ['admin', 'staff'],
  'POST /api/scoring-assignments/:id/remove': ['admin', 'staff'],
  'POST /api/scoring-assignments/:id/replace': ['admin', 'staff'],
  'GET /api/rounds/:id/scoring/progress': ['admin', 'staff', 'auditor'],
  'POST /api/rounds/:id/scoring/reminders': ['admin', 'staff'],
  'GET /api/rounds/:id/scoring/results': ['admin', 'staff', 'auditor'],
  'POST /api/rounds/:id/scoring/decision': ['admin', 'staff'],
  'POST /api/rounds/:id/scoring/close': ['admin', 'staff'],
  'GET /api/expert/items': ['expert'],
  'GET /api/expert/assignments/:id': ['expert'],
  'POST /api/expert/assignments/:id/recuse': ['expert'],
  'PUT /api/expert/assignments/:id/sheet': ['expert'],
  'POST /api/expert/assignments/:id/submit': ['expert'],
  'GET /api/expert/assignments/:id/scores': ['expert'],
  'GET /api/expert/assignments/:id/files/:no': ['expert'],
  'GET /api/notifications': ALL,
  'POST /api/notifications/:id/read': ALL,
};

describe.each(DATABASES)('route × role on $name', (database) => {
  let h: Harness;
  const clients = new Map<Role, Client>();
  let victimId = 0;
  beforeAll(async () => {
    h = await startHarness(database);
    for (const role of ROLES) clients.set(role, await h.login(role));
    const victim = await clients.get('admin')?.request({
      method: 'POST', url: '/api/users', payload: { username: 'victim', displayName: 'v', role: 'expert', password: 'Correct-Horse-42' },
    });
    victimId = (victim?.json() as { id: number }).id;
  });
  afterAll(async () => h.dispose());

  it('every route has an expectation, and every expectation a route', () => {
    const actual = h.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(actual).toEqual(Object.keys(EXPECTED).sort());
  });

  it('allows exactly the declared roles on every route', async () => {
    const mismatches: string[] = [];
    for (const route of h.routes) {
      const key = `${route.method} ${route.url}`;
      const expected = EXPECTED[key];
      const url = route.url.replace(':uscc', OWN_USCC).replace(':id', String(victimId));
      const payload = route.method === 'GET' ? undefined : {};
      const anonymous = await h.app.inject({ method: route.method as 'GET', url, ...(payload ? { payload } : {}) });
      if (expected === 'public' ? [401, 403].includes(anonymous.statusCode) : anonymous.statusCode !== 401) {
        mismatches.push(`${key} anonymous → ${anonymous.statusCode}`);
      }
      for (const role of ROLES) {
        // Logging out ends the session: use a fresh one so the other checks keep theirs.
        const client = route.url === '/api/auth/logout' ? await h.login(role) : (clients.get(role) as Client);
        const res = await client.request({ method: route.method as 'GET', url, ...(payload ? { payload } : {}) });
        const allowed = expected === 'public' || (expected ?? []).includes(role);
        const refused = res.statusCode === 403 || res.statusCode === 401;
        if (allowed === refused) mismatches.push(`${key} as ${role} → ${res.statusCode} ${res.body.slice(0, 80)}`);
        if (res.statusCode >= 500) mismatches.push(`${key} as ${role} → ${res.statusCode}`);
        if (route.url.endsWith('/disable') && res.statusCode === 200) {
          await clients.get('admin')?.request({ method: 'POST', url: `/api/users/${victimId}/enable` });
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
