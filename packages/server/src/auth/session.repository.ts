/** Queries on sessions and on the login throttle counters. */
import { type Kysely, sql } from 'kysely';
import type { Database, LoginAttemptTable, SessionTable } from '../db/schema.js';

export interface AttemptInput {
  scope: LoginAttemptTable['scope'];
  key: string;
  ticket: string;
  now: string;
  /** A window that started before this restarts at 1 (the empty string: never). */
  windowCutoff: string;
  limit: number;
  /** The end of the delay the limit-th counted failure starts, then the next, doubling; the last is the cap. */
  delays: readonly string[];
}

export interface AttemptCount {
  failures: number;
  delayedUntil: string | null;
  /** The ticket of the last counted attempt: equal to ours when ours was counted. */
  ticket: string;
}

/**
 * Counts an attempt in one atomic statement, before the password is checked: while a delay runs the
 * row is left alone (the caller refuses); otherwise failures go up by one (or restart with a new
 * window) and, from the limit on, the same statement starts the next delay. Parallel requests are
 * serialised on the row, so no two of them can both read "not delayed" past the limit.
 */
export async function countAttempt(db: Kysely<Database>, a: AttemptInput): Promise<AttemptCount> {
  const cap = a.delays[a.delays.length - 1] ?? a.now;
  const row = await db.insertInto('login_attempts')
    .values({ scope: a.scope, key: a.key, failures: 1, window_start: a.now, delayed_until: a.limit <= 1 ? (a.delays[0] ?? cap) : null, ticket: a.ticket })
    .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet(() => {
      const delayed = sql<boolean>`login_attempts.delayed_until is not null and login_attempts.delayed_until > ${a.now}`;
      const expired = sql<boolean>`login_attempts.window_start < ${a.windowCutoff}`;
      const next = sql<number>`(case when ${expired} then 1 else login_attempts.failures + 1 end)`;
      // The delay for the next count: none below the limit, then one level per failure up to the cap.
      const levels = a.delays.map((until, i) => sql`when ${next} = ${a.limit + i} then ${until}`);
      const delay = sql<string | null>`case when ${next} < ${a.limit} then null ${sql.join(levels, sql` `)} else ${cap} end`;
      return {
        failures: sql<number>`case when ${delayed} then login_attempts.failures else ${next} end`,
        window_start: sql<string>`case when ${delayed} or not (${expired}) then login_attempts.window_start else ${a.now} end`,
        delayed_until: sql<string | null>`case when ${delayed} then login_attempts.delayed_until else ${delay} end`,
        ticket: sql<string>`case when ${delayed} then login_attempts.ticket else ${a.ticket} end`,
      };
    }))
    .returning(['failures', 'delayed_until', 'ticket'])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), delayedUntil: row.delayed_until, ticket: row.ticket };
}

/** A success ends the account's count and any delay on it. */
export async function clearAttempts(db: Kysely<Database>, scope: LoginAttemptTable['scope'], key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('scope', '=', scope).where('key', '=', key).execute();
}

/** A success takes back its own count on the address (an office behind one address is not throttled for logging in). */
export async function uncountAttempt(db: Kysely<Database>, scope: LoginAttemptTable['scope'], key: string): Promise<void> {
  await db.updateTable('login_attempts')
    .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
    .where('scope', '=', scope).where('key', '=', key).execute();
}

export function findAttempts(db: Kysely<Database>, scope: LoginAttemptTable['scope'], key: string): Promise<LoginAttemptTable | undefined> {
  return db.selectFrom('login_attempts').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

export async function insertSession(db: Kysely<Database>, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Kysely<Database>, tokenHash: string): Promise<SessionTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of a user but the one given (the one changing the password stays in). */
export async function deleteOtherSessionsOf(db: Kysely<Database>, userId: number, keepTokenHash: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}
