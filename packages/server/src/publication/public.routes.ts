/**
 * The public side of the publication: the list during and after its period, objections (异议)
 * during it only, and certificate verification by serial and hash. No session needed.
 */
import { idParams, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { servePublic } from '../http/public-cache.js';
import type { FileStore } from '../storage/file-store.js';
import { ensure } from '../policies/ensure.js';
import { canReadPublicly } from '../policies/publication.policy.js';
import { verifyCertificate } from './certificate.service.js';
import { dropUnheld, parseObjection, readObjection } from './objection-upload.js';
import { assertObjectionAllowance, assertObjectionsOpen, fileObjection } from './objection.service.js';
import { findPublication, presentForPublic, publicPublications } from './publication.repository.js';


export function publicPublicationRoutes(store: Store, options: { uploadLimitBytes: number; files: FileStore }): FastifyPluginAsyncZod {
  return async (app) => {
    // served from memory while nothing has been written, recomputed each minute for the dates (http/public-cache.ts)
    app.get('/api/public/publications', { config: { roles: 'public' } }, async (request, reply) => servePublic(store, request, reply, { key: 'publications', now: request.ctx.now() }, async () => {
      const at = request.ctx.now().toISOString();
      const rows = await publicPublications(store.db, at);
      return {
        items: rows.map((r) => ({
          id: r.id, status: r.status, startDate: r.start_date, endDate: r.end_date, program: { zh: r.title_zh, en: r.title_en }, cycleYear: r.cycle_year,
        })),
      };
    }));

    app.get('/api/public/publications/:id', { config: { roles: 'public' }, schema: { params: idParams } }, async (request, reply) =>
      servePublic(store, request, reply, { key: `publication:${request.params.id}`, now: request.ctx.now() }, async () => {
        const row = await findPublication(store.db, request.params.id);
        ensure(canReadPublicly(request.ctx.actor, row, request.ctx.now()), 'hide');
        return presentForPublic(store.db, row, request.ctx.now());
      }));

    app.post('/api/public/publications/:id/objections', {
      config: { roles: 'public', uploadLimitBytes: options.uploadLimitBytes }, schema: { params: idParams },
    }, async (request, reply) => {
      // Outside the period nothing is read, let alone stored.
      await assertObjectionsOpen(store.db, request.ctx, request.params.id);
      await assertObjectionAllowance(store.db, request.params.id, request.ctx);
      const { raw, evidence } = await readObjection(request, options.files, options.uploadLimitBytes);
      try {
        const result = await fileObjection(store, request.ctx, request.params.id, parseObjection(raw), evidence);
        reply.status(201);
        return result;
      } catch (error) {
        if (evidence) await dropUnheld(store, options.files, evidence.sha256);
        throw error;
      }
    });

    app.get('/api/public/certificates/:serial', {
      config: { roles: 'public' }, schema: { params: z.object({ serial: text().max(60) }), querystring: z.object({ h: text().max(128).optional() }) },
    }, async (request) => verifyCertificate(store, request.params.serial, request.query.h, request.ctx.locale));
  };
}
