/**
 * Object-level permissions (who may touch which row) are declared one line each in `*.policy.ts`
 * beside this file, as pure predicates over the actor and the object; routes and services call
 * `ensure(canX(actor, thing))`. Role checks per route stay in each route's `roles` config.
 */
import { KepingError } from '@keping/core';

/**
 * Throws unless allowed. `hide` answers 404 instead of 403, for objects whose very existence an
 * outsider must not learn (another organisation's application, another expert's assignment).
 * `code` names the refusal where the page explains it (SCORING_NOT_ASSIGNED, PANEL_NOT_CHAIR).
 */
export function ensure(allowed: boolean, denial: 'forbid' | 'hide' = 'forbid', code?: string): asserts allowed {
  if (allowed) return;
  throw denial === 'hide' ? new KepingError(code ?? 'NOT_FOUND', { status: 404 }) : new KepingError(code ?? 'FORBIDDEN', { status: 403 });
}
