/** HTTP routes of the TOP100 program: cycles, pool, data, quality, computation, review, publication. */
import { FILE_SOURCES, idParams, type IndexPublication, KepingError, REGISTRY_SOURCES, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../db/database.js';
import { servePublic } from '../../http/public-cache.js';
import { withUploadedTable } from '../../http/upload.js';
import { enqueueJob, getJob } from '../../jobs/job.service.js';
import { computeIndexJob } from './compute.job.js';
import { ensure } from '../../policies/ensure.js';
import { isPublicCycle } from '../../policies/index-cycle.policy.js';
import { cycleIdOfRound } from './cycle.repository.js';
import { findCycle, listCandidates, listCycles } from './cycles.js';
import { createCycle, cycleOfRound, publishCycle, setExcluded, updateCycle } from './cycle.service.js';
import { dataTemplate, importIndicatorData } from './data.service.js';
import { publicationPdf, publicationXlsx } from './list-export.js';
import { addRegistrySource, importPoolFile } from './pool.service.js';
import { qualityReport } from './quality.js';

const OFFICE = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'auditor'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const cycleBody = z.object({
  name: text().max(200), nameEn: text().max(200).optional(), year: z.number().int().min(2000).max(2100),
  topN: z.number().int().min(1).max(10000), seed: text().min(1).max(100), spec: z.unknown(),
});

/** The list read from the program's publication (cycles.ts → published-list), for the public only once published. */
function published(cycle: { status: string; publication: unknown }): IndexPublication {
  ensure(isPublicCycle(cycle), 'hide');
  return cycle.publication as IndexPublication;
}

export function indexRoutes(store: Store, options: { uploadLimitBytes: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/index-cycles', { config: { roles: READERS } }, async () => ({ items: await listCycles(store.db) }));

    app.post('/api/index-cycles', {
      config: { roles: OFFICE },
      schema: { body: cycleBody },
    }, async (request, reply) => {
      reply.status(201);
      return createCycle(store, request.ctx, request.body);
    });

    app.put('/api/index-cycles/:id', {
      config: { roles: OFFICE },
      schema: { params: idParams, body: cycleBody },
    }, async (request) => updateCycle(store, request.ctx, request.params.id, request.body));

    app.get('/api/index-cycles/:id', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => findCycle(store.db, request.params.id));

    // An index round of a program: its cycle (the state the TOP100 pages work on); the office makes one for a round defined on the program page.
    app.get('/api/index-rounds/:id/cycle', { config: { roles: READERS }, schema: { params: idParams } }, async (request) => {
      const id = await cycleIdOfRound(store.db, request.params.id);
      if (id === undefined) throw new KepingError('NOT_FOUND', { status: 404 });
      return findCycle(store.db, id);
    });

    app.post('/api/index-rounds/:id/cycle', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => cycleOfRound(store, request.ctx, request.params.id));

    app.get('/api/index-cycles/:id/candidates', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => ({ items: await listCandidates(store.db, request.params.id) }));

    app.post('/api/index-cycles/:id/pool/registry', {
      config: { roles: OFFICE }, schema: { params: idParams, body: z.object({ source: z.enum(REGISTRY_SOURCES) }) },
    }, async (request) => addRegistrySource(store, request.ctx, request.params.id, request.body.source));

    app.post('/api/index-cycles/:id/pool/import', {
      config: { roles: OFFICE, uploadLimitBytes: options.uploadLimitBytes },
      schema: { params: idParams, querystring: z.object({ source: z.enum(FILE_SOURCES) }) },
    }, async (request) => withUploadedTable(request, options.uploadLimitBytes, (path, name) =>
      importPoolFile(store, request.ctx, request.params.id, request.query.source, path, name)));

    app.get('/api/index-cycles/:id/template.xlsx', { config: { roles: OFFICE }, schema: { params: idParams } }, async (request, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="index-data-${request.params.id}.xlsx"`);
      return dataTemplate(store, request.params.id, request.ctx.locale);
    });

    app.post('/api/index-cycles/:id/data/import', {
      config: { roles: OFFICE, uploadLimitBytes: options.uploadLimitBytes },
      schema: { params: idParams, querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }) },
    }, async (request) => withUploadedTable(request, options.uploadLimitBytes, (path, fileName) =>
      importIndicatorData(store, request.ctx, request.params.id, path, { dryRun: request.query.dryRun !== 'false', fileName })));

    app.get('/api/index-cycles/:id/quality', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => qualityReport(store.db, request.params.id));

    app.post('/api/index-cycles/:id/compute', { config: { roles: OFFICE }, schema: { params: idParams } }, async (request, reply) => {
      const cycle = await findCycle(store.db, request.params.id);
      if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
      reply.status(202);
      return enqueueJob(store.db, request.ctx, computeIndexJob, { cycleId: cycle.id });
    });

    app.get('/api/jobs/:id', { config: { roles: READERS }, schema: { params: idParams } }, async (request) => getJob(store, request.params.id));

    app.post('/api/index-cycles/:id/candidates/:uscc/exclusion', {
      config: { roles: OFFICE },
      schema: {
        params: idParams.extend({ uscc: text().max(18) }),
        body: z.object({ excluded: z.boolean(), reason: text().max(1000).default('') }),
      },
    }, async (request) => {
      await setExcluded(store, request.ctx, request.params.id, request.params.uscc.toUpperCase(), request.body.excluded, request.body.reason);
      return { ok: true };
    });

    app.post('/api/index-cycles/:id/publish', { config: { roles: ['admin'] }, schema: { params: idParams } },
      async (request) => publishCycle(store, request.ctx, request.params.id));

    // The public side: published lists only, no session needed (公开发布); each reads its program's publication.
    // served from memory while nothing has been written (http/public-cache.ts)
    app.get('/api/public/index-cycles', { config: { roles: 'public' } }, async (request, reply) => servePublic(store, request, reply, { key: 'index-cycles', now: request.ctx.now() }, async () => ({
      items: (await listCycles(store.db, { publishedOnly: true })).map((c) => ({
        id: c.id, name: c.name, title: c.title, year: c.year, publishedAt: c.publishedAt, programId: c.programId,
      })),
    })));

    app.get('/api/public/index-cycles/:id', { config: { roles: 'public' }, schema: { params: idParams } }, async (request, reply) =>
      servePublic(store, request, reply, { key: `index-cycle:${request.params.id}`, now: request.ctx.now() }, async () => {
        const cycle = await findCycle(store.db, request.params.id);
        return {
          id: cycle.id, name: cycle.name, title: cycle.title, year: cycle.year, publishedAt: cycle.publishedAt, programId: cycle.programId,
          publication: published(cycle),
        };
      }));

    app.get('/api/public/index-cycles/:id/list.xlsx', { config: { roles: 'public' }, schema: { params: idParams } }, async (request, reply) => {
      const cycle = await findCycle(store.db, request.params.id);
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="top-list-${cycle.id}.xlsx"`);
      return publicationXlsx(cycle, published(cycle), request.ctx.locale);
    });

    app.get('/api/public/index-cycles/:id/list.pdf', { config: { roles: 'public' }, schema: { params: idParams } }, async (request, reply) => {
      const cycle = await findCycle(store.db, request.params.id);
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="top-list-${cycle.id}.pdf"`);
      return publicationPdf(cycle, published(cycle), request.ctx.locale);
    });
  };
}
