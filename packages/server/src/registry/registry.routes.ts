/** HTTP routes of the registry: organisations, import and export, taxonomy, industry mapping. */
import { PassThrough } from 'node:stream';
import { DISTRICTS, DIVISIONS, INDUSTRY_GROUPS, KEY_INDUSTRIES, LEADING_INDUSTRIES, LISTING_STATUSES, ORGANISATION_KINDS, TALENT_FIELDS, text } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { designationFilterSchema, holdingFilter } from '../designations/designation-filter.js';
import { ensure } from '../policies/ensure.js';
import { canReachOrganisation } from '../policies/organisation.policy.js';
import { withUploadedTable } from '../http/upload.js';
import { exportOrganisations, importTemplate } from './export.service.js';
import { importOrganisations } from './import.service.js';
import { loadMapping, saveMapping } from './mapping.service.js';
import { listOrganisations, SORTABLE } from './organisation.repository.js';
import {
  createOrganisation, getOrganisation, organisationHistory, updateOrganisation,
} from './organisation.service.js';

const OFFICE = ['admin', 'staff'] as const;
// Experts and panel chairs do not read the registry: in a blind round it would tell them who applied.
const READERS = ['admin', 'staff', 'auditor'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const filterSchema = z.object({
  q: text().max(200).optional(),
  district: text().max(6).optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  listing: z.enum(LISTING_STATUSES).optional(),
  group: z.enum([...INDUSTRY_GROUPS, 'leading', 'key']).optional(),
  talentField: z.enum(TALENT_FIELDS).optional(),
}).extend(designationFilterSchema.shape);

const optText = z.union([text().max(500), z.null()]).optional();
const organisationInput = z.object({
  uscc: text().max(40).optional(),
  name: text().max(500).optional(),
  kind: optText, district: optText, industryCode: optText, established: optText, listing: optText,
  groupsOverride: z.array(text().max(40)).max(20).nullish(),
  talentFieldsOverride: z.array(text().max(40)).max(20).nullish(),
  contacts: z.array(z.object({
    name: text().max(100).optional(), role: text().max(100).optional(),
    phone: text().max(40).optional(), email: text().max(200).optional(),
  })).max(20).optional(),
});
const usccParams = z.object({ uscc: text().max(40) });

export function registryRoutes(store: Store, options: { uploadLimitBytes: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/taxonomy', { config: { roles: 'public' } }, async () => ({
      districts: DISTRICTS, kinds: ORGANISATION_KINDS, listings: LISTING_STATUSES, leadingIndustries: LEADING_INDUSTRIES,
      keyIndustries: KEY_INDUSTRIES, talentFields: TALENT_FIELDS, divisions: DIVISIONS,
    }));

    app.get('/api/organisations', {
      config: { roles: READERS },
      schema: {
        querystring: filterSchema.extend({
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          sort: z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]).default('name'),
          order: z.enum(['asc', 'desc']).default('asc'),
        }),
      },
    }, async (request) => {
      const result = await listOrganisations(store.db, { ...request.query, holding: holdingFilter(request.query, request.ctx) });
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    });

    app.get('/api/organisations/template.xlsx', { config: { roles: OFFICE } }, async (request, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="organisations-template.xlsx"');
      return importTemplate(request.ctx.locale);
    });

    app.get('/api/organisations/export.xlsx', { config: { roles: ['admin', 'staff', 'auditor'] }, schema: { querystring: filterSchema } },
      async (request, reply) => {
        const body = new PassThrough();
        reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="organisations.xlsx"');
        exportOrganisations(store.db, { ...request.query, holding: holdingFilter(request.query, request.ctx) }, request.ctx.locale, body).catch((error: unknown) => body.destroy(error as Error));
        return reply.send(body);
      });

    app.get('/api/organisations/:uscc', {
      config: { roles: [...READERS, 'applicant'] }, schema: { params: usccParams },
    }, async (request) => {
      ensure(canReachOrganisation(request.ctx.actor, request.params.uscc));
      return getOrganisation(store.db, request.params.uscc);
    });

    app.get('/api/organisations/:uscc/history', {
      config: { roles: ['admin', 'staff', 'auditor', 'applicant'] }, schema: { params: usccParams },
    }, async (request) => {
      ensure(canReachOrganisation(request.ctx.actor, request.params.uscc));
      return { entries: await organisationHistory(store.db, request.params.uscc) };
    });

    app.post('/api/organisations', { config: { roles: OFFICE }, schema: { body: organisationInput } }, async (request, reply) => {
      reply.status(201);
      return createOrganisation(store, request.ctx, request.body);
    });

    app.put('/api/organisations/:uscc', {
      config: { roles: [...OFFICE, 'applicant'] }, schema: { params: usccParams, body: organisationInput },
    }, async (request) => {
      ensure(canReachOrganisation(request.ctx.actor, request.params.uscc));
      return updateOrganisation(store, request.ctx, request.params.uscc.toUpperCase(), request.body);
    });

    app.post('/api/organisations/import', {
      config: { roles: OFFICE, uploadLimitBytes: options.uploadLimitBytes },
      schema: { querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }) },
    }, async (request) => withUploadedTable(request, options.uploadLimitBytes, (path, fileName) =>
      importOrganisations(store, request.ctx, path, { dryRun: request.query.dryRun !== 'false', fileName, maxBytes: options.uploadLimitBytes })));

    app.get('/api/industry-mapping', { config: { roles: ['admin', 'staff', 'auditor'] } }, async () => ({ rules: await loadMapping(store.db) }));

    app.put('/api/industry-mapping', {
      config: { roles: ['admin'] },
      schema: {
        body: z.object({
          rules: z.array(z.object({
            prefix: text().max(4), groups: z.array(z.enum(INDUSTRY_GROUPS)), talentFields: z.array(z.enum(TALENT_FIELDS)),
            note: text().max(200).optional(),
          })).max(2000),
        }),
      },
    }, async (request) => ({ rules: await saveMapping(store, request.ctx, request.body.rules) }));
  };
}
