import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { Cycle } from '../../../indexTypes';
import { useLabels } from '../../../labels';
import { can, useSession } from '../../../session';
import { CycleStatusTag } from './CycleStatusTag';

/** 榜单评价: every TOP100 cycle (each an index program's round), newest first, and the way to start the next one. */
export function CyclesPage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { user } = useSession();
  const navigate = useNavigate();
  const [cycles, setCycles] = useState<Cycle[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api
      .listCycles()
      .then((r) => current && setCycles(r.items))
      .catch((e: unknown) => current && setError(describeError(e, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [t]);

  return (
    <Card
      title={<span data-testid="page-title">{t('cycles.title')}</span>}
      extra={
        <Space>
          <Link to="/public/top100" data-testid="public-lists-link">{t('cycles.publicLists')}</Link>
          {can(user, 'editTop100') && (
            <Button type="primary" onClick={() => navigate('/top100/new')} data-testid="cycle-new">{t('cycles.new')}</Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Cycle>
        data-testid="cycles-table"
        rowKey="id"
        loading={loading}
        dataSource={cycles}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(c) => ({ 'data-testid': `cycle-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('cycles.empty') }}
        columns={[
          {
            title: t('cycles.name'),
            dataIndex: 'name',
            render: (_: string, c) => (
              <Space>
                <Link to={`/top100/${c.id}`} data-testid={`cycle-link-${c.id}`}>{i18n.language === 'en' ? c.title.en : c.title.zh}</Link>
                {c.isDemo && <Tag color="gold">{t('org.demo')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('cycles.program'),
            key: 'program',
            render: (_: unknown, c) => (c.programId !== null && c.roundId !== null
              ? <Link to={`/programs/${c.programId}/rounds/${c.roundId}/index`} data-testid={`cycle-program-${c.id}`}>{t('indexRound.open')}</Link>
              : '—'),
          },
          { title: t('cycles.year'), dataIndex: 'year', width: 90 },
          { title: t('cycles.topN'), dataIndex: 'topN', width: 90 },
          { title: t('cycles.status'), dataIndex: 'status', render: (_: unknown, c) => <CycleStatusTag status={c.status} /> },
          { title: t('cycles.ranked'), key: 'ranked', render: (_: unknown, c) => c.computation?.ranked ?? '—' },
          { title: t('cycles.computedAt'), dataIndex: 'computedAt', render: (v: string | null) => labels.dateTime(v) || '—' },
          {
            title: t('cycles.publishedAt'),
            dataIndex: 'publishedAt',
            render: (v: string | null, c) => (v ? (
              <Space>
                {labels.dateTime(v)}
                <Link to={`/public/top100/${c.id}`}>{t('cycles.publicPage')}</Link>
              </Space>
            ) : '—'),
          },
        ]}
      />
    </Card>
  );
}
