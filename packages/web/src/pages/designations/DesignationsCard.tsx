import { type Designation, type DesignationEvent, shanghaiDay } from '@keping/core';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/describeError';
import { designationApi } from './designationApi';
import { EventModal } from './EventModal';
import { GrantModal } from './GrantModal';
import { useDesignationLabels } from './useDesignationLabels';

const STATUS_COLOUR: Record<string, string> = { active: 'green', suspended: 'orange', revoked: 'red', expired: 'default' };
const STEP_COLOUR: Record<string, string> = { granted: 'green', revoked: 'red', suspended: 'orange', expired: 'gray' };

/** What one dated step says: its kind, tier (and the one it replaced), grade, reason, decision and source. */
function StepText({ designation, event }: { designation: Designation; event: DesignationEvent }) {
  const { t } = useTranslation();
  const l = useDesignationLabels();
  const tierChange = event.tier !== null && event.fromTier !== null && event.fromTier !== event.tier
    ? t('designations.tierChange', { from: l.tier(designation.title, event.fromTier), to: l.tier(designation.title, event.tier) })
    : event.tier !== null ? l.tier(designation.title, event.tier) : '';
  return (
    <Space direction="vertical" size={0}>
      <Space wrap>
        <Typography.Text strong>{event.day}</Typography.Text>
        <Typography.Text>{l.kind(event.kind)}</Typography.Text>
        {tierChange && <Tag>{tierChange}</Tag>}
        {event.grade && <Tag color={event.grade === 'fail' ? 'red' : 'blue'}>{l.grade(event.grade)}</Tag>}
      </Space>
      {event.reason && <Typography.Text type="secondary">{t('designations.reason', { reason: event.reason })}</Typography.Text>}
      {event.decisionRef && <Typography.Text type="secondary">{t('designations.decision', { decision: l.decision(event.decisionRef) })}</Typography.Text>}
      {event.source && <Typography.Text type="secondary">{t('designations.source', { source: event.source })}</Typography.Text>}
    </Space>
  );
}

/** An organisation's designations, each with its tier, status and a timeline of dated steps; the office grants and records steps. */
/** Today in Shanghai, as the evaluation due days are written. */
const today = shanghaiDay(new Date());

export function DesignationsCard({ uscc, canWrite, onChanged }: { uscc: string; canWrite: boolean; onChanged?: () => void }) {
  const { t } = useTranslation();
  const l = useDesignationLabels();
  const [items, setItems] = useState<Designation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [granting, setGranting] = useState(false);
  const [stepFor, setStepFor] = useState<Designation | null>(null);

  const load = useCallback(() => {
    setError(null);
    designationApi.listOf(uscc).then((r) => setItems(r.items)).catch((e: unknown) => setError(describeError(e, t)));
  }, [uscc, t]);
  useEffect(load, [load]);

  return (
    <Card
      title={t('designations.title')}
      size="small"
      data-testid="org-designations"
      extra={canWrite && <Button data-testid="designation-grant" onClick={() => setGranting(true)}>{t('designations.grant')}</Button>}
    >
      {error && <Alert type="error" showIcon message={error} />}
      {!items && !error && <Spin />}
      {items && items.length === 0 && <Empty description={t('designations.none')} />}
      {items && items.length > 0 && (
        <List
          dataSource={items}
          rowKey={(d) => d.id}
          renderItem={(d) => (
            <List.Item
              data-testid={`designation-${d.id}`}
              actions={canWrite && (d.status === 'active' || d.status === 'suspended')
                ? [<Button key="step" size="small" data-testid={`designation-step-${d.id}`} onClick={() => setStepFor(d)}>{t('designations.addStep')}</Button>]
                : []}
            >
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{l.title(d.title)}</Typography.Text>
                  <Tag color="blue">{l.tier(d.title, d.tier)}</Tag>
                  <Tag color={STATUS_COLOUR[d.status] ?? 'default'}>{l.status(d.status)}</Tag>
                  <Typography.Text type="secondary">
                    {d.validUntil ? t('designations.validUntil', { day: d.validUntil }) : t('designations.grantedBy', { body: l.grantingBody(d.title) })}
                  </Typography.Text>
                  {d.evaluationDue && (
                    <Tag color={d.evaluationDue < today ? 'red' : 'purple'} data-testid={`designation-due-${d.id}`}>
                      {t(d.evaluationDue < today ? 'designations.evaluationOverdue' : 'designations.evaluationDue', { day: d.evaluationDue })}
                    </Tag>
                  )}
                </Space>
                <Timeline
                  style={{ marginTop: 8 }}
                  items={d.events.map((e) => ({ key: e.id, color: STEP_COLOUR[e.kind] ?? 'blue', children: <StepText designation={d} event={e} /> }))}
                />
              </Space>
            </List.Item>
          )}
        />
      )}
      <GrantModal uscc={uscc} open={granting} onClose={() => setGranting(false)} onSaved={() => { setGranting(false); load(); onChanged?.(); }} />
      <EventModal designation={stepFor} onClose={() => setStepFor(null)} onSaved={() => { setStepFor(null); load(); onChanged?.(); }} />
    </Card>
  );
}
