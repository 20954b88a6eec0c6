import type { ApplicationStatus, ProgramStatus, RoundStatus, Verdict } from '@keping/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const PROGRAM_COLOR: Record<ProgramStatus, string> = { draft: 'default', published: 'green', archived: 'default' };
const ROUND_COLOR: Record<RoundStatus, string> = { pending: 'default', open: 'processing', closed: 'green' };
const APPLICATION_COLOR: Record<ApplicationStatus, string> = { draft: 'gold', submitted: 'blue', withdrawn: 'default' };
const VERDICT_COLOR: Record<Verdict, string> = { eligible: 'green', ineligible: 'red', unknown: 'orange' };

export function ProgramStatusTag({ status }: { status: ProgramStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROGRAM_COLOR[status]}>{t(`programs.status.${status}`)}</Tag>;
}

export function RoundStatusTag({ status, testId }: { status: RoundStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={ROUND_COLOR[status]} data-testid={testId}>{t(`programs.roundStatus.${status}`)}</Tag>;
}

export function ApplicationStatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={APPLICATION_COLOR[status]} data-testid={testId}>{t(`programs.application.status.${status}`)}</Tag>;
}

export function VerdictTag({ verdict, testId }: { verdict: Verdict | null; testId?: string }) {
  const { t } = useTranslation();
  if (!verdict) return <Tag data-testid={testId}>{t('screening.notRun')}</Tag>;
  return <Tag color={VERDICT_COLOR[verdict]} data-testid={testId}>{t(`programs.verdict.${verdict}`)}</Tag>;
}
