/** Reading and verifying the audit trail. */
import { text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { listAudit, verifyAudit } from './audit.repository.js';

export function auditRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', {
      config: { roles: ['admin', 'auditor'] },
      schema: {
        querystring: z.object({
          subjectType: text().max(40).optional(), subjectId: text().max(100).optional(),
          page: z.coerce.number().int().min(1).max(1_000_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    }, async (request) => listAudit(store.db, request.query));

    app.get('/api/audit/verify', { config: { roles: ['admin', 'auditor'] } }, async () => verifyAudit(store.db));
  };
}
