/**
 * HTTP routes of the expert portal (专家端): items assigned to the caller, opening one (blind as
 * configured), standing down, the score sheet, attachments under neutral names, peers' scores when
 * the round shows them; and every user's in-app notifications.
 */
import { idParams, recusalInputSchema, ROLES, scoreInputSchema } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../db/database.js';
import { listNotifications, markRead } from '../../notifications/notification.service.js';
import { attachmentHeaders } from '../../programs/attachment-headers.js';
import type { FileStore } from '../../storage/file-store.js';
import { expertFile, listExpertItems, openExpertItem, otherScores } from './expert-items.js';
import { recuse } from './recuse.js';
import { saveSheet } from './score-sheet.js';

const EXPERT = ['expert'] as const;

export function expertPortalRoutes(store: Store, options: { files: FileStore }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/expert/items', { config: { roles: EXPERT } }, async (request) => listExpertItems(store.db, request.ctx));

    app.get('/api/expert/assignments/:id', { config: { roles: EXPERT }, schema: { params: idParams } },
      async (request) => openExpertItem(store.db, request.ctx, request.params.id));

    app.post('/api/expert/assignments/:id/recuse', { config: { roles: EXPERT }, schema: { params: idParams, body: recusalInputSchema } },
      async (request) => recuse(store, request.ctx, request.params.id, request.body.reason));

    app.put('/api/expert/assignments/:id/sheet', { config: { roles: EXPERT }, schema: { params: idParams, body: scoreInputSchema } },
      async (request) => saveSheet(store, request.ctx, request.params.id, request.body, false));

    app.post('/api/expert/assignments/:id/submit', { config: { roles: EXPERT }, schema: { params: idParams, body: scoreInputSchema } },
      async (request) => saveSheet(store, request.ctx, request.params.id, request.body, true));

    app.get('/api/expert/assignments/:id/scores', { config: { roles: EXPERT }, schema: { params: idParams } },
      async (request) => otherScores(store.db, request.ctx, request.params.id));

    app.get('/api/expert/assignments/:id/files/:no', {
      config: { roles: EXPERT }, schema: { params: idParams.extend({ no: z.coerce.number().int().min(1).max(1000) }) },
    }, async (request, reply) => {
      const file = await expertFile(store.db, request.ctx, request.params.id, request.params.no);
      // Opened before the headers are set: a missing file fails as an error, not as a download.
      const bytes = await options.files.open(file.sha256);
      reply.headers(attachmentHeaders(file.mime, file.name, file.size));
      return reply.send(bytes);
    });

    app.get('/api/notifications', {
      config: { roles: ROLES }, schema: { querystring: z.object({ unread: z.enum(['1', '0', 'true', 'false']).optional() }) },
    }, async (request) => listNotifications(store.db, request.ctx, request.query.unread === '1' || request.query.unread === 'true'));

    app.post('/api/notifications/:id/read', { config: { roles: ROLES }, schema: { params: idParams } },
      async (request) => markRead(store, request.ctx, request.params.id));
  };
}
