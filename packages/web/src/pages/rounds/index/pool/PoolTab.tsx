import { POOL_SOURCES, type PoolSource } from '@keping/core';
import { Alert, Card, Col, Input, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, Cycle } from '../../../../indexTypes';
import { can, useSession } from '../../../../session';
import { coverageOf, formatPercent, specOutline } from '../model';
import { SourceTags } from '../SourceTags';
import { PoolActions } from './PoolActions';

interface Props {
  cycle: Cycle;
  candidates: Candidate[];
  reload: () => void;
  loading: boolean;
}

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', whiteSpace: 'nowrap' as const };

/** 候选池: how many candidates each source brought, adding more, and every candidate with its sources. */
export function PoolTab({ cycle, candidates, reload, loading }: Props) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [q, setQ] = useState('');
  const editable = can(user, 'editTop100') && cycle.status !== 'published';
  const indicatorIds = useMemo(() => specOutline(cycle.spec, i18n.language).indicators.map((i) => i.id), [cycle.spec, i18n.language]);

  const counts = useMemo(() => {
    const out = Object.fromEntries(POOL_SOURCES.map((s) => [s, 0])) as Record<PoolSource, number>;
    for (const c of candidates) for (const s of c.sources) out[s]++;
    return out;
  }, [candidates]);
  const multiple = useMemo(() => candidates.filter((c) => c.sources.length > 1).length, [candidates]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return needle ? candidates.filter((c) => c.name.toLowerCase().includes(needle) || c.uscc.toLowerCase().includes(needle)) : candidates;
  }, [candidates, q]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[12, 12]} data-testid="pool-counts">
        <Col xs={12} md={8} xl={4}>
          <Card size="small"><Statistic title={t('pool.total')} value={candidates.length} /></Card>
        </Col>
        {POOL_SOURCES.map((s) => (
          <Col key={s} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`pool-count-${s}`}>
              <Statistic title={t(`source.${s}`)} value={counts[s]} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary">{t('pool.merged', { count: multiple })}</Typography.Text>
      {cycle.status === 'published' && <Alert type="info" showIcon message={t('cycle.publishedReadOnly')} />}
      {editable && <PoolActions cycleId={cycle.id} onChanged={reload} />}
      <Input.Search
        allowClear
        placeholder={t('orgs.searchPlaceholder')}
        style={{ maxWidth: 320 }}
        onSearch={setQ}
        onChange={(e) => !e.target.value && setQ('')}
        data-testid="pool-search"
      />
      <Table<Candidate>
        data-testid="pool-table"
        rowKey="uscc"
        size="small"
        loading={loading}
        dataSource={shown}
        onRow={(c) => ({ 'data-testid': `pool-row-${c.uscc}` }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('pool.count', { count: n }) }}
        columns={[
          { key: 'name', title: t('top100.column.name'), dataIndex: 'name' },
          { key: 'uscc', title: t('top100.column.uscc'), dataIndex: 'uscc', render: (v: string) => <span style={mono}>{v}</span> },
          {
            key: 'sources',
            title: t('pool.sources'),
            dataIndex: 'sources',
            filters: POOL_SOURCES.map((s) => ({ text: t(`source.${s}`), value: s })),
            onFilter: (value, c) => c.sources.includes(value as PoolSource),
            render: (s: PoolSource[]) => <SourceTags sources={s} />,
          },
          {
            key: 'coverage',
            title: t('pool.coverage'),
            align: 'right',
            sorter: (a, b) => coverageOf(a, indicatorIds) - coverageOf(b, indicatorIds),
            render: (_: unknown, c) => (c.data ? formatPercent(coverageOf(c, indicatorIds), 0) : <Typography.Text type="secondary">{t('pool.noData')}</Typography.Text>),
          },
          {
            key: 'excluded',
            title: t('ranking.status'),
            render: (_: unknown, c) => (c.excluded ? <Tag color="red" title={c.exclusionReason ?? ''}>{t('ranking.excluded')}</Tag> : null),
          },
        ]}
      />
    </Space>
  );
}
