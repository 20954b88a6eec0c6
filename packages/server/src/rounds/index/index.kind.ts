/** The index round in the server: its routes (the TOP100 pages' API) and its bundle record (config, and each entry's values, exclusion, score and rank). */
import type { ServerRoundKind } from '../round-kind.js';
import { indexRoutes } from './index.routes.js';
import { markStale } from './pool.service.js';

export const indexKind: ServerRoundKind<'index'> = {
  kind: 'index',
  routes: (store, options) => indexRoutes(store, options),
  async configChanged(db, r) {
    const cycle = await db.selectFrom('index_cycles').select('id').where('round_id', '=', r.id).executeTakeFirst();
    if (cycle) await markStale(db, cycle.id);
  },
  async bundleRound(db, r) {
    const rows = await db.selectFrom('index_candidates').innerJoin('index_cycles', 'index_cycles.id', 'index_candidates.cycle_id')
      .select(['index_candidates.application_id', 'index_candidates.data', 'index_candidates.excluded', 'index_candidates.exclusion_reason',
        'index_candidates.score', 'index_candidates.rank'])
      .where('index_cycles.round_id', '=', r.id).where('index_candidates.application_id', 'is not', null)
      .orderBy('index_candidates.application_id').execute();
    return {
      kind: 'index', roundId: r.id, key: r.key, status: r.status, config: JSON.parse(r.config) as unknown,
      entries: rows.map((e) => ({
        applicationId: e.application_id as number, values: e.data === null ? null : (JSON.parse(e.data) as Record<string, number | null>),
        excluded: e.excluded === 1, exclusionReason: e.exclusion_reason, score: e.score === null ? null : Number(e.score), rank: e.rank,
      })),
    };
  },
};
