/** HTTP routes of the expert pool (专家库): list, view, edit, import, template, conflicts of interest. */
import { idParams, idSchema, KepingError, parseDate, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { withUploadedTable } from '../http/upload.js';
import { checkConflicts } from './expert-conflicts.service.js';
import { expertTemplate, importExperts } from './expert-import.service.js';
import { listExperts } from './expert.repository.js';
import { createExpert, expertHistory, getExpert, setExpertActive, updateExpert } from './expert.service.js';

const OFFICE = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'auditor'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const optText = (max: number) => z.union([text().max(max), z.null()]).optional();
const expertInput = z.object({
  name: optText(100),
  professionalTitle: optText(100),
  employerUscc: optText(40),
  employerName: optText(200),
  tags: z.array(text().max(100)).max(100).optional(),
  employment: z.array(z.object({
    organisationUscc: optText(40), organisationName: optText(200), from: optText(20), to: optText(20),
  })).max(100).optional(),
  shareholdings: z.array(z.object({ organisationUscc: optText(40), percent: z.union([z.number(), z.null()]).optional() })).max(100).optional(),
  declared: z.array(z.object({ organisationUscc: optText(40), personName: optText(100), reason: optText(500) })).max(100).optional(),
  available: z.boolean().optional(),
  unavailable: z.array(z.object({ from: optText(20), to: optText(20) })).max(100).optional(),
  phone: optText(40),
  email: optText(200),
  userId: z.union([idSchema(), z.null()]).optional(),
});

export function expertRoutes(store: Store, options: { uploadLimitBytes: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/experts', {
      config: { roles: READERS },
      schema: {
        querystring: z.object({
          q: text().max(200).optional(),
          tag: text().max(100).optional(),
          available: z.enum(['true', 'false']).optional(),
          availableOn: text().max(20).optional(),
          status: z.enum(['active', 'inactive', 'all']).default('active'),
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    }, async (request) => {
      const { available, availableOn, ...rest } = request.query;
      let day: string | undefined;
      if (availableOn !== undefined && availableOn.trim() !== '') {
        day = parseDate(availableOn);
        if (!day) throw new KepingError('DATE_FORMAT', { field: 'availableOn', params: { value: availableOn } });
      }
      const result = await listExperts(store.db, {
        ...rest, availableOn: day, available: available === undefined ? undefined : available === 'true',
      });
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    });

    app.get('/api/experts/template.xlsx', { config: { roles: OFFICE } }, async (request, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="experts-template.xlsx"');
      return expertTemplate(request.ctx.locale);
    });

    app.get('/api/experts/:id', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => getExpert(store.db, request.params.id));

    app.get('/api/experts/:id/history', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => ({ entries: await expertHistory(store.db, request.params.id) }));

    app.post('/api/experts', { config: { roles: OFFICE }, schema: { body: expertInput } }, async (request, reply) => {
      reply.status(201);
      return createExpert(store, request.ctx, request.body);
    });

    app.put('/api/experts/:id', { config: { roles: OFFICE }, schema: { params: idParams, body: expertInput } },
      async (request) => updateExpert(store, request.ctx, request.params.id, request.body));

    app.post('/api/experts/:id/deactivate', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => setExpertActive(store, request.ctx, request.params.id, false));

    app.post('/api/experts/:id/activate', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => setExpertActive(store, request.ctx, request.params.id, true));

    app.post('/api/experts/conflicts', {
      config: { roles: READERS },
      schema: {
        body: z.object({
          subjects: z.array(z.object({
            uscc: text().max(40), people: z.array(text().max(100)).max(100).optional(),
          })).min(1).max(5000),
          expertIds: z.array(idSchema()).max(20000).optional(),
          asOf: text().max(20).optional(),
          formerEmployerYears: z.number().int().min(0).max(50).optional(),
        }),
      },
    }, async (request) => checkConflicts(store.db, request.ctx, request.body));

    app.post('/api/experts/import', {
      config: { roles: OFFICE, uploadLimitBytes: options.uploadLimitBytes },
      schema: { querystring: z.object({ dryRun: z.enum(['1', '0', 'true', 'false']).default('true') }) },
    }, async (request) => withUploadedTable(request, options.uploadLimitBytes, (path, fileName) => {
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
      return importExperts(store, request.ctx, path, { dryRun, fileName, maxBytes: options.uploadLimitBytes });
    }));
  };
}
