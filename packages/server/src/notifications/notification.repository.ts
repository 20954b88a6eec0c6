/** Queries of in-app notifications (站内通知) and of who receives the office's notices. */
import { OFFICE_ROLES } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function insertNotifications(
  db: Kysely<Database>, userIds: readonly number[], kind: string, params: Record<string, string | number>, at: string,
): Promise<void> {
  if (userIds.length === 0) return;
  await db.insertInto('notifications').values(userIds.map((user_id) => ({ user_id, kind, params: JSON.stringify(params), created_at: at, read_at: null }))).execute();
}

/** Users of the program office (admin, staff) who are not disabled. */
export async function officeUsers(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('role', 'in', OFFICE_ROLES).where('disabled', '=', 0).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** A user's notifications, newest first (at most 200). */
export function notificationsOf(db: Kysely<Database>, userId: number, unreadOnly: boolean) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('id', 'desc').limit(200).execute();
}

export async function unreadCount(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db.selectFrom('notifications').where('user_id', '=', userId).where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotification(db: Kysely<Database>, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setNotificationRead(db: Kysely<Database>, id: number, readAt: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: readAt }).where('id', '=', id).execute();
}
