/** The screening round in the server: its routes and its bundle record (each application's verdict and decision). */
import type { ServerRoundKind } from '../round-kind.js';
import { resultsOfRound } from './screening.repository.js';
import { screeningRoutes } from './screening.routes.js';

export const screeningKind: ServerRoundKind<'screening'> = {
  kind: 'screening',
  routes: (store) => screeningRoutes(store),
  async bundleRound(db, r) {
    const results = await resultsOfRound(db, r.id);
    return {
      kind: 'screening', roundId: r.id, key: r.key, status: r.status,
      results: results.map((x) => ({ applicationId: x.application_id, verdict: x.verdict, outcome: x.outcome, reasonCode: x.reason_code, note: x.note, decidedAt: x.decided_at })),
    };
  },
};
