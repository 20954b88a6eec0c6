/** The scoring round in the server: its routes and its bundle record (assignments, sheets, conflicts excluded, the decision). */
import type { ProgramCategory } from '@keping/core';
import { roundQuotas } from '../quota.js';
import type { ServerRoundKind } from '../round-kind.js';
import { assignmentsOf, roundState, sheetsOf } from './scoring.repository.js';
import { scoringRoutes } from './scoring.routes.js';

export const scoringKind: ServerRoundKind<'scoring'> = {
  kind: 'scoring',
  routes: (store, options) => scoringRoutes(store, { files: options.files }),
  async bundleRound(db, r, program) {
    const config = JSON.parse(r.config) as { quotas?: Record<string, number> };
    const assignments = (await assignmentsOf(db, r.id)).sort((a, b) => a.id - b.id);
    const sheets = (await sheetsOf(db, r.id)).sort((a, b) => a.assignment_id - b.assignment_id);
    const state = await roundState(db, r.id);
    const run = state?.assignment ? (JSON.parse(state.assignment) as { conflicts: { applicationId: number; expertId: number }[] }) : null;
    const decision = state?.decision ? (JSON.parse(state.decision) as { selected: number[]; proposed: number[]; overrideReason: string | null }) : null;
    return {
      kind: 'scoring', roundId: r.id, key: r.key, status: r.status, config: JSON.parse(r.config) as unknown,
      quotas: roundQuotas(JSON.parse(program.categories) as ProgramCategory[], r.key, config.quotas),
      assignments: assignments.map((a) => ({ id: a.id, applicationId: a.application_id, expertId: a.expert_id, status: a.status })),
      sheets: sheets.map((x) => ({ assignmentId: x.assignment_id, status: x.status, scores: JSON.parse(x.scores) as Record<string, number> })),
      excluded: (run?.conflicts ?? []).map((c) => ({ applicationId: c.applicationId, expertId: c.expertId })),
      decision: decision ? { selected: decision.selected, proposed: decision.proposed, overrideReason: decision.overrideReason } : null,
    };
  },
};
