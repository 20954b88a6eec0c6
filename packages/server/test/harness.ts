/** An app on a fresh database with one user per role, a movable clock and a logged-in client per user. */
import { ROLES, type Role } from '@keping/core';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createUser } from '../src/users/user.service.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import type { RouteInfo } from '../src/http/policy.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import type { TestDatabase } from './databases.js';

export const PASSWORD = 'Correct-Horse-42';
export const OWN_USCC = '91350100M000100Y43';
export const OTHER_USCC = '91310115798931231K';

export interface Client {
  cookie: string;
  csrf: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface Harness {
  store: Store;
  app: FastifyInstance;
  routes: RouteInfo[];
  clock: { now: Date };
  login(username: string, password?: string, ip?: string): Promise<Client>;
  dispose(): Promise<void>;
}

export async function startHarness(database: TestDatabase, options: { uploadLimitBytes?: number } = {}): Promise<Harness> {
  const { store, dispose } = await database.open();
  const clock = { now: new Date('2026-11-25T02:00:00Z') };
  const ctx = systemContext('zh-CN', () => clock.now);
  await createOrganisation(store, ctx, { uscc: OWN_USCC, name: '申报示例有限公司', district: '嘉定区', industryCode: 'C3973' });
  await createOrganisation(store, ctx, { uscc: OTHER_USCC, name: '其他示例有限公司', district: '徐汇', industryCode: '2720' });
  for (const role of ROLES) {
    await createUser(store, ctx, {
      username: role, displayName: role, role, password: PASSWORD, organisationUscc: role === 'applicant' ? OWN_USCC : null,
    });
  }
  const { app, routes } = await buildApp({ store, now: () => clock.now, uploadLimitBytes: options.uploadLimitBytes, webDist: '/nonexistent' });
  const login = async (username: string, password = PASSWORD, ip = '10.0.0.1'): Promise<Client> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    return {
      cookie, csrf,
      request: (o) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } }),
    };
  };
  return { store, app, routes, clock, login, dispose: async () => { await app.close(); await dispose(); } };
}

export type { Role };
