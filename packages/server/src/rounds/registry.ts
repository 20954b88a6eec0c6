/**
 * Every round kind the server serves, one line each: its routes and its bundle record. Adding a
 * kind: a folder rounds/<kind>/ with a `<kind>.kind.ts`, and one line here.
 */
import { KepingError, type RoundKind } from '@keping/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Store } from '../db/database.js';
import { indexKind } from './index/index.kind.js';
import { panelKind } from './panel/panel.kind.js';
import type { RouteOptions, ServerRoundKind } from './round-kind.js';
import { screeningKind } from './screening/screening.kind.js';
import { scoringKind } from './scoring/scoring.kind.js';

export const SERVER_ROUND_KINDS: { [K in RoundKind]: ServerRoundKind<K> } = {
  screening: screeningKind,
  scoring: scoringKind,
  panel: panelKind,
  index: indexKind,
};

export function serverRoundKind(kind: string): ServerRoundKind {
  if (!Object.hasOwn(SERVER_ROUND_KINDS, kind)) throw new KepingError('ROUND_KIND_UNKNOWN', { params: { kind }, status: 409 });
  return SERVER_ROUND_KINDS[kind as RoundKind] as ServerRoundKind;
}

/** Every kind's routes. */
export function roundRoutes(store: Store, options: RouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    for (const kind of Object.values(SERVER_ROUND_KINDS)) await app.register(kind.routes(store, options));
  };
}
