/** The scoring round in the server: its routes and its bundle record (assignments, sheets, conflicts excluded, the decision). */
import { categoryQuotas, type ServerRoundKind } from '../round-kind.js';
import { scoringRoutes } from './scoring.routes.js';

export const scoringKind: ServerRoundKind<'scoring'> = {
  kind: 'scoring',
  routes: (store) => scoringRoutes(store),
  async bundleRound(db, r, program) {
    const config = JSON.parse(r.config) as { quotas?: Record<string, number> };
    const assignments = await db.selectFrom('scoring_assignments').select(['id', 'application_id', 'expert_id', 'status'])
      .where('round_id', '=', r.id).orderBy('id').execute();
    const sheets = await db.selectFrom('scoring_scores').select(['assignment_id', 'status', 'scores']).where('round_id', '=', r.id).orderBy('assignment_id').execute();
    const state = await db.selectFrom('scoring_rounds').selectAll().where('round_id', '=', r.id).executeTakeFirst();
    const run = state?.assignment ? (JSON.parse(state.assignment) as { conflicts: { applicationId: number; expertId: number }[] }) : null;
    const decision = state?.decision ? (JSON.parse(state.decision) as { selected: number[]; proposed: number[]; overrideReason: string | null }) : null;
    return {
      kind: 'scoring', roundId: r.id, key: r.key, status: r.status, config: JSON.parse(r.config) as unknown,
      quotas: config.quotas ?? categoryQuotas(program, r),
      assignments: assignments.map((a) => ({ id: a.id, applicationId: a.application_id, expertId: a.expert_id, status: a.status })),
      sheets: sheets.map((x) => ({ assignmentId: x.assignment_id, status: x.status, scores: JSON.parse(x.scores) as Record<string, number> })),
      excluded: (run?.conflicts ?? []).map((c) => ({ applicationId: c.applicationId, expertId: c.expertId })),
      decision: decision ? { selected: decision.selected, proposed: decision.proposed, overrideReason: decision.overrideReason } : null,
    };
  },
};
