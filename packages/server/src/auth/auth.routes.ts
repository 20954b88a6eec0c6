/** Log in, log out, who am I, my language. */
import { KepingError, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { SESSION_COOKIE } from '../http/policy.js';
import { setUserLocale } from '../users/user.service.js';
import { login, logout } from './session.service.js';

export function authRoutes(store: Store, options: { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/auth/login', {
      config: { roles: 'public' },
      schema: { body: z.object({ username: text().max(100), password: text().max(200) }) },
    }, async (request, reply) => {
      const result = await login(store, request.ctx, request.body.username, request.body.password);
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true, sameSite: 'lax', secure: options.secureCookies, path: '/', expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    });

    app.post('/api/auth/logout', { config: { roles: 'authenticated' } }, async (request, reply) => {
      if (request.session) await logout(store, request.ctx, request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/api/auth/me', { config: { roles: 'authenticated' } }, async (request) => {
      if (!request.session) throw new KepingError('UNAUTHENTICATED', { status: 401 });
      return { user: request.session.user, csrfToken: request.session.csrfToken };
    });

    app.put('/api/auth/locale', {
      config: { roles: 'authenticated' },
      schema: { body: z.object({ locale: z.enum(['zh-CN', 'en']) }) },
    }, async (request) => {
      const id = request.ctx.actor.id ?? 0;
      return { user: await setUserLocale(store, request.ctx, id, request.body.locale) };
    });
  };
}
