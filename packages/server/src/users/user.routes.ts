/** The administrator's management of accounts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { listUsers } from './user.repository.js';
import { createUser, resetPassword, setUserDisabled } from './user.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function userRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', { config: { roles: ['admin'] } }, async () => ({ items: await listUsers(store.db) }));

    app.post('/api/users', {
      config: { roles: ['admin'] },
      schema: {
        body: z.object({
          username: z.string().max(100), displayName: z.string().max(100), role: z.string().max(20),
          password: z.string().max(200), organisationUscc: z.string().max(40).nullish(), locale: z.string().max(10).optional(),
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
  };
}
