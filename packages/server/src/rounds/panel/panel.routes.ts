/** HTTP routes of the panel round: panels and schedules (office), marks (members), sign-off (chair), close (office); honours. */
import { honourInputSchema, idParams, panelInputSchema, panelMarkSchema, panelRecusalSchema, panelScheduleSchema, panelSignOffSchema } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Store } from '../../db/database.js';
import { setHonour } from './honour.service.js';
import { ensure } from '../../policies/ensure.js';
import { canSeePanel } from '../../policies/panel.policy.js';
import { findPanel, panelRound, presentPanel } from './panel-round.js';
import { actorExpertId, membersOf, panelsOfExpert, panelsOfRound } from './panel.repository.js';
import { closePanelRound, createPanel, declareRecusal, markEntry, setSchedule, signOffPanel } from './panel.service.js';

const OFFICE = ['admin', 'staff'] as const;

export function panelRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/rounds/:id/panels', { config: { roles: ['admin', 'staff', 'auditor'] }, schema: { params: idParams } }, async (request) => {
      const round = await panelRound(store.db, request.params.id);
      const rows = await panelsOfRound(store.db, round.id);
      const items = [];
      for (const row of rows) items.push(await presentPanel(store.db, row, round, 'office'));
      return { roundId: round.id, status: round.status, items };
    });

    app.post('/api/rounds/:id/panels', { config: { roles: OFFICE }, schema: { params: idParams, body: panelInputSchema } }, async (request, reply) => {
      const { id } = await createPanel(store, request.ctx, request.params.id, request.body);
      const { panel, round } = await findPanel(store.db, id);
      reply.status(201);
      return presentPanel(store.db, panel, round, 'office');
    });

    app.post('/api/rounds/:id/panels/close', { config: { roles: OFFICE }, schema: { params: idParams } },
      async (request) => closePanelRound(store, request.ctx, request.params.id));

    // Panels the caller sits on, as a member or as the chair.
    app.get('/api/my/panels', { config: { roles: ['expert', 'chair'] } }, async (request) => {
      const expertId = await actorExpertId(store.db, request.ctx);
      if (expertId === undefined) return { items: [] };
      const rows = await panelsOfExpert(store.db, expertId);
      return {
        items: rows.map((r) => ({
          id: r.id, roundId: r.round_id, roundName: { zh: r.name_zh, en: r.name_en }, category: r.category, status: r.status,
          isChair: r.chair_expert_id === expertId,
        })),
      };
    });

    app.get('/api/panels/:id', { config: { roles: ['admin', 'staff', 'auditor', 'expert', 'chair'] }, schema: { params: idParams } }, async (request) => {
      const { panel, round } = await findPanel(store.db, request.params.id);
      const role = request.ctx.actor.role;
      if (role !== 'expert' && role !== 'chair') return presentPanel(store.db, panel, round, 'office');
      const expertId = await actorExpertId(store.db, request.ctx);
      ensure(canSeePanel(request.ctx.actor, expertId, await membersOf(store.db, panel.id)), 'hide');
      return presentPanel(store.db, panel, round, expertId === panel.chair_expert_id ? 'chair' : 'member', expertId);
    });

    app.put('/api/panels/:id/schedule', { config: { roles: OFFICE }, schema: { params: idParams, body: panelScheduleSchema } },
      async (request) => setSchedule(store, request.ctx, request.params.id, request.body));

    app.post('/api/panels/:id/marks', { config: { roles: ['expert', 'chair'] }, schema: { params: idParams, body: panelMarkSchema } },
      async (request) => markEntry(store, request.ctx, request.params.id, request.body));

    app.post('/api/panels/:id/recusals', { config: { roles: ['expert', 'chair'] }, schema: { params: idParams, body: panelRecusalSchema } },
      async (request, reply) => {
        const recusal = await declareRecusal(store, request.ctx, request.params.id, request.body);
        reply.status(201);
        return recusal;
      });

    app.post('/api/panels/:id/sign-off', { config: { roles: ['chair'] }, schema: { params: idParams, body: panelSignOffSchema } },
      async (request) => signOffPanel(store, request.ctx, request.params.id, request.body));

    app.put('/api/applications/:id/honour', { config: { roles: OFFICE }, schema: { params: idParams, body: honourInputSchema } },
      async (request) => setHonour(store, request.ctx, request.params.id, request.body));
  };
}
