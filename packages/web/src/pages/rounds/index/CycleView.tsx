import { Alert, Badge, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLabels } from '../../../labels';
import { can, useSession } from '../../../session';
import { ChartsTab } from './charts/ChartsTab';
import { CycleStatusTag } from './CycleStatusTag';
import { DataTab } from './data/DataTab';
import { PoolTab } from './pool/PoolTab';
import { PublishTab } from './publish/PublishTab';
import { QualityTab } from './quality/QualityTab';
import { RankingTab } from './ranking/RankingTab';
import { useCycleData } from './useCycleData';

export const CYCLE_TABS = ['pool', 'data', 'quality', 'ranking', 'charts', 'publish'] as const;
export type CycleTab = (typeof CYCLE_TABS)[number];
export const isCycleTab = (v: string | null | undefined): v is CycleTab => (CYCLE_TABS as readonly string[]).includes(v ?? '');

/**
 * One TOP100 cycle — the state of an index program's round: its pool, data, quality, ranking,
 * charts and publication, one tab each. Shown under /top100/:id and under the program's round.
 */
export function CycleView({ id, tab, onTab, back }: { id: number; tab: string | null | undefined; onTab: (tab: CycleTab) => void; back: ReactNode }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { user } = useSession();
  const { cycle, candidates, loading, error, reload } = useCycleData(id);

  if (error && !cycle) return <Alert type="error" showIcon message={error} data-testid="cycle-error" />;
  if (!cycle) return <Spin style={{ display: 'block', margin: 48 }} />;

  const active: CycleTab = isCycleTab(tab) ? tab : cycle.status === 'draft' ? 'pool' : 'ranking';
  const props = { cycle, candidates, reload, loading };
  const content: Record<CycleTab, ReactNode> = {
    pool: <PoolTab {...props} />,
    data: <DataTab {...props} />,
    quality: <QualityTab cycle={cycle} />,
    ranking: <RankingTab {...props} />,
    charts: <ChartsTab cycle={cycle} candidates={candidates} />,
    publish: <PublishTab cycle={cycle} reload={reload} />,
  };
  const label = (key: CycleTab) => {
    const text = <span data-testid={`tab-${key}`}>{t(`cycle.tab.${key}`)}</span>;
    return key === 'ranking' && cycle.status === 'stale' ? <Badge dot offset={[6, 0]}>{text}</Badge> : text;
  };
  const title = i18n.language === 'en' ? cycle.title.en : cycle.title.zh;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="cycle-name">{title}</span>
            <CycleStatusTag status={cycle.status} testId="cycle-status" />
            {cycle.isDemo && <Tag color="gold">{t('org.demo')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {can(user, 'editTop100') && cycle.status !== 'published' && (
              <Link to={`/top100/${cycle.id}/edit`} data-testid="cycle-edit">{t('cycles.edit')}</Link>
            )}
            {cycle.programId !== null && <Link to={`/programs/${cycle.programId}`} data-testid="cycle-program">{t('cycle.program')}</Link>}
            {back}
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
          onChange={(key) => isCycleTab(key) && onTab(key)}
          items={CYCLE_TABS.map((key) => ({ key, label: label(key), children: content[key] }))}
        />
      </Card>
    </Space>
  );
}
