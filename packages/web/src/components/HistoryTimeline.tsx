import { Alert, Card, Empty, Space, Spin, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditChange } from './AuditChange';
import { describeError } from './describeError';
import { useLabels } from '../labels';
import type { AuditEntry } from '../types';

/** Newest first, whatever order the server sends. */
function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at) || Number(b.id) - Number(a.id));
}

/** A record's audit history as a timeline: who, when, what, and the fields changed. */
export function HistoryTimeline({ load, testId }: { load: () => Promise<{ entries: AuditEntry[] }>; testId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    load()
      .then((r) => current && setEntries(r.entries))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [load, t]);

  let body;
  if (error) body = <Alert type="error" showIcon message={error} />;
  else if (!entries) body = <Spin />;
  else if (entries.length === 0) body = <Empty description={t('history.empty')} />;
  else {
    body = (
      <Timeline
        data-testid={testId}
        items={newestFirst(entries).map((e) => ({
          key: String(e.id),
          color: e.action.endsWith('create') ? 'green' : 'blue',
          children: (
            <Space direction="vertical" style={{ width: '100%' }} data-testid={`history-entry-${e.id}`}>
              <Space wrap>
                <Typography.Text strong>{labels.action(e.action)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('history.by', { actor: e.actorName ?? t('history.system'), time: labels.dateTime(e.at) })}
                </Typography.Text>
              </Space>
              <AuditChange entry={e} />
            </Space>
          ),
        }))}
      />
    );
  }
  return (
    <Card title={t('history.title')} size="small">
      {body}
    </Card>
  );
}
