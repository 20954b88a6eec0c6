/** HTTP routes of the applicant portal: drafts, attachments, eligibility preview, submission, withdrawal. */
import { type Application, APPLICATION_STATUSES, applicationInputSchema, idParam, idParams, idSchema, KepingError, keySchema } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import type { FileStore } from '../storage/file-store.js';
import { ownOrganisation, visibleApplicationRow } from './application-access.js';
import { fileOf, listApplicationRows, presentApplications } from './application.repository.js';
import { createApplication, getApplication, updateApplication } from './application.service.js';
import { attachFile } from './attach-file.js';
import { previewEligibility } from './eligibility.service.js';
import { attachmentHeaders } from './attachment-headers.js';
import { closedScreeningOf } from '../rounds/screening/screening-view.js';
import { submitApplication } from './submit-application.js';
import { withdrawApplication } from './withdraw-application.js';

const APPLICANT = ['applicant'] as const;
const READERS = ['admin', 'staff', 'auditor', 'applicant'] as const;

export function applicationRoutes(store: Store, options: { uploadLimitBytes: number; files: FileStore }): FastifyPluginAsyncZod {
  return async (app) => {
    /** Applications with the decisions of closed screening rounds, as their readers may see them. */
    const withScreening = async (apps: Application[], locale: 'zh-CN' | 'en') => {
      const screening = await closedScreeningOf(store.db, apps.map((a) => a.id), locale);
      return apps.map((a) => ({ ...a, screening: screening.get(a.id) ?? [] }));
    };

    app.get('/api/applications', {
      config: { roles: READERS },
      schema: { querystring: z.object({ programId: idParam().optional(), status: z.enum(APPLICATION_STATUSES).optional() }) },
    }, async (request) => {
      const own = request.ctx.actor.role === 'applicant' ? ownOrganisation(request.ctx) : undefined;
      const rows = await listApplicationRows(store.db, { ...request.query, uscc: own, ...(own ? { origin: 'applied' as const } : {}) });
      return { items: await withScreening(await presentApplications(store.db, rows), request.ctx.locale) };
    });

    app.post('/api/applications', {
      config: { roles: APPLICANT }, schema: { body: applicationInputSchema.extend({ programId: idSchema() }) },
    }, async (request, reply) => {
      const { programId, ...input } = request.body;
      reply.status(201);
      return createApplication(store, request.ctx, programId, input);
    });

    app.get('/api/applications/:id', { config: { roles: READERS }, schema: { params: idParams } }, async (request) => {
      const [one] = await withScreening([await getApplication(store, request.ctx, request.params.id)], request.ctx.locale);
      return one;
    });

    app.put('/api/applications/:id', { config: { roles: APPLICANT }, schema: { params: idParams, body: applicationInputSchema } },
      async (request) => updateApplication(store, request.ctx, request.params.id, request.body));

    app.post('/api/applications/:id/attachments', {
      config: { roles: APPLICANT, uploadLimitBytes: options.uploadLimitBytes },
      schema: { params: idParams, querystring: z.object({ key: keySchema }) },
    }, async (request, reply) => {
      const file = await attachFile(store, request.ctx, request.params.id, request.query.key, {
        files: options.files, uploadLimitBytes: options.uploadLimitBytes,
        receive: async (limitBytes) => {
          if (!request.isMultipart()) throw new KepingError('FILE_MISSING', { field: 'file' });
          return request.file({ limits: { fileSize: limitBytes, files: 1 } });
        },
      });
      reply.status(201);
      return file;
    });

    app.get('/api/applications/:id/files/:fileId', {
      config: { roles: READERS }, schema: { params: idParams.extend({ fileId: idParam() }) },
    }, async (request, reply) => {
      const row = await visibleApplicationRow(store.db, request.ctx, request.params.id);
      const file = await fileOf(store.db, row.id, request.params.fileId);
      if (!file) throw new KepingError('NOT_FOUND', { status: 404 });
      // Opened before the headers are set: a missing file fails as an error, not as a download.
      const bytes = await options.files.open(file.sha256);
      reply.headers(attachmentHeaders(file.mime, file.original_name, file.size));
      return reply.send(bytes);
    });

    app.post('/api/applications/:id/submit', { config: { roles: APPLICANT }, schema: { params: idParams } },
      async (request) => submitApplication(store, request.ctx, request.params.id));

    app.post('/api/applications/:id/withdraw', { config: { roles: APPLICANT }, schema: { params: idParams } },
      async (request) => withdrawApplication(store, request.ctx, request.params.id));

    app.get('/api/applications/:id/eligibility', { config: { roles: ['admin', 'staff', 'applicant'] }, schema: { params: idParams } },
      async (request) => previewEligibility(store.db, request.ctx, request.params.id));
  };
}
