import type { IndexRoundSpec } from '@keping/core';
import { Col, Collapse, Empty, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoherenceFlag, ComputeSummary } from '../../../../indexTypes';
import { localName, specOutline } from '../model';

const fixed = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

function FlagTag({ flag }: { flag: CoherenceFlag }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return <Tag color={flag === 'negative' ? 'red' : 'orange'}>{t(`ranking.flag.${flag}`)}</Tag>;
}

/**
 * How robust the ranking is: Sobol indices of each uncertain choice on the ranks (sensitivity) and
 * the JRC audit's statistical coherence (correlations, Cronbach's alpha, flagged indicators).
 */
export function RobustnessPanel({ summary, spec }: { summary: ComputeSummary; spec: IndexRoundSpec }) {
  const { t, i18n } = useTranslation();
  const names = useMemo(() => {
    const outline = specOutline(spec, i18n.language);
    const map = new Map<string, string>([[spec.system.id, localName(spec.system.name, spec.system.id, i18n.language)]]);
    for (const p of outline.pillars) map.set(p.id, p.name);
    for (const x of outline.indicators) map.set(x.id, x.name);
    return map;
  }, [spec, i18n.language]);
  const name = (id: string | null) => (id ? names.get(id) ?? id : '');
  const sensitivity = summary.sensitivity;
  const coherence = summary.coherence;
  const flagged = coherence?.indicators.filter((x) => x.flag) ?? [];

  const body = (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={10}>
        <Typography.Title level={5}>{t('ranking.sensitivity')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('ranking.sensitivityHint')}</Typography.Paragraph>
        {sensitivity ? (
          <Table
            data-testid="sensitivity-table"
            size="small"
            rowKey="input"
            pagination={false}
            dataSource={sensitivity.inputs}
            columns={[
              { title: t('ranking.sobol.input'), dataIndex: 'input', render: (v: string) => t(`ranking.sobol.${v}`) },
              { title: t('ranking.sobol.first'), dataIndex: 'first', align: 'right', render: (v: number) => fixed(v) },
              { title: t('ranking.sobol.total'), dataIndex: 'total', align: 'right', render: (v: number) => fixed(v) },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ranking.noSensitivity')} />
        )}
      </Col>
      <Col xs={24} lg={14}>
        <Typography.Title level={5}>{t('ranking.coherence')}</Typography.Title>
        {coherence ? (
          <>
            <Typography.Paragraph type="secondary">{t('ranking.coherenceHint', { weakBelow: coherence.weakBelow })}</Typography.Paragraph>
            <Table
              data-testid="coherence-table"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={coherence.nodes}
              columns={[
                { title: t('ranking.node'), dataIndex: 'id', render: (id: string) => name(id) },
                { title: t('ranking.alpha'), dataIndex: 'alpha', align: 'right', render: (v: number) => fixed(v) },
                { title: t('ranking.items'), dataIndex: 'items', align: 'right' },
                { title: t('ranking.withParent'), dataIndex: 'withParent', align: 'right', render: (v: number) => fixed(v) },
                { title: '', dataIndex: 'flag', render: (f: CoherenceFlag) => <FlagTag flag={f} /> },
              ]}
            />
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="coherence-flags">
              {flagged.length === 0 ? t('ranking.noFlags') : t('ranking.flagged', { count: flagged.length })}
            </Typography.Paragraph>
            {flagged.map((x) => (
              <div key={x.id}>
                <FlagTag flag={x.flag} /> {name(x.id)} ({name(x.parent)}): r = {fixed(x.withParent)}
              </div>
            ))}
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ranking.noCoherence')} />
        )}
      </Col>
    </Row>
  );

  return (
    <Collapse
      size="small"
      data-testid="robustness"
      items={[{ key: 'robustness', label: t('ranking.robustness'), children: body }]}
    />
  );
}
