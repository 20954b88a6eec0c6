/** Accounts (账号) and roles: creation, disabling, language. Every change writes its audit entry. */
import { type FieldError, KepingError, isLocale, type Locale, ROLES, type Role } from '@keping/core';
import { forgetAccountAttempts } from '../auth/login-throttle.js';
import { hashPassword, passwordProblems, temporaryPassword } from '../auth/password.js';
import { deleteSessionsOf } from '../auth/session.repository.js';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findOrganisation } from '../registry/organisation.repository.js';
import { findUserById, insertUser, setPasswordHash, setUserRole, toUser, updateUser, type User, usernameTaken } from './user.repository.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  password: string;
  organisationUscc?: string | null | undefined;
  locale?: string | undefined;
  /** Matched against the e-mail claim of single sign-on. */
  email?: string | null | undefined;
}

const USERNAME = /^[A-Za-z0-9._-]{3,40}$/;

export async function createUser(store: Store, ctx: RequestContext, input: NewUser): Promise<User> {
  const errors: FieldError[] = [];
  const username = input.username.trim();
  if (!USERNAME.test(username)) errors.push({ code: 'USERNAME_FORMAT', field: 'username' });
  const displayName = input.displayName.trim();
  if (!displayName) errors.push({ code: 'REQUIRED', field: 'displayName' });
  if (!(ROLES as readonly string[]).includes(input.role)) {
    errors.push({ code: 'ROLE_UNKNOWN', field: 'role', params: { value: input.role } });
  }
  errors.push(...passwordProblems(input.password, username));
  const organisationUscc = input.organisationUscc?.trim().toUpperCase() || null;
  if (input.role === 'applicant' && !organisationUscc) {
    errors.push({ code: 'APPLICANT_NEEDS_ORGANISATION', field: 'organisationUscc' });
  }
  const email = input.email?.trim().toLowerCase() || null;
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.push({ code: 'EMAIL_FORMAT', field: 'email', params: { value: email } });
  if (errors.length > 0) throw KepingError.fromFieldErrors(errors);
  const role = input.role as Role;
  const passwordHash = await hashPassword(input.password);
  const locale: Locale = isLocale(input.locale) ? input.locale : 'zh-CN';

  return mutate(store, ctx, async ({ trx, audit }) => {
    if (await usernameTaken(trx, username)) {
      throw new KepingError('USERNAME_TAKEN', { field: 'username', params: { username }, status: 409 });
    }
    if (organisationUscc && !(await findOrganisation(trx, organisationUscc))) {
      throw new KepingError('ORGANISATION_UNKNOWN', { field: 'organisationUscc', params: { uscc: organisationUscc } });
    }
    const user = toUser(await insertUser(trx, {
      username, display_name: displayName, role, organisation_uscc: organisationUscc,
      password_hash: passwordHash, locale, disabled: 0, email, failed_logins: 0, locked_until: null,
      created_at: ctx.now().toISOString(),
    }));
    await audit({ action: 'user.create', subjectType: 'user', subjectId: String(user.id), after: user });
    return user;
  });
}

export async function setUserDisabled(store: Store, ctx: RequestContext, id: number, disabled: boolean): Promise<User> {
  if (disabled && ctx.actor.id === id) throw new KepingError('CANNOT_DISABLE_SELF', { status: 409 });
  return mutate(store, ctx, async ({ trx, audit }) => {
    const before = await findUserById(trx, id);
    if (!before) throw new KepingError('NOT_FOUND', { status: 404 });
    const row = await updateUser(trx, id, { disabled: disabled ? 1 : 0 });
    // A disabled account's sessions end now, not when they expire.
    if (disabled) await deleteSessionsOf(trx, id);
    await audit({
      action: disabled ? 'user.disable' : 'user.enable', subjectType: 'user', subjectId: String(id),
      before: { disabled: before.disabled === 1 }, after: { disabled },
    });
    return toUser(row);
  });
}

export async function setUserLocale(store: Store, ctx: RequestContext, id: number, locale: string): Promise<User> {
  if (!isLocale(locale)) throw new KepingError('VALUE_UNKNOWN', { field: 'locale', params: { value: locale } });
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await updateUser(trx, id, { locale });
    await audit({ action: 'user.locale', subjectType: 'user', subjectId: String(id), after: { locale } });
    return toUser(row);
  });
}

/**
 * An administrator's reset (重置密码): the server draws a temporary password, returned once and never
 * stored or audited in clear; the user's sessions end and the next login may only change it.
 */
export async function resetPassword(store: Store, ctx: RequestContext, id: number): Promise<{ user: User; temporaryPassword: string }> {
  const before = await findUserById(store.db, id);
  if (!before) throw new KepingError('NOT_FOUND', { status: 404 });
  const temporary = temporaryPassword(before.username);
  const passwordHash = await hashPassword(temporary);
  const user = await mutate(store, ctx, async ({ trx, audit }) => {
    const row = await setPasswordHash(trx, id, passwordHash, true);
    await deleteSessionsOf(trx, id);
    await audit({
      action: 'user.password_reset', subjectType: 'user', subjectId: String(id),
      before: { mustChangePassword: before.must_change_password === 1 }, after: { mustChangePassword: true, sessionsEnded: true },
    });
    return toUser(row);
  });
  await forgetAccountAttempts(store, user.username);
  return { user, temporaryPassword: temporary };
}

/** An administrator grants a role (an applicant's with its organisation); the change applies to live sessions at once. */
export async function grantRole(
  store: Store, ctx: RequestContext, id: number, role: Role, organisationUscc?: string | null | undefined,
): Promise<User> {
  if (ctx.actor.id === id) throw new KepingError('CANNOT_CHANGE_OWN_ROLE', { status: 409 });
  return mutate(store, ctx, async ({ trx, audit }) => {
    const before = await findUserById(trx, id);
    if (!before) throw new KepingError('NOT_FOUND', { status: 404 });
    const uscc = role === 'applicant' ? (organisationUscc?.trim().toUpperCase() || before.organisation_uscc) : null;
    if (role === 'applicant' && !uscc) throw new KepingError('APPLICANT_NEEDS_ORGANISATION', { field: 'organisationUscc' });
    if (uscc && !(await findOrganisation(trx, uscc))) {
      throw new KepingError('ORGANISATION_UNKNOWN', { field: 'organisationUscc', params: { uscc } });
    }
    const row = await setUserRole(trx, id, role, uscc);
    await audit({
      action: 'user.role', subjectType: 'user', subjectId: String(id),
      before: { role: before.role, organisationUscc: before.organisation_uscc }, after: { role, organisationUscc: uscc },
    });
    return toUser(row);
  });
}
