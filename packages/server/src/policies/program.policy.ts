/** Who may read a program's call (申报通知). */
import type { Actor } from '../context.js';

/** An applicant reads only published calls (a draft or archived one is "not found"); the office reads all. */
export const canReadCall = (actor: Actor, program: { status: string }): boolean =>
  actor.role !== 'applicant' || program.status === 'published';
