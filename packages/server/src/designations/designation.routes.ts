/** HTTP routes of designations (认定): an organisation's designations and history, grants, steps, holders on a day, import. */
import { daySchema, designationEventSchema, designationGrantSchema, idParams, isTierOf, KepingError, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { ensure } from '../policies/ensure.js';
import { canReachOrganisation } from '../policies/organisation.policy.js';
import { withUploadedTable } from '../http/upload.js';
import { importDesignationFile } from './designation-import.service.js';
import { titleSchema } from './designation-filter.js';
import { designationTemplate } from './designation-template.js';
import { eventsOf, listHolders } from './designation.repository.js';
import { designationsOf, grantDesignation, localised, present, recordEvent, today } from './designation.service.js';

const OFFICE = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'auditor'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function designationRoutes(store: Store, options: { uploadLimitBytes: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/organisations/:uscc/designations', {
      config: { roles: [...READERS, 'applicant'] }, schema: { params: z.object({ uscc: text().max(40) }) },
    }, async (request) => {
      ensure(canReachOrganisation(request.ctx.actor, request.params.uscc));
      return { items: await designationsOf(store.db, request.ctx, request.params.uscc) };
    });

    app.get('/api/designations', {
      config: { roles: READERS },
      schema: {
        querystring: z.object({
          title: titleSchema, tier: text().max(20).optional(), on: daySchema.optional(),
          page: z.coerce.number().int().min(1).max(1_000_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    }, async (request) => {
      const { title, tier, page, pageSize } = request.query;
      if (tier !== undefined && !isTierOf(title, tier)) {
        throw KepingError.fromFieldErrors(localised([{ code: 'DESIGNATION_TIER_UNKNOWN', field: 'tier', params: { value: tier, title, tiers: '' } }], title, request.ctx.locale));
      }
      const on = request.query.on ?? today(request.ctx);
      const { rows, total } = await listHolders(store.db, { title, tier, day: on }, { page, pageSize });
      const events = await eventsOf(store.db, rows.map((r) => r.id));
      return {
        on, total, page, pageSize,
        items: rows.map((r) => ({ name: r.name, ...present(r, events.get(r.id) ?? [], on) })),
      };
    });

    app.post('/api/designations', { config: { roles: OFFICE }, schema: { body: designationGrantSchema } }, async (request, reply) => {
      reply.status(201);
      return grantDesignation(store, request.ctx, request.body);
    });

    app.post('/api/designations/:id/events', {
      config: { roles: OFFICE }, schema: { params: idParams, body: designationEventSchema },
    }, async (request, reply) => {
      reply.status(201);
      return recordEvent(store, request.ctx, request.params.id, request.body);
    });

    app.get('/api/designations/template.xlsx', { config: { roles: OFFICE } }, async (request, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="designations-template.xlsx"');
      return designationTemplate(request.ctx.locale);
    });

    app.post('/api/designations/import', {
      config: { roles: OFFICE, uploadLimitBytes: options.uploadLimitBytes },
      schema: { querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }) },
    }, async (request) => withUploadedTable(request, options.uploadLimitBytes, (path, fileName) =>
      importDesignationFile(store, request.ctx, path, { dryRun: request.query.dryRun !== 'false', fileName, maxBytes: options.uploadLimitBytes })));
  };
}
