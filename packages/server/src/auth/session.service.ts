/**
 * Log in and out, server-side sessions in the database, login throttling and temporary lockout.
 * The cookie holds a random token; the database holds only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { KepingError, type Role } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { Actor, RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findUserById, findUserByUsername, toUser, updateUser, type User } from '../users/user.repository.js';
import { verifyPassword } from './password.js';
import { deleteSession, failedAttemptsSince, findSession, insertSession, recordAttempt } from './session.repository.js';

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
  if ((await failedAttemptsSince(store.db, ip, minutesBefore(now, IP_WINDOW_MINUTES))) >= IP_FAILURE_LIMIT) {
    throw new KepingError('TOO_MANY_ATTEMPTS', { params: { minutes: IP_WINDOW_MINUTES }, status: 429 });
  }

  const row = await findUserByUsername(store.db, username.trim());
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  const record = (success: boolean) => recordAttempt(store.db, { ip, username: username.slice(0, 100), success, at: now.toISOString() });

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
    const after = {
      failedLogins: locked ? 0 : failures,
      lockedUntil: locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : row.locked_until,
    };
    await mutate(store, ctx, async ({ trx, audit }) => {
      await updateUser(trx, row.id, { failed_logins: after.failedLogins, locked_until: after.lockedUntil });
      await audit({
        action: locked ? 'auth.locked' : 'auth.login_failed', subjectType: 'user', subjectId: String(row.id),
        before: { failedLogins: row.failed_logins, lockedUntil: row.locked_until }, after,
      });
    });
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
  await mutate(store, { ...ctx, actor: actorOf(user) }, async ({ trx, audit }) => {
    await updateUser(trx, row.id, { failed_logins: 0, locked_until: null });
    await insertSession(trx, {
      token_hash: tokenHash(token), user_id: row.id, csrf_token: csrfToken, ip: ctx.ip,
      created_at: now.toISOString(), expires_at: expiresAt.toISOString(),
    });
    await recordAttempt(trx, { ip, username: row.username, success: true, at: now.toISOString() });
    await audit({ action: 'user.login', subjectType: 'user', subjectId: String(row.id) });
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
  const s = await findSession(store.db, hash);
  if (!s || s.expires_at <= now.toISOString()) return undefined;
  const row = await findUserById(store.db, s.user_id);
  if (!row || row.disabled === 1) return undefined;
  return { user: toUser(row), csrfToken: s.csrf_token, tokenHash: hash };
}

export async function logout(store: Store, ctx: RequestContext, session: Session): Promise<void> {
  await mutate(store, ctx, async ({ trx, audit }) => {
    await deleteSession(trx, session.tokenHash);
    await audit({ action: 'user.logout', subjectType: 'user', subjectId: String(session.user.id) });
  });
}
