/** HTTP routes of the publication (公示): the office's draft, publish, objections, finalise and certificates. */
import { idParams, KepingError, objectionInvestigationSchema, objectionResolutionSchema, publishInputSchema, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { attachmentHeaders } from '../programs/attachment-headers.js';
import type { FileStore } from '../storage/file-store.js';
import { certificatePdf } from './certificate-pdf.js';
import { certificatesOf } from './certificate.repository.js';
import { findCertificate, issueCertificates, toCertificate } from './certificate.service.js';
import { investigate, resolveObjection } from './objection.service.js';
import { findObjection, findPublication, presentForOffice, publicationOfProgram } from './publication.repository.js';
import { draftPublication, finalise, publish } from './publication.service.js';
import { publicPublicationRoutes } from './public.routes.js';

const OFFICE = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'auditor'] as const;

export function publicationRoutes(store: Store, options: { uploadLimitBytes: number; files: FileStore }): FastifyPluginAsyncZod {
  return async (app) => {
    const office = async (id: number, now: Date) => presentForOffice(store.db, await findPublication(store.db, id), now);

    app.post('/api/programs/:id/publication', { config: { roles: OFFICE }, schema: { params: idParams } }, async (request) => {
      const row = await draftPublication(store, request.ctx, request.params.id);
      return office(row.id, request.ctx.now());
    });

    app.get('/api/programs/:id/publication', { config: { roles: READERS }, schema: { params: idParams } }, async (request) => {
      const row = await publicationOfProgram(store.db, request.params.id);
      if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
      return office(row.id, request.ctx.now());
    });

    app.post('/api/publications/:id/publish', { config: { roles: OFFICE }, schema: { params: idParams, body: publishInputSchema } }, async (request) => {
      await publish(store, request.ctx, request.params.id, request.body);
      return office(request.params.id, request.ctx.now());
    });

    app.post('/api/publications/:id/finalise', { config: { roles: OFFICE }, schema: { params: idParams } }, async (request) => {
      await finalise(store, request.ctx, request.params.id);
      return office(request.params.id, request.ctx.now());
    });

    app.post('/api/objections/:id/investigate', { config: { roles: OFFICE }, schema: { params: idParams, body: objectionInvestigationSchema } },
      async (request) => investigate(store, request.ctx, request.params.id, request.body));

    app.post('/api/objections/:id/resolve', { config: { roles: OFFICE }, schema: { params: idParams, body: objectionResolutionSchema } },
      async (request) => resolveObjection(store, request.ctx, request.params.id, request.body));

    app.get('/api/objections/:id/evidence', { config: { roles: READERS }, schema: { params: idParams } }, async (request, reply) => {
      const row = await findObjection(store.db, request.params.id);
      if (row.evidence_sha256 === null) throw new KepingError('NOT_FOUND', { status: 404 });
      // Opened before the headers are set: a missing file fails as an error, not as a download.
      const bytes = await options.files.open(row.evidence_sha256);
      reply.headers(attachmentHeaders(row.evidence_mime, row.evidence_name ?? row.evidence_sha256, row.evidence_size ?? 0));
      return reply.send(bytes);
    });

    app.post('/api/publications/:id/certificates', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => issueCertificates(store, request.ctx, request.params.id));

    app.get('/api/publications/:id/certificates', { config: { roles: READERS }, schema: { params: idParams } }, async (request) => {
      await findPublication(store.db, request.params.id);
      const rows = await certificatesOf(store.db, request.params.id);
      return { items: rows.map(toCertificate) };
    });

    app.get('/api/certificates/:serial/pdf', { config: { roles: READERS }, schema: { params: z.object({ serial: text().max(40) }) } },
      async (request, reply) => {
        const row = await findCertificate(store, request.params.serial);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${row.serial}.pdf"`);
        return certificatePdf(row);
      });

    await app.register(publicPublicationRoutes(store, options));
  };
}
