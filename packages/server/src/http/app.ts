/** Builds the Fastify application: plugins, the role policy, error handling, features, the web app. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { negotiateLocale } from '@keping/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from '../audit/audit.routes.js';
import { pendingMigrations } from '../db/migrations.js';
import { authRoutes } from '../auth/auth.routes.js';
import type { Store } from '../db/database.js';
import { expertRoutes } from '../experts/expert.routes.js';
import { programRoutes } from '../programs/program.routes.js';
import { roundRoutes } from '../rounds/registry.js';
import { awardRoutes } from '../awards/award.routes.js';
import { publicationRoutes } from '../publication/publication.routes.js';
import { registryRoutes } from '../registry/registry.routes.js';
import { designationRoutes } from '../designations/designation.routes.js';
import { ssoRoutes } from '../sso/sso.routes.js';
import { userRoutes } from '../users/user.routes.js';
import type { FileStore } from '../storage/file-store.js';
import { fileStoreFromEnv } from '../storage/files-url.js';
import { errorHandler, send } from './errors.js';
import { documentRoute } from './openapi.js';
import { API_DOCS, registerPolicy, type RouteInfo } from './policy.js';

export interface AppOptions {
  store: Store;
  now?: () => Date;
  logger?: boolean;
  uploadLimitBytes?: number;
  /** The built web app (packages/web/dist); served when present. */
  webDist?: string | undefined;
  secureCookies?: boolean;
  /** Where attachments are stored; KEPING_FILES_URL (or the data directory) by default. */
  files?: FileStore;
}

export interface KepingApp {
  app: FastifyInstance;
  routes: RouteInfo[];
  /** From now on readiness answers 503: the process is shutting down (requests still served meanwhile). */
  drain: () => void;
}

/** The web app's build, found through its package (the same from the sources and from the compiled server). */
export const DEFAULT_WEB_DIST = join(dirname(createRequire(import.meta.url).resolve('@keping/web/package.json')), 'dist');

/**
 * The browser may run only our own scripts, connect only to us, and never frame us. Styles allow
 * 'unsafe-inline' (styles only): antd writes its CSS-in-JS as <style> tags at run time, and a nonce
 * would mean rendering index.html per request for no gain against script injection, which stays closed.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export async function buildApp(options: AppOptions): Promise<KepingApp> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const uploadLimitBytes = options.uploadLimitBytes ?? Number(process.env.KEPING_UPLOAD_LIMIT_MB ?? 50) * 1048576;
  // Read before anything starts, so a bad KEPING_FILES_URL stops the server with its message.
  const files = options.files ?? fileStoreFromEnv();
  // Request ids: the load balancer's X-Request-Id when it sends one, else a fresh UUID; logged with every
  // line of the request (KEPING_LOG=1: JSON lines) and returned in the response, so a report names it.
  const app = Fastify({
    logger: options.logger ?? false, trustProxy: process.env.KEPING_TRUST_PROXY === '1',
    requestIdHeader: 'x-request-id', genReqId: () => randomUUID(),
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // A store made here is closed here; one passed in belongs to the caller.
  if (!options.files) app.addHook('onClose', async () => files.close());

  const routes: RouteInfo[] = [];
  await app.register(fastifyHelmet, { contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY }, frameguard: { action: 'deny' } });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: uploadLimitBytes, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Keping API', version: '1.0.0' } },
    transform: documentRoute,
  });
  registerPolicy(app, store, now, routes);
  // The reference page of the OpenAPI document; its own files only, so the site's CSP holds.
  await app.register(fastifySwaggerUi, { routePrefix: API_DOCS, staticCSP: false, uiConfig: { docExpansion: 'list', deepLinking: true } });

  // Liveness (the process answers) and readiness (its database answers, its schema is current, it is not
  // shutting down): a load balancer sends requests only to a ready process.
  app.get('/api/health', { config: { roles: 'public' } }, async () => ({ ok: true }));
  let draining = false;
  app.get('/api/ready', { config: { roles: 'public' } }, async (_request, reply) => {
    if (draining) return reply.status(503).send({ ready: false, reason: 'draining' });
    const pending = await pendingMigrations(store).catch(() => -1);
    if (pending !== 0) return reply.status(503).send({ ready: false, reason: pending < 0 ? 'database' : 'migrations' });
    return { ready: true };
  });
  app.get('/api/openapi.json', { config: { roles: 'public' }, schema: { hide: true } }, async () => app.swagger());
  const secureCookies = options.secureCookies ?? process.env.KEPING_SECURE_COOKIES === '1';
  await app.register(authRoutes(store, { secureCookies }));
  await app.register(ssoRoutes(store, { secureCookies }));
  await app.register(userRoutes(store));
  await app.register(registryRoutes(store, { uploadLimitBytes }));
  await app.register(designationRoutes(store, { uploadLimitBytes }));
  await app.register(auditRoutes(store));
  await app.register(expertRoutes(store, { uploadLimitBytes }));
  await app.register(programRoutes(store, { uploadLimitBytes, files }));
  await app.register(roundRoutes(store, { uploadLimitBytes, files }));
  await app.register(awardRoutes(store));
  await app.register(publicationRoutes(store, { uploadLimitBytes, files }));

  const webDist = options.webDist ?? process.env.KEPING_WEB_DIST ?? DEFAULT_WEB_DIST;
  if (existsSync(resolve(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: resolve(webDist), wildcard: false });
  }
  const serveWeb = existsSync(resolve(webDist, 'index.html'));
  // The web app routes on the client: any other non-API GET gets its page.
  app.setNotFoundHandler((request, reply) => {
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return send(reply, negotiateLocale(request.headers['accept-language']), 404, [{ code: 'NOT_FOUND' }]);
  });
  await app.ready();
  return { app, routes, drain: () => { draining = true; } };
}
