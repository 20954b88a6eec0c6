import type { Breakdown } from '@keping/core';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../model';

/** The headline of a list's structure: size, 3 leading and 6 key industries, listed share. */
export function BreakdownStats({ breakdown, evaluated }: { breakdown: Breakdown; evaluated?: number }) {
  const { t } = useTranslation();
  const item = (testId: string, title: string, value: string | number, suffix?: string) => (
    <Col xs={12} md={6}>
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={value} suffix={suffix} />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} data-testid="breakdown">
      {item('breakdown-total', t('breakdown.total'), breakdown.total, evaluated !== undefined ? t('breakdown.ofEvaluated', { evaluated }) : undefined)}
      {item('breakdown-leading', t('group.leading'), breakdown.leading)}
      {item('breakdown-key', t('group.key'), breakdown.key)}
      {item('breakdown-listed', t('breakdown.listed'), breakdown.listed, `(${formatPercent(breakdown.listedShare, 0)})`)}
    </Row>
  );
}
