import { Alert, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { publicationApi } from '../../../publicationApi';
import type { PublicEntry, PublicPublication } from '../../../publicationTypes';
import { useBilingual } from '../../programs/model';
import { periodText } from '../model';
import { PublicationStatusTag } from '../PublicationTags';
import { ObjectionForm } from './ObjectionForm';
import { PublicFrame } from '../../../components/PublicFrame';
import { usePublic } from '../../../components/usePublic';

/** /public/publications/:id: the list with the period; the objection form only while the period runs. */
export function PublicPublicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const local = useBilingual();
  const { data, error } = usePublic<PublicPublication>(id, (key) => publicationApi.publicPublication(Number(key)));

  let body;
  if (error) body = <Alert type="error" showIcon message={error} data-testid="public-error" />;
  else if (!data) body = <Spin style={{ display: 'block', margin: 48 }} />;
  else {
    body = (
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="public-title">{local(data.program)}</Typography.Title>
            <PublicationStatusTag status={data.status} testId="public-status" />
          </Space>
          <Typography.Paragraph style={{ marginTop: 12 }} data-testid="public-period">
            {t('publicNotice.period', { period: periodText(t, data) })}
          </Typography.Paragraph>
          {data.objectionsOpen
            ? <Alert type="info" showIcon message={t('publicNotice.openNotice', { end: data.endDate ?? '' })} data-testid="public-open" />
            : <Alert type="warning" showIcon message={t(data.status === 'final' ? 'publicNotice.final' : 'publicNotice.over')} data-testid="public-closed" />}
        </Card>
        <Card title={t('publicNotice.list', { n: data.entries.length })}>
          <Table<PublicEntry>
            data-testid="public-entries"
            rowKey="id"
            size="small"
            dataSource={data.entries}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(e) => ({ 'data-testid': `public-entry-${e.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: '#', dataIndex: 'position', width: 50, responsive: ['sm'] },
              { title: t('publicationPage.holder'), dataIndex: 'holder' },
              { title: t('fields.title'), dataIndex: 'title', responsive: ['md'] },
              {
                // category and rank in one column, so a phone keeps them beside the holder
                title: t('publicationPage.categoryRank'), key: 'rank', width: 110,
                render: (_: unknown, e) => (
                  <Space direction="vertical" size={0}>
                    <span>{local(data.categories.find((x) => x.key === e.category)?.name) || '—'}</span>
                    {e.rank !== null && <span data-testid="public-entry-rank">{t('publicationPage.rankN', { rank: e.rank })}</span>}
                  </Space>
                ),
              },
              { title: t('publicationPage.score'), dataIndex: 'score', width: 80, responsive: ['sm'], render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
              {
                title: t('publicationPage.outcome'), key: 'outcome',
                render: (_: unknown, e) => (
                  <Space wrap>
                    <span>{local(e.outcome)}</span>
                    {e.honour && <Tag color="gold">{t(`publication.honour.${e.honour}`)}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        {data.objectionsOpen && <ObjectionForm publicationId={data.id} entries={data.entries} endDate={data.endDate} />}
      </Space>
    );
  }
  return <PublicFrame section="notices">{body}</PublicFrame>;
}
