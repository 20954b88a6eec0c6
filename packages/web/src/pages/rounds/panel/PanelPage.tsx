import { Alert, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../../components/describeError';
import { useLabels } from '../../../labels';
import { scoringApi } from '../../../scoringApi';
import type { PanelEntry, PanelView } from '../../../scoringTypes';
import { MarkEditor } from './MarkEditor';
import { RankingTable } from './RankingTable';
import { RecusalList } from './RecusalList';
import { RecuseButton } from './RecuseButton';
import { SignOffCard } from './SignOffCard';

/** A panel as its member sees it (own marks only) or its chair (every mark, the ranking, the sign-off). */
export function PanelPage() {
  const { id = '' } = useParams();
  const panelId = Number(id);
  const { t } = useTranslation();
  const labels = useLabels();
  const [panel, setPanel] = useState<PanelView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    scoringApi.panel(panelId)
      .then((p) => live && setPanel(p))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [panelId, version, t]);

  if (error) return <Alert type="error" showIcon message={error} data-testid="panel-error" />;
  if (!panel) return <Spin style={{ display: 'block', margin: 48 }} />;
  // Only the chair's view carries the ranking; a member's marks are all their own.
  const chair = panel.ranking !== null;
  const mine = chair ? panel.marks.filter((m) => m.expertId === panel.chair.id) : panel.marks;
  const open = panel.status === 'open';
  const othersOf = (applicationId: number) => panel.marks.filter((m) => m.applicationId === applicationId && m.expertId !== panel.chair.id).length;
  // A member's view carries only their own recusals; the chair's carries everyone's.
  const myRecusal = (applicationId: number) => panel.recusals.find((r) => r.applicationId === applicationId && (!chair || r.expertId === panel.chair.id));
  const othersRecused = (applicationId: number) => panel.recusals.filter((r) => r.applicationId === applicationId && r.expertId !== panel.chair.id).length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="page-title">{t('panelRound.panelTitle', { category: panel.category })}</span>
            <Tag color={open ? 'processing' : 'green'} data-testid="panel-status">{t(`panelRound.status.${panel.status}`)}</Tag>
            {chair && <Tag color="purple">{t('panelRound.youChair')}</Tag>}
          </Space>
        }
        extra={<Link to="/my-panels">{t('panelRound.backToMine')}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('panelRound.chair')}>{panel.chair.name}</Descriptions.Item>
          <Descriptions.Item label={t('panelRound.members')}>{panel.members.map((m) => m.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('panelRound.quota')}>{panel.quota ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('panelRound.howToMark')} span={3}>
            {panel.mode === 'vote' ? t('panelRound.howVote') : panel.criteria.length > 0 ? t('panelRound.howRubric') : t('panelRound.howScore')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('panelRound.entries', { n: panel.entries.length })}>
        <Table<PanelEntry>
          size="small"
          rowKey="applicationId"
          pagination={false}
          dataSource={panel.entries}
          data-testid="panel-entries"
          onRow={(e) => ({ 'data-testid': `entry-${e.applicationId}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('panelRound.slot'), key: 'slot', width: 180, render: (_: unknown, e) => (e.slot ? `${e.slot.startsAtShanghai} · ${e.slot.room}` : '—') },
            {
              title: t('scoringRound.entry'), key: 'entry',
              render: (_: unknown, e) => (
                <Space direction="vertical" size={0}>
                  <span>#{e.applicationId} {e.title}</span>
                  <Typography.Text type="secondary">{e.organisationName}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('panelRound.yourMark'), key: 'mark',
              render: (_: unknown, e) => {
                const recusal = myRecusal(e.applicationId);
                if (recusal) {
                  return (
                    <Space direction="vertical" size={0} data-testid={`recused-${e.applicationId}`}>
                      <Tag color="orange">{t(`panelRound.recusedTag.${recusal.source}`)}</Tag>
                      <Typography.Text type="secondary">{recusal.reason}</Typography.Text>
                    </Space>
                  );
                }
                return (
                  <Space wrap size={4}>
                    <MarkEditor key={`${e.applicationId}-${version}`} panel={panel} applicationId={e.applicationId}
                      mine={mine.find((m) => m.applicationId === e.applicationId)} disabled={!open} onSaved={reload} />
                    {open && <RecuseButton panelId={panel.id} applicationId={e.applicationId} onDone={reload} />}
                  </Space>
                );
              },
            },
            ...(chair ? [{
              title: t('panelRound.otherMarks'), key: 'others',
              render: (_: unknown, e: PanelEntry) => t('panelRound.otherMarksText', { n: othersOf(e.applicationId), of: panel.members.length - 1 - othersRecused(e.applicationId) }),
            }] : []),
          ]}
        />
      </Card>
      {chair && panel.recusals.length > 0 && (
        <Card size="small" title={t('panelRound.recusals', { n: panel.recusals.length })}>
          <RecusalList recusals={panel.recusals} />
        </Card>
      )}
      {panel.ranking && (
        <Card size="small" title={t('panelRound.ranking.title')}>
          <RankingTable panel={panel} ranking={panel.ranking} />
        </Card>
      )}
      {chair && open && panel.ranking && <SignOffCard panel={panel} ranking={panel.ranking} onSigned={reload} />}
      {panel.signedOffAt && <Typography.Text type="secondary" data-testid="signed-off-note">{t('panelRound.signedOffAt', { at: labels.dateTime(panel.signedOffAt) })}</Typography.Text>}
    </Space>
  );
}
