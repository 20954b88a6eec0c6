import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../labels';
import { scoringApi } from '../scoringApi';
import type { AppNotification } from '../scoringTypes';

const POLL_MS = 60_000;

/** 站内通知: the bell in the header with the unread count; the list marks one read on click. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    scoringApi.notifications()
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread);
      })
      .catch(() => undefined);
  }, []);

  // reload in the reader's language too: the server translates the texts
  useEffect(() => {
    load();
    const timer = window.setInterval(load, POLL_MS);
    return () => window.clearInterval(timer);
  }, [load, i18n.language]);

  const read = (n: AppNotification) => {
    if (n.readAt) return;
    scoringApi.markRead(n.id).then(load).catch(() => undefined);
  };

  const content = (
    <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }} data-testid="notifications-list">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} /> : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              onClick={() => read(n)}
              style={{ cursor: n.readAt ? 'default' : 'pointer', background: n.readAt ? undefined : '#e6f4ff' }}
              data-testid={`notification-${n.id}`}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.text}</Typography.Text>}
                description={`${labels.dateTime(n.createdAt)}${n.readAt ? '' : ` · ${t('notify.unreadHint')}`}`}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} title={t('notify.title')} trigger="click" open={open} placement="bottomRight"
      onOpenChange={(o) => {
        setOpen(o);
        if (o) load();
      }}>
      <Badge count={unread} size="small" data-testid="notifications-count">
        <Button data-testid="notifications" aria-label={t('notify.title')}>{t('notify.button')}</Button>
      </Badge>
    </Popover>
  );
}
