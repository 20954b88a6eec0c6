/** HTTP routes of awards: types with quotas, nominations and decisions (office); read by auditors. */
import { awardTypeInputSchema, idParams, nominationDecisionSchema, nominationInputSchema } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Store } from '../db/database.js';
import { listAwards } from './award.repository.js';
import { createAwardType, decideNomination, nominate } from './award.service.js';

const OFFICE = ['admin', 'staff'] as const;

export function awardRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/programs/:id/awards', { config: { roles: ['admin', 'staff', 'auditor'] }, schema: { params: idParams } },
      async (request) => ({ items: await listAwards(store.db, request.params.id) }));

    app.post('/api/programs/:id/award-types', { config: { roles: OFFICE }, schema: { params: idParams, body: awardTypeInputSchema } },
      async (request, reply) => {
        reply.status(201);
        return createAwardType(store, request.ctx, request.params.id, request.body);
      });

    app.post('/api/award-types/:id/nominations', { config: { roles: OFFICE }, schema: { params: idParams, body: nominationInputSchema } },
      async (request, reply) => {
        reply.status(201);
        return nominate(store, request.ctx, request.params.id, request.body);
      });

    app.post('/api/nominations/:id/decision', { config: { roles: OFFICE }, schema: { params: idParams, body: nominationDecisionSchema } },
      async (request) => decideNomination(store, request.ctx, request.params.id, request.body));
  };
}
