/**
 * Who may call what: every route declares its roles in its config, one line each, and one hook
 * enforces them. `public` needs no session; `authenticated` any live session.
 */
import { timingSafeEqual } from 'node:crypto';
import { KepingError, negotiateLocale, isLocale, NO_ROLE, type Role } from '@keping/core';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { actorOf, type Session, sessionFromToken } from '../auth/session.service.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';

export type RoleSpec = 'public' | 'authenticated' | readonly Role[];

export interface RouteInfo {
  method: string;
  url: string;
  roles: RoleSpec;
  /** The route's zod schemas (params, querystring, body), walked by the input tests. */
  schema?: FastifySchema | undefined;
}

export const SESSION_COOKIE = 'keping_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: RoleSpec;
    uploadLimitBytes?: number;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    session: Session | undefined;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where the API reference is served. */
export const API_DOCS = '/api/docs';

export function registerPolicy(app: FastifyInstance, store: Store, now: () => Date, routes: RouteInfo[]): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    // The API reference (@fastify/swagger-ui's page and its files) is public, as the document it shows.
    if (route.url === API_DOCS || route.url.startsWith(`${API_DOCS}/`)) route.config = { ...route.config, roles: 'public' };
    const roles = route.config?.roles;
    // A route without a declaration is a bug: refuse to start rather than leave it open.
    if (!roles) throw new Error(`route ${String(route.method)} ${route.url} declares no roles`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, roles, schema: route.schema });
    }
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('session', undefined);

  app.addHook('onRequest', async (request) => {
    const headerLocale = negotiateLocale(request.headers['accept-language']);
    request.ctx = {
      actor: { id: null, name: 'anonymous', role: 'system', organisationUscc: null }, ip: request.ip, locale: headerLocale, now,
    };
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await sessionFromToken(store, token, now());
      if (request.session) {
        const user = request.session.user;
        request.ctx = { ...request.ctx, actor: actorOf(user), locale: isLocale(user.locale) ? user.locale : headerLocale };
      }
    }
    const roles = request.routeOptions.config?.roles;
    if (!roles || roles === 'public') return;
    if (!request.session) throw new KepingError('UNAUTHENTICATED', { status: 401 });
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
        throw new KepingError('CSRF', { status: 403 });
      }
    }
    // After an administrator's reset, only /api/auth/* (me, log out, the password change) is open.
    if (request.session.user.mustChangePassword && !(request.routeOptions.url ?? '').startsWith('/api/auth/')) {
      throw new KepingError('PASSWORD_CHANGE_REQUIRED', { status: 403 });
    }
    // An account without a role (created by single sign-on) waits for an administrator: nothing is open.
    const role = request.session.user.role;
    if (role === NO_ROLE && !(request.routeOptions.url ?? '').startsWith('/api/auth/')) {
      throw new KepingError('ROLE_PENDING', { status: 403 });
    }
    if (roles !== 'authenticated' && (role === NO_ROLE || !roles.includes(role))) {
      throw new KepingError('FORBIDDEN', { status: 403 });
    }
  });
}
