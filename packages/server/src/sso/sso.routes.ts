/**
 * Single sign-on: the administrator's setting (secret never returned), the login button's facts,
 * and the two legs of the OpenID Connect flow. The legs are browser navigations, so their errors
 * send the browser back to the login page with the error's code, which the page translates.
 */
import { KepingError, text } from '@keping/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { siteUrl } from '../http/site-url.js';
import { SESSION_COOKIE } from '../http/policy.js';
import { identityProviderSettings, MATCH_CLAIMS, saveIdentityProvider } from './identity-provider.service.js';
import { FLOW_MINUTES, finishOidcLogin, startOidcLogin } from './oidc-login.service.js';

export const FLOW_COOKIE = 'keping_oidc';
const FLOW_PATH = '/api/auth/oidc';
export const CALLBACK_PATH = '/api/auth/oidc/callback';

/** The callback address registered at the provider: KEPING_PUBLIC_URL when set, else this request's origin. */
function callbackUrl(request: FastifyRequest): string {
  return process.env.KEPING_PUBLIC_URL ? siteUrl(CALLBACK_PATH) : `${request.protocol}://${request.host}${CALLBACK_PATH}`;
}

function toLoginPage(reply: FastifyReply, error: unknown, log: FastifyRequest['log']): FastifyReply {
  const code = error instanceof KepingError ? error.code : 'SSO_FAILED';
  if (!(error instanceof KepingError)) log.error({ err: error }, 'single sign-on failed');
  reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
  return reply.redirect(`/login?sso_error=${encodeURIComponent(code)}`);
}

export function ssoRoutes(store: Store, options: { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/auth/sso', { config: { roles: 'public' } }, async () => {
      const s = await identityProviderSettings(store);
      return { enabled: s.enabled, displayName: s.enabled ? s.displayName : null };
    });

    app.get('/api/sso/settings', { config: { roles: ['admin'] } }, async () => identityProviderSettings(store));

    app.put('/api/sso/settings', {
      config: { roles: ['admin'] },
      schema: {
        body: z.object({
          issuer: text().max(500), clientId: text().max(200), clientSecret: text().max(500).optional(),
          matchClaim: z.enum(MATCH_CLAIMS), displayName: text().max(100), enabled: z.boolean(),
        }),
      },
    }, async (request) => saveIdentityProvider(store, request.ctx, request.body));

    app.get('/api/auth/oidc/start', { config: { roles: 'public' } }, async (request, reply) => {
      try {
        const started = await startOidcLogin(store, request.ctx.now(), callbackUrl(request));
        reply.setCookie(FLOW_COOKIE, started.flowCookie, {
          httpOnly: true, sameSite: 'lax', secure: options.secureCookies, path: FLOW_PATH, maxAge: FLOW_MINUTES * 60,
        });
        return await reply.redirect(started.authorizationUrl);
      } catch (error) {
        return toLoginPage(reply, error, request.log);
      }
    });

    app.get(CALLBACK_PATH, { config: { roles: 'public' } }, async (request, reply) => {
      try {
        const url = new URL(request.url, 'http://callback.invalid');
        const result = await finishOidcLogin(store, request.ctx, url, request.cookies[FLOW_COOKIE]);
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
        reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true, sameSite: 'lax', secure: options.secureCookies, path: '/', expires: result.expiresAt,
        });
        return await reply.redirect('/');
      } catch (error) {
        return toLoginPage(reply, error, request.log);
      }
    });
  };
}
