import { Alert, Card, Col, Empty, Row, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, Cycle } from '../../../../indexTypes';
import { BreakdownBars } from '../breakdown/BreakdownBars';
import { BreakdownStats } from '../breakdown/BreakdownStats';
import { useDraftBreakdown } from '../breakdown/useDraftBreakdown';
import { ranked as rankedOf, specOutline } from '../model';
import { PillarProfile } from './PillarProfile';
import { RankBands } from './RankBands';
import { ScoreHistogram } from './ScoreHistogram';

/** 图表: score distribution, one enterprise's pillar profile, the top N's breakdown, rank bands at the cutoff. */
export function ChartsTab({ cycle, candidates }: { cycle: Cycle; candidates: Candidate[] }) {
  const { t, i18n } = useTranslation();
  const ranked = useMemo(() => rankedOf(candidates), [candidates]);
  const pillars = useMemo(() => specOutline(cycle.spec, i18n.language).pillars, [cycle.spec, i18n.language]);
  const published = cycle.publication?.breakdown ?? null;
  const topUsccs = useMemo(
    () => (published || ranked.length === 0 ? null : ranked.filter((c) => (c.rank ?? Infinity) <= cycle.topN).map((c) => c.uscc)),
    [published, ranked, cycle.topN],
  );
  const draft = useDraftBreakdown(topUsccs);
  const breakdown = published ?? draft.breakdown;

  if (ranked.length === 0) return <Empty description={t('charts.notComputed')} data-testid="charts-empty" />;

  return (
    <Row gutter={[16, 16]} data-testid="charts">
      {cycle.status === 'stale' && (
        <Col xs={24}><Alert type="warning" showIcon message={t('ranking.stale')} /></Col>
      )}
      <Col xs={24} xl={14}>
        <Card size="small" title={t('charts.scoreDistribution')}>
          <ScoreHistogram ranked={ranked} topN={cycle.topN} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('charts.pillarProfile')}>
          <PillarProfile ranked={ranked} pillars={pillars} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t(published ? 'charts.breakdownPublished' : 'charts.breakdownDraft', { topN: cycle.topN })}
        >
          {draft.error && <Alert type="error" showIcon message={draft.error} />}
          {breakdown ? (
            <>
              <BreakdownStats breakdown={breakdown} />
              <div style={{ height: 16 }} />
              <BreakdownBars breakdown={breakdown} />
            </>
          ) : (
            !draft.error && <Spin style={{ display: 'block', margin: 24 }} />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('charts.rankBands', { from: Math.max(1, cycle.topN - 30), to: cycle.topN + 30 })}>
          <Typography.Paragraph type="secondary">{t('charts.rankBandsHint')}</Typography.Paragraph>
          <RankBands ranked={ranked} topN={cycle.topN} />
        </Card>
      </Col>
    </Row>
  );
}
