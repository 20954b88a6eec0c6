/** Who may see and change an organisation's record. */
import type { Actor } from '../context.js';

/** An applicant reaches only its own organisation; office roles reach all. */
export const canReachOrganisation = (actor: Actor, uscc: string): boolean =>
  actor.role !== 'applicant' || actor.organisationUscc === uscc.toUpperCase();
