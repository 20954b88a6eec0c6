/**
 * Log in and out, server-side sessions in the database; throttling is in login-throttle.ts.
 * The cookie holds a random token; the database holds only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import { KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { Actor, RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findUserById, findUserByUsername, toUser, type User, type UserRow } from '../users/user.repository.js';
import { attemptFailed, attemptSucceeded, enterAttempt } from './login-throttle.js';
import { verifyPassword } from './password.js';
import { deleteSession, findSession, insertSession } from './session.repository.js';

export const SESSION_HOURS = 12;

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

export async function login(store: Store, ctx: RequestContext, username: string, password: string): Promise<LoginResult> {
  // Counted before the password is looked at: an attempt past the limit never reaches verifyPassword.
  const gate = await enterAttempt(store, ctx, username);
  const row = await findUserByUsername(store.db, username.trim());
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) {
    await attemptFailed(store, ctx, gate, row?.id);
    throw new KepingError('LOGIN_FAILED', { status: 401 });
  }
  // Only someone holding the password learns the account is disabled; the attempt stays counted.
  if (row.disabled === 1) throw new KepingError('ACCOUNT_DISABLED', { status: 403 });

  const result = await startSession(store, ctx, row, 'password');
  await attemptSucceeded(store, gate);
  return result;
}

/** A new session for an account that has proved who it is (a password, or single sign-on). */
export async function startSession(store: Store, ctx: RequestContext, row: UserRow, method: 'password' | 'sso'): Promise<LoginResult> {
  const now = ctx.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const user = toUser(row);
  await mutate(store, { ...ctx, actor: actorOf(user) }, async ({ trx, audit }) => {
    await insertSession(trx, {
      token_hash: tokenHash(token), user_id: row.id, csrf_token: csrfToken, ip: ctx.ip,
      created_at: now.toISOString(), expires_at: expiresAt.toISOString(),
    });
    await audit({ action: 'user.login', subjectType: 'user', subjectId: String(row.id), after: method === 'sso' ? { method } : undefined });
  });
  return { user, token, csrfToken, expiresAt };
}

export function actorOf(user: User): Actor {
  return { id: user.id, name: user.username, role: user.role, organisationUscc: user.organisationUscc };
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
