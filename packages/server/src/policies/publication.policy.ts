/** Who may see a publication (公示) and object to it: the public, from the period's first day on. */
import type { Actor } from '../context.js';

interface PublicationState {
  status: string;
  starts_at: string | null;
  ends_at: string | null;
}

/** Within the announcement period at `now`: the only time objections are taken. */
export const takesObjections = (p: PublicationState, now: Date): boolean =>
  p.status === 'published' && p.starts_at !== null && p.ends_at !== null && p.starts_at <= now.toISOString() && now.toISOString() < p.ends_at;

/** Anyone, signed in or not, reads a published or final list from the first day of its period on; a draft or a list not yet started does not exist for them. */
export const canReadPublicly = (_actor: Actor, p: PublicationState, now: Date): boolean =>
  (p.status === 'published' || p.status === 'final') && p.starts_at !== null && p.starts_at <= now.toISOString();

