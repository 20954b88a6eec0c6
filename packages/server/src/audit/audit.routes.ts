/** Reading and verifying the audit trail; its signed checkpoints are public (no personal data in them). */
import { KepingError, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { listAudit, verifyAudit } from './audit.repository.js';
import { presentCheckpoint } from './checkpoint.js';
import { latestCheckpoint, listCheckpoints } from './checkpoint.repository.js';

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

    app.get('/api/public/audit-checkpoints/latest', { config: { roles: 'public' } }, async () => {
      const row = await latestCheckpoint(store.db);
      if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
      return presentCheckpoint(row);
    });

    app.get('/api/public/audit-checkpoints', {
      config: { roles: 'public' },
      schema: {
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(1_000_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    }, async (request) => {
      const { rows, total } = await listCheckpoints(store.db, request.query);
      return { items: rows.map(presentCheckpoint), total };
    });
  };
}
