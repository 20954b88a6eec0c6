import { Alert, Card, List, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../../api';
import type { PublicCycle, PublicCycleSummary } from '../../../../indexTypes';
import { useLabels } from '../../../../labels';
import { BreakdownBars } from '../breakdown/BreakdownBars';
import { BreakdownStats } from '../breakdown/BreakdownStats';
import { DownloadButtons } from '../publish/DownloadButtons';
import { PublishedList } from '../publish/PublishedList';
import { PublicFrame } from '../../../../components/PublicFrame';
import { usePublic } from '../../../../components/usePublic';

/** /public/top100: every published list, newest first. */
export function PublicCyclesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data, error } = usePublic<{ items: PublicCycleSummary[] }>('all', () => api.publicCycles());
  return (
    <PublicFrame section="top100">
      <Card title={<span data-testid="page-title">{t('publicList.allTitle')}</span>}>
        {error && <Alert type="error" showIcon message={error} />}
        <List
          data-testid="public-cycles"
          loading={!data && !error}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('publicList.none') }}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/public/top100/${c.id}`} data-testid={`public-cycle-${c.id}`}>{c.name}</Link>}
                description={t('publicList.publishedAt', { at: labels.date(c.publishedAt) })}
              />
            </List.Item>
          )}
        />
      </Card>
    </PublicFrame>
  );
}

/** /public/top100/:id: a published list with its breakdown and the XLSX and PDF files. */
export function PublicListPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const { data, error } = usePublic<PublicCycle>(id, (key) => api.publicCycle(Number(key)));

  let body;
  if (error) body = <Alert type="error" showIcon message={error} data-testid="public-error" />;
  else if (!data) body = <Spin style={{ display: 'block', margin: 48 }} />;
  else {
    const p = data.publication;
    body = (
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="public-title">{data.name}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('publicList.summary', { total: p.entries.length, evaluated: p.evaluated, at: labels.date(data.publishedAt) })}
          </Typography.Paragraph>
          <DownloadButtons cycleId={data.id} />
        </Card>
        <Card title={t('publicList.breakdown')}>
          <BreakdownStats breakdown={p.breakdown} evaluated={p.evaluated} />
          <div style={{ height: 16 }} />
          <BreakdownBars breakdown={p.breakdown} />
        </Card>
        <Card title={t('publicList.list', { topN: p.topN })}>
          <PublishedList publication={p} testId="public-list" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, wordBreak: 'break-all' }}>
            {t('top100.inputsHash')}: <Typography.Text code>{p.inputsHash}</Typography.Text>
          </Typography.Paragraph>
        </Card>
      </Space>
    );
  }
  return <PublicFrame section="top100">{body}</PublicFrame>;
}
