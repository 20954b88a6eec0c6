import type { NominationStatus, ObjectionStatus, PublicationStatus } from '@keping/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntryStatus } from '../../publicationTypes';

const PUBLICATION_COLOR: Record<PublicationStatus, string> = { draft: 'gold', published: 'processing', final: 'green' };
const OBJECTION_COLOR: Record<ObjectionStatus, string> = { open: 'orange', investigating: 'blue', upheld: 'red', dismissed: 'default' };
const NOMINATION_COLOR: Record<NominationStatus, string> = { pending: 'gold', granted: 'green', declined: 'default' };

export function PublicationStatusTag({ status, testId }: { status: PublicationStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={PUBLICATION_COLOR[status]} data-testid={testId}>{t(`publication.status.${status}`)}</Tag>;
}

export function ObjectionStatusTag({ status, testId }: { status: ObjectionStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={OBJECTION_COLOR[status]} data-testid={testId}>{t(`publication.objection.status.${status}`)}</Tag>;
}

export function NominationStatusTag({ status, testId }: { status: NominationStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={NOMINATION_COLOR[status]} data-testid={testId}>{t(`awards.status.${status}`)}</Tag>;
}

export function EntryStatusTag({ status, testId }: { status: EntryStatus; testId?: string }) {
  const { t } = useTranslation();
  return <Tag color={status === 'listed' ? 'green' : 'red'} data-testid={testId}>{t(`publicationPage.entryStatus.${status}`)}</Tag>;
}
