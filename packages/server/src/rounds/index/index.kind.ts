/** The index round in the server: its routes (the TOP100 pages' API) and its bundle record. */
import type { ServerRoundKind } from '../round-kind.js';
import { indexRoutes } from './index.routes.js';

export const indexKind: ServerRoundKind<'index'> = {
  kind: 'index',
  routes: (store, options) => indexRoutes(store, options),
  async bundleRound(_db, r) {
    return { kind: 'index', roundId: r.id, key: r.key, status: r.status, config: JSON.parse(r.config) as unknown };
  },
};
