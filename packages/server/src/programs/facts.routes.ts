/**
 * HTTP routes of facts frozen at submission: the office reads an application's frozen facts against
 * the registry now and re-runs screening on the live facts with a reason; an organisation's
 * self-declared fact fields are read by it and the office, and confirmed by the office.
 */
import { confirmFactsSchema, idParams, rerunScreeningSchema, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { ensure } from '../policies/ensure.js';
import { canReachOrganisation } from '../policies/organisation.policy.js';
import { confirmFacts, selfDeclaredMarks } from '../registry/organisation.service.js';
import { rerunScreening } from '../rounds/screening/screening-rerun.js';
import { applicationFacts } from './application-facts.js';

const OFFICE = ['admin', 'staff'] as const;
const usccParams = z.object({ uscc: text().max(40) });

export function factsRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/applications/:id/facts', { config: { roles: ['admin', 'staff', 'auditor'] }, schema: { params: idParams } },
      async (request) => applicationFacts(store.db, request.ctx, request.params.id));

    app.post('/api/applications/:id/facts/rerun', { config: { roles: OFFICE }, schema: { params: idParams, body: rerunScreeningSchema } },
      async (request) => rerunScreening(store, request.ctx, request.params.id, request.body));

    app.get('/api/organisations/:uscc/facts/self-declared', {
      config: { roles: ['admin', 'staff', 'auditor', 'applicant'] }, schema: { params: usccParams },
    }, async (request) => {
      ensure(canReachOrganisation(request.ctx.actor, request.params.uscc));
      return { marks: await selfDeclaredMarks(store.db, request.ctx, request.params.uscc) };
    });

    app.post('/api/organisations/:uscc/facts/confirm', { config: { roles: OFFICE }, schema: { params: usccParams, body: confirmFactsSchema } },
      async (request) => confirmFacts(store, request.ctx, request.params.uscc, request.body.fields));
  };
}
