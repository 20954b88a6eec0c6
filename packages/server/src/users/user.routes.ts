/** The administrator's management of accounts. */
import { idParams, ROLES, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { listUsers } from './user.repository.js';
import { createUser, grantRole, resetPassword, setUserDisabled } from './user.service.js';


export function userRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', { config: { roles: ['admin'] } }, async () => ({ items: await listUsers(store.db) }));

    app.post('/api/users', {
      config: { roles: ['admin'] },
      schema: {
        body: z.object({
          username: text().max(100), displayName: text().max(100), role: text().max(20),
          password: text().max(200), organisationUscc: text().max(40).nullish(), locale: text().max(10).optional(),
          email: text().max(200).nullish(),
        }),
      },
    }, async (request, reply) => {
      reply.status(201);
      return createUser(store, request.ctx, request.body);
    });

    app.post('/api/users/:id/disable', { config: { roles: ['admin'] }, schema: { params: idParams } },
      async (request) => setUserDisabled(store, request.ctx, request.params.id, true));
    app.post('/api/users/:id/enable', { config: { roles: ['admin'] }, schema: { params: idParams } },
      async (request) => setUserDisabled(store, request.ctx, request.params.id, false));
    app.post('/api/users/:id/password-reset', { config: { roles: ['admin'] }, schema: { params: idParams } },
      async (request) => resetPassword(store, request.ctx, request.params.id));
    // Grants or changes a role; how an account created by single sign-on gets its first one.
    app.put('/api/users/:id/role', {
      config: { roles: ['admin'] },
      schema: { params: idParams, body: z.object({ role: z.enum(ROLES), organisationUscc: text().max(40).nullish() }) },
    }, async (request) => grantRole(store, request.ctx, request.params.id, request.body.role, request.body.organisationUscc));
  };
}
