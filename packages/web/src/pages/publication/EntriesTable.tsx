import { Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../programTypes';
import type { Entry, ListDecision } from '../../publicationTypes';
import { useBilingual } from '../programs/model';
import { decisionText } from './model';
import { EntryStatusTag } from './PublicationTags';

interface Props {
  entries: Entry[];
  decisions: ListDecision[];
  program: Program;
}

/** The list as the office sees it: removed entries stay visible, struck through, with the decision that removed them. */
export function EntriesTable({ entries, decisions, program }: Props) {
  const { t } = useTranslation();
  const local = useBilingual();
  const category = (key: string | null) => (key ? local(program.categories.find((c) => c.key === key)?.name) || key : '—');
  return (
    <Table<Entry>
      data-testid="publication-entries"
      rowKey="id"
      size="small"
      dataSource={entries}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: t('publicationPage.noEntries') }}
      onRow={(e) => ({ 'data-testid': `entry-row-${e.id}`, 'data-status': e.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '#', dataIndex: 'position', width: 50 },
        {
          title: t('publicationPage.holder'), key: 'holder',
          render: (_: unknown, e) => (
            <Typography.Text delete={e.status === 'removed'}>{e.holder}</Typography.Text>
          ),
        },
        { title: t('fields.title'), dataIndex: 'title' },
        { title: t('fields.category'), dataIndex: 'category', width: 110, render: (c: string | null) => category(c) },
        { title: t('publicationPage.rank'), dataIndex: 'rank', width: 90, render: (r: number | null) => <span data-testid="entry-rank">{r ?? '—'}</span> },
        { title: t('publicationPage.score'), dataIndex: 'score', width: 90, render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
        {
          title: t('publicationPage.outcome'), key: 'outcome',
          render: (_: unknown, e) => (
            <Space wrap>
              <span data-testid={`entry-outcome-${e.id}`}>{local(e.outcome)}</span>
              {e.kind === 'award' && <Tag>{t('publicationPage.kind.award')}</Tag>}
              {e.honour && <Tag color="gold">{t(`publication.honour.${e.honour}`)}</Tag>}
            </Space>
          ),
        },
        {
          title: t('fields.status'), key: 'status',
          render: (_: unknown, e) => {
            const changes = decisions.filter((d) => d.entryId === e.id);
            return (
              <Space direction="vertical" size={0}>
                <EntryStatusTag status={e.status} testId={`entry-status-${e.id}`} />
                {changes.map((d) => (
                  <Typography.Text key={d.id} type="secondary" data-testid={`entry-change-${e.id}`}>
                    {decisionText(t, local, d)} {t('publicationPage.byObjection', { id: d.objectionId })}
                  </Typography.Text>
                ))}
              </Space>
            );
          },
        },
      ]}
    />
  );
}
