import { HONOUR_LEVELS, type HonourLevel } from '@keping/core';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../../components/describeError';
import { scoringApi } from '../../../scoringApi';
import type { PanelEntry, PanelView } from '../../../scoringTypes';
import { can, useSession } from '../../../session';
import { useBilingual } from '../../programs/model';
import { RoundStatusTag } from '../../programs/ProgramTags';
import { useCategoryName } from '../scoring/model';
import { CreatePanelModal } from './CreatePanelModal';
import { RankingTable } from './RankingTable';
import { RecusalList } from './RecusalList';
import { ScheduleModal } from './ScheduleModal';
import { useProgramData } from '../../programs/useProgramData';

/** 终评会 for the office: a panel per category (chair and members), the schedule, honours per entry, closing the round. */
export function PanelRoundPage() {
  const { id = '', roundId: rawRound = '' } = useParams();
  const roundId = Number(rawRound);
  const { t } = useTranslation();
  const local = useBilingual();
  const { message } = App.useApp();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  const [scheduling, setScheduling] = useState<PanelView | null>(null);
  const [busy, setBusy] = useState(false);
  const { program, data: list, error, reload } = useProgramData(Number(id), roundId, () => scoringApi.panels(roundId));
  const categoryName = useCategoryName(program);

  if (error && !list) return <Alert type="error" showIcon message={error} data-testid="panels-error" />;
  if (!list || !program) return <Spin style={{ display: 'block', margin: 48 }} />;
  const round = program.rounds.find((r) => r.id === roundId);
  const editable = can(user, 'editPrograms') && list.status !== 'closed';
  const free = program.categories.filter((c) => !list.items.some((p) => p.category === c.key)).map((c) => ({ value: c.key, label: local(c.name) }));
  const allSigned = list.items.length > 0 && list.items.every((p) => p.status === 'signed_off');

  const close = () => {
    setBusy(true);
    scoringApi.closePanels(roundId)
      .then((r) => {
        message.success(t('panelRound.closed', { advanced: r.advanced, rejected: r.rejected }));
        reload();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };
  const honour = (entry: PanelEntry, level: HonourLevel) => {
    scoringApi.setHonour(entry.applicationId, { level, note: '' })
      .then(() => {
        message.success(t('panelRound.honourSaved'));
        reload();
      })
      .catch((e: unknown) => message.error(describeError(e, t)));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="page-title">{t('panelRound.title', { round: local(round?.name) })}</span>
            <RoundStatusTag status={list.status} testId="round-status" />
          </Space>
        }
        extra={<Link to={`/programs/${program.id}`}>{local(program.title)}</Link>}
      >
        <Space wrap>
          {editable && (
            <Button type="primary" onClick={() => setCreating(true)} disabled={free.length === 0} data-testid="panel-create">
              {t('panelRound.create')}
            </Button>
          )}
          {editable && (
            <Popconfirm title={t('panelRound.closeConfirm')} description={t('panelRound.closeConfirmText')} onConfirm={close}
              okButtonProps={{ 'data-testid': 'panels-close-ok' }}>
              <Button danger disabled={!allSigned} loading={busy} data-testid="panels-close">{t('panelRound.close')}</Button>
            </Popconfirm>
          )}
          {editable && !allSigned && <Typography.Text type="secondary">{t('panelRound.closeBlocked')}</Typography.Text>}
        </Space>
      </Card>
      {list.items.length === 0 && <Card size="small"><Typography.Text type="secondary">{t('panelRound.none')}</Typography.Text></Card>}
      {list.items.map((p) => (
        <Card
          key={p.id}
          size="small"
          data-testid={`panel-${p.category}`}
          title={
            <Space wrap>
              <span>{categoryName(p.category)}</span>
              <Tag color={p.status === 'signed_off' ? 'green' : 'processing'} data-testid={`panel-status-${p.category}`}>{t(`panelRound.status.${p.status}`)}</Tag>
              <Tag>{t(`panelRound.mode.${p.mode}`)}</Tag>
            </Space>
          }
          extra={editable && p.status === 'open' && (
            <Button size="small" onClick={() => setScheduling(p)} data-testid={`panel-schedule-${p.category}`}>{t('panelRound.schedule')}</Button>
          )}
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('panelRound.chair')}>{p.chair.name}{p.chair.professionalTitle ? `（${p.chair.professionalTitle}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('panelRound.members')}>{p.members.map((m) => m.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('panelRound.quota')}>{p.quota ?? '—'}</Descriptions.Item>
            {p.signOffNote && <Descriptions.Item label={t('panelRound.note')}>{p.signOffNote}</Descriptions.Item>}
          </Descriptions>
          <Table<PanelEntry>
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={p.entries}
            onRow={(e) => ({ 'data-testid': `panel-entry-${e.applicationId}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('scoringRound.entry'), key: 'entry', render: (_: unknown, e) => `#${e.applicationId} ${e.title}` },
              { title: t('applications.organisation'), dataIndex: 'organisationName' },
              { title: t('panelRound.slot'), key: 'slot', render: (_: unknown, e) => (e.slot ? `${e.slot.startsAtShanghai} · ${e.slot.room}` : '—') },
              {
                title: t('panelRound.honour'), key: 'honour', width: 200,
                render: (_: unknown, e) => (
                  <Select<HonourLevel> size="small" style={{ width: 180 }} value={e.honour?.level} placeholder={t('panelRound.honourUnset')}
                    disabled={!can(user, 'editPrograms')} onChange={(level) => honour(e, level)} data-testid={`honour-${e.applicationId}`}
                    options={HONOUR_LEVELS.map((l) => ({ value: l, label: t(`panelRound.honourLevel.${l}`) }))} />
                ),
              },
            ]}
          />
          {p.recusals.length > 0 && <div style={{ marginTop: 12 }}><RecusalList recusals={p.recusals} /></div>}
          {p.ranking && <div style={{ marginTop: 12 }}><RankingTable panel={p} ranking={p.ranking} /></div>}
        </Card>
      ))}
      <CreatePanelModal roundId={roundId} open={creating} categories={free} onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          message.success(t('panelRound.created'));
          reload();
        }} />
      <ScheduleModal panel={scheduling} onClose={() => setScheduling(null)}
        onSaved={() => {
          setScheduling(null);
          message.success(t('panelRound.scheduled'));
          reload();
        }} />
    </Space>
  );
}
