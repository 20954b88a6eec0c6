/** Queries on sessions and login attempts. */
import type { Kysely } from 'kysely';
import type { Database, SessionTable } from '../db/schema.js';

export async function failedAttemptsSince(db: Kysely<Database>, ip: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordAttempt(db: Kysely<Database>, attempt: { ip: string; username: string; success: boolean; at: string }): Promise<void> {
  await db.insertInto('login_attempts').values({ ip: attempt.ip, username: attempt.username, success: attempt.success ? 1 : 0, at: attempt.at }).execute();
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
