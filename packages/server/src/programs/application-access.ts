/** Which applications a caller reaches: the policy applied to the stored row, and the applicant's own organisation. */
import { KepingError } from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { canSeeApplication } from '../policies/application.policy.js';
import { ensure } from '../policies/ensure.js';
import { type ApplicationRow, findApplicationRow } from './application.repository.js';

/** The applicant's own organisation; an applicant account without one cannot apply. */
export function ownOrganisation(ctx: RequestContext): string {
  const uscc = ctx.actor.organisationUscc;
  if (!uscc) throw new KepingError('APPLICANT_NEEDS_ORGANISATION', { status: 403 });
  return uscc;
}

/** The row if this actor may see it: "not found" otherwise, as for a row that does not exist. */
export async function visibleApplicationRow(db: Kysely<Database>, ctx: RequestContext, id: number): Promise<ApplicationRow> {
  const row = await findApplicationRow(db, id);
  ensure(row !== undefined && canSeeApplication(ctx.actor, row), 'hide');
  return row as ApplicationRow;
}
