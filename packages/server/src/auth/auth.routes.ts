/** Log in, log out, who am I, my language, my password. */
import { KepingError, text } from '@keping/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { SESSION_COOKIE } from '../http/policy.js';
import { setUserLocale } from '../users/user.service.js';
import { retryAfterOf } from './login-throttle.js';
import { changePassword } from './password-change.service.js';
import { login, logout } from './session.service.js';

/** A throttled attempt tells the client when to try again (Retry-After, seconds). */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seconds = retryAfterOf(error);
    if (seconds !== undefined) void reply.header('retry-after', String(seconds));
    throw error;
  }
}

export function authRoutes(store: Store, options: { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/auth/login', {
      config: { roles: 'public' },
      schema: { body: z.object({ username: text().max(100), password: text().max(200) }) },
    }, async (request, reply) => {
      const result = await withRetryAfter(reply, () => login(store, request.ctx, request.body.username, request.body.password));
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true, sameSite: 'lax', secure: options.secureCookies, path: '/', expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken, mustChangePassword: result.user.mustChangePassword };
    });

    app.post('/api/auth/logout', { config: { roles: 'authenticated' } }, async (request, reply) => {
      if (request.session) await logout(store, request.ctx, request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/api/auth/me', { config: { roles: 'authenticated' } }, async (request) => {
      if (!request.session) throw new KepingError('UNAUTHENTICATED', { status: 401 });
      const { user, csrfToken } = request.session;
      return { user, csrfToken, mustChangePassword: user.mustChangePassword };
    });

    app.put('/api/auth/locale', {
      config: { roles: 'authenticated' },
      schema: { body: z.object({ locale: z.enum(['zh-CN', 'en']) }) },
    }, async (request) => {
      const id = request.ctx.actor.id ?? 0;
      return { user: await setUserLocale(store, request.ctx, id, request.body.locale) };
    });

    app.post('/api/auth/password', {
      config: { roles: 'authenticated' },
      schema: { body: z.object({ currentPassword: text().max(200), newPassword: text().max(200) }) },
    }, async (request, reply) => {
      const session = request.session;
      if (!session) throw new KepingError('UNAUTHENTICATED', { status: 401 });
      const user = await withRetryAfter(reply, () =>
        changePassword(store, request.ctx, session, request.body.currentPassword, request.body.newPassword));
      return { user, mustChangePassword: user.mustChangePassword };
    });
  };
}
