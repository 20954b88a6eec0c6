import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../components/describeError';
import type { Cycle, Job } from '../../../../indexTypes';
import { can, useSession } from '../../../../session';
import { fieldErrorText } from '../model';
import { useComputeJob } from './useComputeJob';

interface Props {
  cycle: Cycle;
  onComputed: () => void;
}

/** The compute button, the job's progress bar, and why the ranking needs (re)computing. */
export function ComputePanel({ cycle, onComputed }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { job, running, error, start } = useComputeJob(cycle.id, (j: Job) => {
    if (j.status === 'done') onComputed();
  });
  const editable = can(user, 'editTop100') && cycle.status !== 'published';
  const percent = job ? Math.round(job.progress * 100) : 0;
  const progressStatus = job?.status === 'failed' ? 'exception' : job?.status === 'done' ? 'success' : 'active';

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      {cycle.status === 'stale' && (
        <Alert type="warning" showIcon data-testid="ranking-stale" message={t('ranking.stale')} description={t('ranking.staleHint')} />
      )}
      {cycle.status === 'draft' && <Alert type="info" showIcon message={t('ranking.notComputed')} />}
      <Space wrap align="center">
        {editable && (
          <Button type="primary" loading={running} onClick={() => void start()} data-testid="compute-button">
            {cycle.status === 'draft' ? t('ranking.compute') : t('ranking.recompute')}
          </Button>
        )}
        {cycle.computation && (
          <Typography.Text type="secondary" data-testid="ranking-summary">
            {t('ranking.summary', { ranked: cycle.computation.ranked, notRanked: cycle.computation.notRanked.length, replicates: cycle.computation.replicates })}
          </Typography.Text>
        )}
      </Space>
      {job && (
        <div data-testid="compute-progress" data-status={job.status} data-job={job.id} style={{ maxWidth: 480 }}>
          <Typography.Text type="secondary">{t(`ranking.job.${job.status}`)}</Typography.Text>
          <Progress percent={percent} status={progressStatus} />
        </div>
      )}
      {job?.status === 'failed' && job.error && (
        <Alert type="error" showIcon data-testid="compute-error" message={t('ranking.failed')} description={fieldErrorText(job.error, t)} />
      )}
      {error !== null && <Alert type="error" showIcon data-testid="compute-error" message={describeError(error, t)} />}
    </Space>
  );
}
