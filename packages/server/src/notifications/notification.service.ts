/**
 * In-app notifications (站内通知): a notice is a kind and its parameters, written in the reader's
 * language when read (`notifications.<kind>`); each user reads and marks their own.
 */
import { KepingError, translate } from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import {
  findNotification, insertNotifications, notificationsOf, officeUsers, setNotificationRead, unreadCount,
} from './notification.repository.js';

export type NoticeParams = Record<string, string | number>;

/** Adds a notice for each of these users; pass the transaction of the action that causes it. */
export function notify(db: Kysely<Database>, userIds: readonly number[], kind: string, params: NoticeParams, at: string): Promise<void> {
  return insertNotifications(db, userIds, kind, params, at);
}

/** Adds a notice for every active user of the program office. */
export async function notifyOffice(db: Kysely<Database>, kind: string, params: NoticeParams, at: string): Promise<void> {
  await insertNotifications(db, await officeUsers(db), kind, params, at);
}

export async function listNotifications(db: Kysely<Database>, ctx: RequestContext, unreadOnly: boolean) {
  if (ctx.actor.id === null) return { items: [], unread: 0 };
  const rows = await notificationsOf(db, ctx.actor.id, unreadOnly);
  const unread = await unreadCount(db, ctx.actor.id);
  return {
    unread,
    items: rows.map((r) => {
      const params = JSON.parse(r.params) as NoticeParams;
      return { id: r.id, kind: r.kind, params, text: translate(ctx.locale, `notifications.${r.kind}`, params), createdAt: r.created_at, readAt: r.read_at };
    }),
  };
}

export async function markRead(store: Store, ctx: RequestContext, id: number): Promise<{ id: number; readAt: string }> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await findNotification(trx, id);
    if (!row || row.user_id !== ctx.actor.id) throw new KepingError('NOT_FOUND', { status: 404 });
    const readAt = row.read_at ?? ctx.now().toISOString();
    if (row.read_at === null) {
      await setNotificationRead(trx, id, readAt);
      await audit({ action: 'notification.read', subjectType: 'notification', subjectId: String(id), after: { readAt } });
    }
    return { id, readAt };
  });
}
