import { Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupTags } from '../../../../components/TagList';
import type { Publication, PublishedEntry } from '../../../../indexTypes';
import { useLabels } from '../../../../labels';
import { formatScore } from '../model';

/** The published list as frozen at publication: rank, name, score, district, listing, industries. */
export function PublishedList({ publication, testId }: { publication: Publication; testId: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const tied = new Set(publication.tiedAtCutoff);
  const hasBands = publication.entries.some((e) => e.rankP05 !== null && e.rankP95 !== null);
  return (
    <Table<PublishedEntry>
      data-testid={testId}
      rowKey="uscc"
      size="small"
      dataSource={publication.entries}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(e) => ({ 'data-testid': `list-row-${e.rank}-${e.uscc}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'rank', title: t('top100.column.rank'), dataIndex: 'rank', width: 70 },
        {
          key: 'name',
          title: t('top100.column.name'),
          dataIndex: 'name',
          render: (name: string, e) => (
            <span>{name}{tied.has(e.uscc) && <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('publish.tied')}</Tag>}</span>
          ),
        },
        { key: 'score', title: t('top100.column.score'), dataIndex: 'score', align: 'right', render: (v: number) => formatScore(v) },
        ...(hasBands ? [{
          key: 'band', title: t('ranking.band'), align: 'center' as const,
          render: (_: unknown, e: PublishedEntry) => (e.rankP05 !== null && e.rankP95 !== null ? `${e.rankP05}–${e.rankP95}` : '—'),
        }] : []),
        { key: 'district', title: t('top100.column.district'), dataIndex: 'district', render: (v: string | null) => labels.district(v) },
        { key: 'listing', title: t('top100.column.listing'), dataIndex: 'listing', render: (v: string | null) => labels.listing(v) },
        { key: 'groups', title: t('top100.column.groups'), dataIndex: 'groups', render: (g: string[]) => <GroupTags groups={g} empty={false} /> },
      ]}
    />
  );
}
