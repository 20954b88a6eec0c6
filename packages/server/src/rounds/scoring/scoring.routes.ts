/**
 * HTTP routes of the scoring round for the office: config, assignment (run and hand changes),
 * progress and reminders, results, the selection decision and closing. The expert portal and
 * notifications are registered from here too, so the app adds the feature in one line.
 */
import { assignmentAddSchema, assignmentRemoveSchema, assignmentReplaceSchema, idParams, idSchema, scoringConfigSchema, selectionDecisionSchema } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../db/database.js';
import type { FileStore } from '../../storage/file-store.js';
import { addAssignment, removeAssignment, replaceAssignment } from './change-assignment.js';
import { closeScoringRound, decideSelection } from './decide-selection.js';
import { expertPortalRoutes } from './expert-portal.routes.js';
import { remindExperts, roundProgress } from './progress.js';
import { computeResults } from './results.js';
import { scoringOverview, setScoringConfig } from './round-overview.js';
import { runAssignment } from './run-assignment.js';
import { loadScoringRound } from './scoring-round.js';

const OFFICE = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'auditor'] as const;

export function scoringRoutes(store: Store, options: { files: FileStore }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/rounds/:id/scoring', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => scoringOverview(store, request.params.id, request.ctx.locale));

    app.put('/api/rounds/:id/scoring/config', { config: { roles: OFFICE }, schema: { params: idParams, body: scoringConfigSchema } },
      async (request) => setScoringConfig(store, request.ctx, request.params.id, request.body));

    app.post('/api/rounds/:id/scoring/assign', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => runAssignment(store, request.ctx, request.params.id));

    app.post('/api/rounds/:id/scoring/assignments', { config: { roles: OFFICE }, schema: { params: idParams, body: assignmentAddSchema } },
      async (request, reply) => {
        reply.status(201);
        return addAssignment(store, request.ctx, request.params.id, request.body);
      });

    app.post('/api/scoring-assignments/:id/remove', { config: { roles: OFFICE }, schema: { params: idParams, body: assignmentRemoveSchema } },
      async (request) => removeAssignment(store, request.ctx, request.params.id, request.body));

    app.post('/api/scoring-assignments/:id/replace', { config: { roles: OFFICE }, schema: { params: idParams, body: assignmentReplaceSchema } },
      async (request) => replaceAssignment(store, request.ctx, request.params.id, request.body));

    app.get('/api/rounds/:id/scoring/progress', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => roundProgress(store.db, request.params.id));

    app.post('/api/rounds/:id/scoring/reminders', {
      config: { roles: OFFICE },
      schema: { params: idParams, body: z.object({ expertIds: z.array(idSchema()).max(10_000).optional() }).optional() },
    }, async (request) => remindExperts(store, request.ctx, request.params.id, request.body?.expertIds));

    app.get('/api/rounds/:id/scoring/results', { config: { roles: READERS }, schema: { params: idParams } },
      async (request) => computeResults(store.db, await loadScoringRound(store.db, request.params.id), request.ctx.locale));

    app.post('/api/rounds/:id/scoring/decision', { config: { roles: OFFICE }, schema: { params: idParams, body: selectionDecisionSchema } },
      async (request) => decideSelection(store, request.ctx, request.params.id, request.body));

    app.post('/api/rounds/:id/scoring/close', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => closeScoringRound(store, request.ctx, request.params.id));

    await app.register(expertPortalRoutes(store, options));
  };
}
