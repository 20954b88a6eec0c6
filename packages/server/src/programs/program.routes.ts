/** HTTP routes of programs and calls: the office defines and copies programs, applicants read open calls. */
import { daySchema, DESIGNATION_TITLES, idParams, PROGRAM_TYPES, programInputSchema, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import type { FileStore } from '../storage/file-store.js';
import { ensure } from '../policies/ensure.js';
import { canReadCall } from '../policies/program.policy.js';
import { applicationRoutes } from './application.routes.js';
import { copyProgram } from './copy-program.js';
import { factsRoutes } from './facts.routes.js';
import { drawHolders } from './pool-holders.js';
import { findProgram, listPrograms } from './program.repository.js';
import { createProgram, updateProgram } from './program.service.js';

const OFFICE = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'auditor'] as const;
const PORTAL = ['admin', 'staff', 'applicant'] as const;

export interface ProgramRouteOptions {
  uploadLimitBytes: number;
  /** Where attachments are stored (fileStoreFromEnv() in the app). */
  files: FileStore;
}

export function programRoutes(store: Store, options: ProgramRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/programs', {
      config: { roles: READERS },
      schema: { querystring: z.object({ cycleYear: z.coerce.number().int().min(2000).max(2100).optional(), type: z.enum(PROGRAM_TYPES).optional() }) },
    }, async (request) => ({ items: await listPrograms(store.db, request.ctx.now(), request.query) }));

    app.post('/api/programs', { config: { roles: OFFICE }, schema: { body: programInputSchema } }, async (request, reply) => {
      reply.status(201);
      return createProgram(store, request.ctx, request.body);
    });

    app.get('/api/programs/:id', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => findProgram(store.db, request.params.id, request.ctx.now()));

    app.put('/api/programs/:id', { config: { roles: OFFICE }, schema: { params: idParams, body: programInputSchema } },
      async (request) => updateProgram(store, request.ctx, request.params.id, request.body));

    app.post('/api/programs/:id/pool/holders', {
      config: { roles: OFFICE },
      schema: { params: idParams, body: z.strictObject({ title: z.enum(DESIGNATION_TITLES), tier: text().max(20).optional(), on: daySchema }) },
    }, async (request) => drawHolders(store, request.ctx, request.params.id, request.body));

    app.post('/api/programs/:id/copy', { config: { roles: OFFICE }, schema: { params: idParams } }, async (request, reply) => {
      reply.status(201);
      return copyProgram(store, request.ctx, request.params.id);
    });

    // The applicant portal's view: calls open now, and one published call with its form.
    app.get('/api/calls', { config: { roles: PORTAL } }, async (request) => ({
      items: await listPrograms(store.db, request.ctx.now(), { openOnly: true }),
    }));

    app.get('/api/calls/:id', { config: { roles: PORTAL }, schema: { params: idParams } }, async (request) => {
      const program = await findProgram(store.db, request.params.id, request.ctx.now());
      ensure(canReadCall(request.ctx.actor, program), 'hide');
      return program;
    });

    await app.register(applicationRoutes(store, { uploadLimitBytes: options.uploadLimitBytes, files: options.files }));
    await app.register(factsRoutes(store));
  };
}
