import { KEY_INDUSTRIES, LEADING_INDUSTRIES, LISTING_STATUSES, type Breakdown } from '@keping/core';
import { Card, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../../labels';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';

interface Bar {
  label: string;
  value: number;
  color: string;
}

function barOption(bars: Bar[], horizontal: boolean): ChartOption {
  const category = { type: 'category' as const, data: bars.map((b) => b.label), axisLabel: { fontSize: 11, interval: 0, rotate: horizontal ? 0 : 30 } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{
      type: 'bar',
      data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
      label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 10 },
    }],
  };
}

/** Breakdown bars of a list: by the 3+6 groups (an enterprise counts in each of its groups), listing, district. */
export function BreakdownBars({ breakdown }: { breakdown: Breakdown }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const options = useMemo(() => {
    const groups: Bar[] = [
      ...LEADING_INDUSTRIES.map((g) => ({ label: labels.group(g), value: breakdown.byGroup[g] ?? 0, color: '#d4380d' })),
      ...KEY_INDUSTRIES.map((g) => ({ label: labels.group(g), value: breakdown.byGroup[g] ?? 0, color: '#2f54eb' })),
    ];
    const listing: Bar[] = [...LISTING_STATUSES, 'unknown' as const].map((l) => ({
      label: l === 'unknown' ? t('breakdown.listingUnknown') : labels.listing(l),
      value: breakdown.byListing[l] ?? 0,
      color: l === 'unlisted' || l === 'unknown' ? '#8c8c8c' : '#d48806',
    }));
    const districts: Bar[] = Object.entries(breakdown.byDistrict)
      .map(([code, n]) => ({ label: labels.district(code), value: n, color: '#1f5fbf' }))
      .sort((a, b) => b.value - a.value);
    return { groups: barOption(groups, true), listing: barOption(listing, false), districts: barOption(districts, true) };
  }, [breakdown, labels, t]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Typography.Text type="secondary">{t('breakdown.groupsNote')}</Typography.Text>
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('breakdown.byGroup')}>
          <EChart testId="chart-breakdown-groups" option={options.groups} height={300} />
        </Card>
      </Col>
      <Col xs={24} xl={6}>
        <Card size="small" title={t('breakdown.byListing')}>
          <EChart testId="chart-breakdown-listing" option={options.listing} height={300} />
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('breakdown.byDistrict')}>
          <EChart testId="chart-breakdown-district" option={options.districts} height={Math.max(300, Object.keys(breakdown.byDistrict).length * 18 + 40)} />
        </Card>
      </Col>
    </Row>
  );
}
