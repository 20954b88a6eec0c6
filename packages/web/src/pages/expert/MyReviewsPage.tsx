import { Alert, Card, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../components/describeError';
import { scoringApi } from '../../scoringApi';
import type { ExpertItemSummary } from '../../scoringTypes';
import { useBilingual } from '../programs/model';
import { RoundStatusTag } from '../programs/ProgramTags';

const SHEET_COLOR: Record<ExpertItemSummary['sheetStatus'], string> = { none: 'default', draft: 'gold', submitted: 'green' };

/** 我的评审: the items assigned to the logged-in expert, with how far each sheet has got. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const local = useBilingual();
  const [items, setItems] = useState<ExpertItemSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    scoringApi.myItems()
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [t]);

  const todo = (items ?? []).filter((i) => i.sheetStatus !== 'submitted' && i.roundStatus !== 'closed').length;
  return (
    <Card title={<span data-testid="page-title">{t('expertPortal.title')}</span>} extra={items && <span data-testid="reviews-todo">{t('expertPortal.todo', { n: todo })}</span>}>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<ExpertItemSummary>
        data-testid="reviews-table"
        rowKey="assignmentId"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('expertPortal.empty') }}
        onRow={(i) => ({ 'data-testid': `review-row-${i.assignmentId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('expertPortal.round'), key: 'round', render: (_: unknown, i) => local(i.roundName) },
          { title: t('expertPortal.entryNo'), dataIndex: 'entryId', width: 90, render: (id: number) => `#${id}` },
          {
            title: t('fields.title'), dataIndex: 'title',
            render: (title: string, i) => <Link to={`/reviews/${i.assignmentId}`} data-testid={`review-open-${i.assignmentId}`}>{title}</Link>,
          },
          { title: t('fields.status'), dataIndex: 'roundStatus', render: (s: ExpertItemSummary['roundStatus']) => <RoundStatusTag status={s} /> },
          {
            title: t('expertPortal.sheet'), dataIndex: 'sheetStatus',
            render: (s: ExpertItemSummary['sheetStatus']) => <Tag color={SHEET_COLOR[s]}>{t(`scoringRound.sheet.${s}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
