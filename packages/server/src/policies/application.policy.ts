/** Who may see and change an application (申报). */
import type { Actor } from '../context.js';

/**
 * An applicant sees only its own organisation's applications, and not pool entries (an index round's
 * entries are the office's, not the organisation's); office roles see all. Refused ones are "not found".
 */
export const canSeeApplication = (actor: Actor, application: { uscc: string; origin: string }): boolean =>
  actor.role !== 'applicant' || (application.uscc === actor.organisationUscc && application.origin === 'applied');
