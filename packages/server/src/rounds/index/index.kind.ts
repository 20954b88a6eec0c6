/** The index round in the server: its routes (the TOP100 pages' API) and its bundle record (config, and each entry's values, exclusion, score and rank). */
import type { ServerRoundKind } from '../round-kind.js';
import { cycleIdOfRound, markStale, roundCandidates } from './cycle.repository.js';
import { indexRoutes } from './index.routes.js';

export const indexKind: ServerRoundKind<'index'> = {
  kind: 'index',
  routes: (store, options) => indexRoutes(store, options),
  async configChanged(db, r) {
    const cycleId = await cycleIdOfRound(db, r.id);
    if (cycleId !== undefined) await markStale(db, cycleId);
  },
  async bundleRound(db, r) {
    const rows = await roundCandidates(db, r.id);
    return {
      kind: 'index', roundId: r.id, key: r.key, status: r.status, config: JSON.parse(r.config) as unknown,
      entries: rows.map((e) => ({
        applicationId: e.application_id as number, values: e.data === null ? null : (JSON.parse(e.data) as Record<string, number | null>),
        excluded: e.excluded === 1, exclusionReason: e.exclusion_reason, score: e.score === null ? null : Number(e.score), rank: e.rank,
      })),
    };
  },
};
