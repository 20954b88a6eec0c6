import { Alert, Card, Col, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api';
import { describeError } from '../../../../components/describeError';
import type { Cycle, QualityReport } from '../../../../indexTypes';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { formatPercent, specOutline } from '../model';

const BIN_LABELS = Array.from({ length: 10 }, (_, i) => `${i * 10}–${(i + 1) * 10}%`);

/** 数据质量: coverage per indicator, the coverage histogram, the candidates that will not be ranked. */
export function QualityTab({ cycle }: { cycle: Cycle }) {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<QualityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const outline = useMemo(() => specOutline(cycle.spec, i18n.language), [cycle.spec, i18n.language]);

  useEffect(() => {
    let current = true;
    api.quality(cycle.id)
      .then((r) => current && setReport(r))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [cycle.id, cycle.status, t]);

  const coverageOption = useMemo((): ChartOption | null => {
    if (!report) return null;
    const names = new Map(outline.indicators.map((i) => [i.id, i.name]));
    const rows = [...report.indicators].reverse();
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatPercent(Number(v) / 100) },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((i) => names.get(i.id) ?? i.id), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'bar', name: t('quality.coverage'), data: rows.map((i) => Number((i.coverage * 100).toFixed(1))),
        itemStyle: { color: '#1f5fbf' }, label: { show: true, position: 'right', formatter: '{c}%', fontSize: 10 },
      }],
    };
  }, [report, outline, t]);

  const histogramOption = useMemo((): ChartOption | null => {
    if (!report) return null;
    const below = (i: number) => (i + 1) / 10 <= report.minCoverage;
    return {
      grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: BIN_LABELS, name: t('quality.coverage'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: t('quality.candidates') },
      series: [{
        type: 'bar', name: t('quality.candidates'),
        data: report.coverageHistogram.map((n, i) => ({ value: n, itemStyle: { color: below(i) ? '#cf1322' : '#1f5fbf' } })),
        label: { show: true, position: 'top', fontSize: 10 },
      }],
    };
  }, [report, t]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!report || !coverageOption || !histogramOption) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('quality.candidates')} value={report.candidates} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('quality.withData')} value={report.withData} /></Card></Col>
          <Col xs={12} md={6}>
            <Card size="small"><Statistic title={t('quality.minCoverage')} value={formatPercent(report.minCoverage, 0)} /></Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small" data-testid="quality-below-count">
              <Statistic title={t('quality.belowMinimum')} value={report.belowMinimum.length} valueStyle={report.belowMinimum.length ? { color: '#cf1322' } : {}} />
            </Card>
          </Col>
        </Row>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('quality.perIndicator')}>
          <EChart testId="chart-coverage" option={coverageOption} height={Math.max(320, report.indicators.length * 20 + 40)} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('quality.histogram')}>
          <EChart testId="chart-coverage-histogram" option={histogramOption} />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('quality.histogramHint', { min: formatPercent(report.minCoverage, 0) })}
          </Typography.Paragraph>
        </Card>
        <Card size="small" title={t('quality.belowTitle', { count: report.belowMinimum.length })} style={{ marginTop: 16 }}>
          <Table
            data-testid="quality-below"
            size="small"
            rowKey="uscc"
            dataSource={report.belowMinimum}
            locale={{ emptyText: t('quality.noneBelow') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('top100.column.name'), dataIndex: 'name' },
              { title: t('top100.column.uscc'), dataIndex: 'uscc' },
              { title: t('quality.coverage'), dataIndex: 'coverage', align: 'right', render: (v: number) => formatPercent(v, 0) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
