/** A user changes their own password (修改密码): the current one is checked like a login, other sessions end. */
import { KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findUserById, setPasswordHash, toUser, type User } from '../users/user.repository.js';
import { attemptFailed, attemptSucceeded, enterAttempt } from './login-throttle.js';
import { hashPassword, passwordProblems, verifyPassword } from './password.js';
import { deleteOtherSessionsOf } from './session.repository.js';
import type { Session } from './session.service.js';

export async function changePassword(
  store: Store, ctx: RequestContext, session: Session, currentPassword: string, newPassword: string,
): Promise<User> {
  // A wrong current password is a guess like any other: counted and throttled with the logins.
  const gate = await enterAttempt(store, ctx, session.user.username);
  const row = await findUserById(store.db, session.user.id);
  if (!row) throw new KepingError('NOT_FOUND', { status: 404 });
  if (!(await verifyPassword(currentPassword, row.password_hash))) {
    await attemptFailed(store, ctx, gate, row.id);
    throw new KepingError('CURRENT_PASSWORD_WRONG', { field: 'currentPassword', status: 400 });
  }
  await attemptSucceeded(store, gate);
  const problems = passwordProblems(newPassword, row.username, 'newPassword');
  if (newPassword === currentPassword) problems.push({ code: 'PASSWORD_UNCHANGED', field: 'newPassword' });
  if (problems.length > 0) throw KepingError.fromFieldErrors(problems);
  const passwordHash = await hashPassword(newPassword);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const updated = await setPasswordHash(trx, row.id, passwordHash, false);
    // Whoever else holds a session (a stolen cookie, another browser) is out; this one stays in.
    const ended = await deleteOtherSessionsOf(trx, row.id, session.tokenHash);
    await audit({
      action: 'user.password_changed', subjectType: 'user', subjectId: String(row.id),
      before: { mustChangePassword: row.must_change_password === 1 }, after: { mustChangePassword: false, otherSessionsEnded: ended },
    });
    return toUser(updated);
  });
}
