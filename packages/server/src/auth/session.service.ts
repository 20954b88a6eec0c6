/**
 * Log in and out, server-side sessions in the database, login throttling and temporary lockout.
 * The cookie holds a random token; the database holds only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { KepingError, type Role } from '@keping/core';
import { appendAudit } from '../audit/audit.repository.js';
import type { Actor, RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findUserById, findUserByUsername, toUser, type User } from '../users/user.repository.js';
import { verifyPassword } from './password.js';

export const SESSION_HOURS = 12;
/** Consecutive failures on one account before it is locked, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
/** Failures from one address within the window before it is throttled. */
export const IP_FAILURE_LIMIT = 30;
export const IP_WINDOW_MINUTES = 15;

// A real hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  user: User;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

function minutesBefore(at: Date, minutes: number): string {
  return new Date(at.getTime() - minutes * 60_000).toISOString();
}

export async function login(store: Store, ctx: RequestContext, username: string, password: string): Promise<LoginResult> {
  const now = ctx.now();
  const ip = ctx.ip ?? 'unknown';
  const recentFailures = await store.db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>', minutesBefore(now, IP_WINDOW_MINUTES))
    .executeTakeFirstOrThrow();
  if (Number(recentFailures.n) >= IP_FAILURE_LIMIT) {
    throw new KepingError('TOO_MANY_ATTEMPTS', { params: { minutes: IP_WINDOW_MINUTES }, status: 429 });
  }

  const row = await findUserByUsername(store.db, username.trim());
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  const record = (success: boolean) =>
    store.db.insertInto('login_attempts').values({ ip, username: username.slice(0, 100), success: success ? 1 : 0, at: now.toISOString() }).execute();

  if (!row) {
    await record(false);
    throw new KepingError('LOGIN_FAILED', { status: 401 });
  }
  if (row.locked_until && row.locked_until > now.toISOString()) {
    await record(false);
    throw new KepingError('ACCOUNT_LOCKED', { params: { until: row.locked_until.slice(0, 16).replace('T', ' ') + ' UTC' }, status: 423 });
  }
  if (!ok) {
    await record(false);
    const failures = row.failed_logins + 1;
    const locked = failures >= LOCKOUT_THRESHOLD;
    await store.db
      .updateTable('users')
      .set({
        failed_logins: locked ? 0 : failures,
        locked_until: locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : row.locked_until,
      })
      .where('id', '=', row.id)
      .execute();
    throw new KepingError('LOGIN_FAILED', { status: 401 });
  }
  if (row.disabled === 1) {
    await record(false);
    throw new KepingError('ACCOUNT_DISABLED', { status: 403 });
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const user = toUser(row);
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', row.id).execute();
    await trx.insertInto('sessions').values({
      token_hash: tokenHash(token), user_id: row.id, csrf_token: csrfToken, ip: ctx.ip,
      created_at: now.toISOString(), expires_at: expiresAt.toISOString(),
    }).execute();
    await trx.insertInto('login_attempts').values({ ip, username: row.username, success: 1, at: now.toISOString() }).execute();
    const actorCtx = { ...ctx, actor: actorOf(user) };
    await appendAudit(trx, store.dialect, actorCtx, { action: 'user.login', subjectType: 'user', subjectId: String(row.id) });
  });
  return { user, token, csrfToken, expiresAt };
}

export function actorOf(user: User): Actor {
  return { id: user.id, name: user.username, role: user.role as Role, organisationUscc: user.organisationUscc };
}

export interface Session {
  user: User;
  csrfToken: string;
  tokenHash: string;
}

/** The live session for a cookie token, or undefined (unknown, expired, or the account disabled). */
export async function sessionFromToken(store: Store, token: string, now: Date): Promise<Session | undefined> {
  const hash = tokenHash(token);
  const s = await store.db.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!s || s.expires_at <= now.toISOString()) return undefined;
  const row = await findUserById(store.db, s.user_id);
  if (!row || row.disabled === 1) return undefined;
  return { user: toUser(row), csrfToken: s.csrf_token, tokenHash: hash };
}

export async function logout(store: Store, ctx: RequestContext, session: Session): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('token_hash', '=', session.tokenHash).execute();
    await appendAudit(trx, store.dialect, ctx, { action: 'user.logout', subjectType: 'user', subjectId: String(session.user.id) });
  });
}
