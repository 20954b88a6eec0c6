import { Alert, Badge, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { can, useSession } from '../../../session';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useLabels } from '../../../labels';
import { ChartsTab } from './charts/ChartsTab';
import { CycleStatusTag } from './CycleStatusTag';
import { DataTab } from './data/DataTab';
import { PoolTab } from './pool/PoolTab';
import { PublishTab } from './publish/PublishTab';
import { QualityTab } from './quality/QualityTab';
import { RankingTab } from './ranking/RankingTab';
import { useCycleData } from './useCycleData';

const TABS = ['pool', 'data', 'quality', 'ranking', 'charts', 'publish'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | undefined): v is TabKey => (TABS as readonly string[]).includes(v ?? '');

/** One TOP100 cycle: its pool, data, quality, ranking, charts and publication, one tab each. */
export function CycleDetailPage() {
  const { id: rawId = '', tab } = useParams();
  const id = Number(rawId);
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const { user } = useSession();
  const { cycle, candidates, loading, error, reload } = useCycleData(id);

  if (error && !cycle) return <Alert type="error" showIcon message={error} data-testid="cycle-error" />;
  if (!cycle) return <Spin style={{ display: 'block', margin: 48 }} />;

  const active: TabKey = isTab(tab) ? tab : cycle.status === 'draft' ? 'pool' : 'ranking';
  const props = { cycle, candidates, reload, loading };
  const content: Record<TabKey, ReactNode> = {
    pool: <PoolTab {...props} />,
    data: <DataTab {...props} />,
    quality: <QualityTab cycle={cycle} />,
    ranking: <RankingTab {...props} />,
    charts: <ChartsTab cycle={cycle} candidates={candidates} />,
    publish: <PublishTab cycle={cycle} reload={reload} />,
  };
  const label = (key: TabKey) => {
    const text = <span data-testid={`tab-${key}`}>{t(`cycle.tab.${key}`)}</span>;
    return key === 'ranking' && cycle.status === 'stale' ? <Badge dot offset={[6, 0]}>{text}</Badge> : text;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="cycle-name">{cycle.name}</span>
            <CycleStatusTag status={cycle.status} testId="cycle-status" />
            {cycle.isDemo && <Tag color="gold">{t('org.demo')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {can(user, 'editTop100') && cycle.status !== 'published' && (
              <Link to={`/top100/${cycle.id}/edit`} data-testid="cycle-edit">{t('cycles.edit')}</Link>
            )}
            <Link to="/top100">{t('cycle.backToList')}</Link>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3, lg: 4, xl: 6, xxl: 6 }}>
          <Descriptions.Item label={t('cycles.year')}>{cycle.year}</Descriptions.Item>
          <Descriptions.Item label={t('cycles.topN')}>{cycle.topN}</Descriptions.Item>
          <Descriptions.Item label={t('cycles.seed')}>
            <Typography.Text code>{cycle.seed}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('cycles.candidates')}>
            <span data-testid="cycle-candidates">{candidates.length}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cycles.computedAt')}>{labels.dateTime(cycle.computedAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cycles.publishedAt')}>{labels.dateTime(cycle.publishedAt) || '—'}</Descriptions.Item>
        </Descriptions>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      </Card>
      <Card>
        <Tabs
          activeKey={active}
          destroyOnHidden
          onChange={(key) => navigate(`/top100/${cycle.id}/${key}`)}
          items={TABS.map((key) => ({ key, label: label(key), children: content[key] }))}
        />
      </Card>
    </Space>
  );
}
