/** HTTP routes of the screening round: run the rules, decide each application, close the round. */
import { idParams, screeningDecisionSchema } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Store } from '../../db/database.js';
import { listScreening } from './screening-view.js';
import { closeRound, decideScreening, runScreening } from './screening.service.js';

const OFFICE = ['admin', 'staff'] as const;

export function screeningRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/rounds/:id/screening', { config: { roles: ['admin', 'staff', 'auditor'] }, schema: { params: idParams } },
      async (request) => listScreening(store.db, request.params.id, request.ctx.locale));

    app.post('/api/rounds/:id/screening/run', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => runScreening(store, request.ctx, request.params.id));

    app.post('/api/rounds/:id/screening/decisions', { config: { roles: OFFICE }, schema: { params: idParams, body: screeningDecisionSchema } },
      async (request) => decideScreening(store, request.ctx, request.params.id, request.body));

    app.post('/api/rounds/:id/close', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => closeRound(store, request.ctx, request.params.id));
  };
}
