import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CycleStatus } from '../../../indexTypes';
import { STATUS_COLOR } from './model';

export function CycleStatusTag({ status, testId }: { status: CycleStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]} data-testid={testId}>{t(`cycle.status.${status}`)}</Tag>;
}
