import { Alert, App, Button, Card, Popconfirm, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { ScreeningItem } from '../../../programTypes';
import { can, useSession } from '../../../session';
import { automaticOutcome, DecisionModal } from './DecisionModal';
import { FactsDrawer } from './FactsDrawer';
import { EligibilityLines } from '../../programs/EligibilityLines';
import { useBilingual } from '../../programs/model';
import { RoundStatusTag } from '../../programs/ProgramTags';
import { useProgramData } from '../../programs/useProgramData';

/** 初筛: run the rules on every submitted application, confirm or override each verdict with a reason, close the round. */
export function ScreeningPage() {
  const { id = '', roundId: rawRound = '' } = useParams();
  const roundId = Number(rawRound);
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const local = useBilingual();
  const [busy, setBusy] = useState<'run' | 'close' | number | null>(null);
  const [deciding, setDeciding] = useState<ScreeningItem | null>(null);
  const [factsOf, setFactsOf] = useState<ScreeningItem | null>(null);
  const { program, data: list, error, reload } = useProgramData(Number(id), roundId, () => api.listScreening(roundId));
  const editable = can(user, 'editPrograms');

  if (error && !list) return <Alert type="error" showIcon message={error} data-testid="screening-error" />;
  if (!list || !program) return <Spin style={{ display: 'block', margin: 48 }} />;
  const closed = list.round.status === 'closed';
  const unscreened = list.items.filter((i) => !i.screened).length;

  const act = (kind: 'run' | 'close' | number, work: () => Promise<string>) => {
    setBusy(kind);
    work()
      .then((text) => {
        message.success(text);
        reload();
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(null));
  };
  const run = () => act('run', async () => t('screening.ran', { ...(await api.runScreening(roundId)) }));
  const close = () => act('close', async () => t('screening.closed', { ...(await api.closeRound(roundId)) }));
  const confirm = (item: ScreeningItem) => {
    const outcome = automaticOutcome(item.eligibility.verdict);
    if (!outcome) return;
    act(item.applicationId, async () => {
      await api.decideScreening(roundId, {
        applicationId: item.applicationId, outcome, reasonCode: outcome === 'advance' ? 'rule_passed' : 'rule_failed', note: '',
      });
      return t('screening.confirmed');
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="page-title">{t('screening.title', { round: local(list.round.name) })}</span>
            <RoundStatusTag status={list.round.status} testId="round-status" />
          </Space>
        }
        extra={<Link to={`/programs/${program.id}`}>{local(program.title)}</Link>}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="screening-summary">
            {t('screening.summary', { total: list.items.length, unscreened, undecided: list.undecided })}
          </Typography.Text>
          {editable && !closed && (
            <Space wrap>
              <Button type="primary" loading={busy === 'run'} onClick={run} data-testid="screening-run">{t('screening.run')}</Button>
              <Popconfirm title={t('screening.closeConfirm')} description={t('screening.closeConfirmText')} onConfirm={close}
                okButtonProps={{ 'data-testid': 'screening-close-ok' }}>
                <Button danger disabled={list.undecided > 0 || list.items.length === 0} loading={busy === 'close'} data-testid="screening-close">
                  {t('screening.close')}
                </Button>
              </Popconfirm>
              {list.undecided > 0 && <Typography.Text type="secondary">{t('screening.closeBlocked', { n: list.undecided })}</Typography.Text>}
            </Space>
          )}
        </Space>
      </Card>
      <Card size="small">
        <Table<ScreeningItem>
          data-testid="screening-table"
          rowKey="applicationId"
          dataSource={list.items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('screening.empty') }}
          onRow={(r) => ({ 'data-testid': `screening-row-${r.applicationId}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('applications.organisation'), key: 'org', width: 220,
              render: (_: unknown, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.organisationName ?? r.uscc}</span>
                  <Typography.Text type="secondary">{r.title}</Typography.Text>
                  {r.applicationStatus !== 'submitted' && <Tag>{t(`programs.application.status.${r.applicationStatus}`)}</Tag>}
                  <Space size={4} wrap>
                    {(r.factsChanged?.length ?? 0) > 0 && (
                      <Tooltip title={r.factsChanged?.join('、')}>
                        <Tag color="warning" data-testid={`screening-facts-changed-${r.applicationId}`}>{t('facts.changedTag')}</Tag>
                      </Tooltip>
                    )}
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setFactsOf(r)} data-testid={`screening-facts-${r.applicationId}`}>
                      {t('facts.open')}
                    </Button>
                  </Space>
                </Space>
              ),
            },
            {
              title: t('screening.verdict'), key: 'verdict',
              render: (_: unknown, r) => <EligibilityLines result={r.eligibility} testId={`screening-eligibility-${r.applicationId}`} />,
            },
            {
              title: t('screening.decision'), key: 'decision', width: 260,
              render: (_: unknown, r) => r.decision ? (
                <Space direction="vertical" size={0} data-testid={`screening-decision-${r.applicationId}`}>
                  <Space wrap>
                    <Tag color={r.decision.outcome === 'advance' ? 'green' : 'red'}>{r.decision.outcomeText}</Tag>
                    {r.decision.override && <Tag color="purple">{t('screening.override')}</Tag>}
                  </Space>
                  <span>{r.decision.reasonText}</span>
                  {r.decision.note && <Typography.Text type="secondary">{r.decision.note}</Typography.Text>}
                </Space>
              ) : <Typography.Text type="secondary">{t('screening.undecided')}</Typography.Text>,
            },
            ...(editable && !closed ? [{
              title: t('programs.actions'), key: 'actions', width: 200,
              render: (_: unknown, r: ScreeningItem) => r.screened && r.applicationStatus === 'submitted' && (
                <Space wrap>
                  {automaticOutcome(r.eligibility.verdict) && !r.decision && (
                    <Button size="small" loading={busy === r.applicationId} onClick={() => confirm(r)} data-testid={`screening-confirm-${r.applicationId}`}>
                      {t('screening.confirm')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setDeciding(r)} data-testid={`screening-decide-${r.applicationId}`}>
                    {r.decision ? t('screening.change') : t('screening.decide')}
                  </Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>
      <FactsDrawer applicationId={factsOf?.applicationId ?? null} title={factsOf ? (factsOf.organisationName ?? factsOf.uscc) : ''}
        canRerun={editable && !closed && factsOf?.applicationStatus === 'submitted'} onClose={() => setFactsOf(null)} onRerun={reload} />
      <DecisionModal roundId={roundId} item={deciding} onClose={() => setDeciding(null)}
        onDecided={() => {
          setDeciding(null);
          message.success(t('screening.saved'));
          reload();
        }} />
    </Space>
  );
}
