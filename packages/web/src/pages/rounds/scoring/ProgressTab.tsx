import { Alert, App, Button, Card, Progress, Space, Spin, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/describeError';
import type { Program } from '../../../programTypes';
import { scoringApi } from '../../../scoringApi';
import type { CategoryProgress, ExpertProgress, ScoringProgress } from '../../../scoringTypes';
import { useCategoryName } from './model';

interface Props {
  roundId: number;
  program: Program;
  editable: boolean;
  version: number;
}

const percent = (done: number, all: number) => (all === 0 ? 0 : Math.round((done / all) * 100));

/** How far the experts have got, per expert and per category, and reminders to those with items left (in the app, and by e-mail when the site has SMTP). */
export function ProgressTab({ roundId, program, editable, version }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const categoryName = useCategoryName(program);
  const [progress, setProgress] = useState<ScoringProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    scoringApi.progress(roundId)
      .then((p) => live && setProgress(p))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [roundId, version, tick, t]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!progress) return <Spin />;
  const { totals } = progress;
  const due = progress.experts.filter((e) => e.assigned > e.submitted).length;

  const remind = (expertIds?: number[]) => {
    setBusy(true);
    scoringApi.remind(roundId, expertIds)
      .then((r) => {
        message.success(t(r.emailed > 0 ? 'scoringRound.progress.remindedByMail' : 'scoringRound.progress.reminded', { n: r.reminded.length, m: r.emailed }));
        setTick((x) => x + 1);
      })
      .catch((e: unknown) => message.error(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size="large">
          <Progress type="circle" size={72} percent={percent(totals.submitted, totals.assigned)} />
          <Typography.Text data-testid="progress-totals">
            {t('scoringRound.progress.totals', { submitted: totals.submitted, draft: totals.draft, assigned: totals.assigned })}
          </Typography.Text>
          {editable && (
            <Button onClick={() => remind()} loading={busy} disabled={due === 0} data-testid="remind-all">
              {t('scoringRound.progress.remindAll', { n: due })}
            </Button>
          )}
          <Typography.Text type="secondary">{t('scoringRound.progress.inAppOnly')}</Typography.Text>
        </Space>
      </Card>
      <Table<ExpertProgress>
        data-testid="progress-experts"
        size="small"
        rowKey="expertId"
        title={() => t('scoringRound.progress.byExpert')}
        dataSource={progress.experts}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(e) => ({ 'data-testid': `progress-expert-${e.expertId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('scoringRound.expert'), dataIndex: 'name' },
          { title: t('scoringRound.progress.assigned'), dataIndex: 'assigned' },
          { title: t('scoringRound.sheet.submitted'), dataIndex: 'submitted' },
          { title: t('scoringRound.sheet.draft'), dataIndex: 'draft' },
          { title: t('scoringRound.sheet.none'), dataIndex: 'pending' },
          { title: t('scoring.status.recused'), dataIndex: 'recused' },
          {
            title: t('scoringRound.progress.done'), key: 'done', width: 160,
            render: (_: unknown, e) => <Progress size="small" percent={percent(e.submitted, e.assigned)} />,
          },
          ...(editable ? [{
            title: t('programs.actions'), key: 'actions',
            render: (_: unknown, e: ExpertProgress) => e.assigned > e.submitted && e.userId !== null && (
              <Button size="small" onClick={() => remind([e.expertId])} disabled={busy} data-testid={`remind-${e.expertId}`}>
                {t('scoringRound.progress.remind')}
              </Button>
            ),
          }] : []),
        ]}
      />
      <Table<CategoryProgress>
        data-testid="progress-categories"
        size="small"
        rowKey={(c) => c.category ?? '-'}
        title={() => t('scoringRound.progress.byCategory')}
        dataSource={progress.categories}
        pagination={false}
        columns={[
          { title: t('fields.category'), dataIndex: 'category', render: (c: string | null) => categoryName(c) },
          { title: t('scoringRound.progress.entries'), dataIndex: 'entries' },
          { title: t('scoringRound.progress.completeEntries'), dataIndex: 'completeEntries' },
          { title: t('scoringRound.progress.assigned'), dataIndex: 'assigned' },
          { title: t('scoringRound.sheet.submitted'), dataIndex: 'submitted' },
          { title: t('scoringRound.sheet.draft'), dataIndex: 'draft' },
          {
            title: t('scoringRound.progress.done'), key: 'done', width: 160,
            render: (_: unknown, c) => <Progress size="small" percent={percent(c.submitted, c.assigned)} />,
          },
        ]}
      />
    </Space>
  );
}
