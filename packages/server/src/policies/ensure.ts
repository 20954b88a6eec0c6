/**
 * Object-level permissions (who may touch which row) are declared one line each in `*.policy.ts`
 * beside this file, as pure predicates over the actor and the object; routes and services call
 * `ensure(canX(actor, thing))`. Role checks per route stay in each route's `roles` config.
 */
import { KepingError } from '@keping/core';

/**
 * Throws unless allowed. `hide` answers 404 instead of 403, for objects whose very existence an
 * outsider must not learn (another organisation's application, another expert's assignment).
 */
export function ensure(allowed: boolean, denial: 'forbid' | 'hide' = 'forbid'): void {
  if (allowed) return;
  throw denial === 'hide' ? new KepingError('NOT_FOUND', { status: 404 }) : new KepingError('FORBIDDEN', { status: 403 });
}
