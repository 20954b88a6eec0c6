/** In-app notifications (站内通知): each user reads and marks their own, in their language. */
import { KepingError, translate } from '@keping/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.repository.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

export async function listNotifications(db: Kysely<Database>, ctx: RequestContext, unreadOnly: boolean) {
  if (ctx.actor.id === null) return { items: [], unread: 0 };
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', ctx.actor.id);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('id', 'desc').limit(200).execute();
  const unread = Number((await db.selectFrom('notifications').where('user_id', '=', ctx.actor.id).where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    unread,
    items: rows.map((r) => {
      const params = JSON.parse(r.params) as Record<string, string | number>;
      return { id: r.id, kind: r.kind, params, text: translate(ctx.locale, `notifications.${r.kind}`, params), createdAt: r.created_at, readAt: r.read_at };
    }),
  };
}

export async function markRead(store: Store, ctx: RequestContext, id: number): Promise<{ id: number; readAt: string }> {
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.user_id !== ctx.actor.id) throw new KepingError('NOT_FOUND', { status: 404 });
    const readAt = row.read_at ?? ctx.now().toISOString();
    if (row.read_at === null) {
      await trx.updateTable('notifications').set({ read_at: readAt }).where('id', '=', id).execute();
      await appendAudit(trx, store.dialect, ctx, { action: 'notification.read', subjectType: 'notification', subjectId: String(id), after: { readAt } });
    }
    return { id, readAt };
  });
}
