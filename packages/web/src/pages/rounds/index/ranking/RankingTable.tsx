import type { PoolSource } from '@keping/core';
import { Button, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../../indexTypes';
import { formatScore } from '../model';
import { SourceTags } from '../SourceTags';

interface Props {
  candidates: Candidate[];
  pillars: { id: string; name: string }[];
  topN: number;
  loading: boolean;
  /** Present when the user may exclude and re-include candidates. */
  onExclusion?: (candidate: Candidate) => void;
}

const nowrap = { whiteSpace: 'nowrap' as const };

/** The draft ranking: rank, score, Monte Carlo rank band, pillar scores, sources, exclusion. */
export function RankingTable({ candidates, pillars, topN, loading, onExclusion }: Props) {
  const { t } = useTranslation();
  const hasBands = candidates.some((c) => c.rankP05 !== null && c.rankP95 !== null);

  const columns: TableProps<Candidate>['columns'] = [
    {
      key: 'rank',
      title: t('top100.column.rank'),
      dataIndex: 'rank',
      width: 80,
      fixed: 'left',
      render: (rank: number | null, c) => {
        if (rank === null) return <Typography.Text type="secondary">—</Typography.Text>;
        const text = <span data-testid={`rank-${c.uscc}`}>{rank}</span>;
        if (c.excluded) return <Typography.Text delete type="secondary">{text}</Typography.Text>;
        return rank <= topN ? <Typography.Text strong>{text}</Typography.Text> : text;
      },
    },
    {
      key: 'name',
      title: t('top100.column.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <span>
          <span data-testid={`name-${c.uscc}`}>{name}</span>
          {c.excluded && (
            <Tooltip title={c.exclusionReason}>
              <Tag color="red" style={{ marginInlineStart: 8 }} data-testid={`excluded-${c.uscc}`}>{t('ranking.excluded')}</Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    { key: 'score', title: t('top100.column.score'), dataIndex: 'score', align: 'right', render: (v: number | null) => formatScore(v) },
    ...(hasBands ? [{
      key: 'band',
      title: <Tooltip title={t('ranking.bandHint')}><span style={nowrap}>{t('ranking.band')}</span></Tooltip>,
      align: 'center' as const,
      render: (_: unknown, c: Candidate) => (c.rankP05 !== null && c.rankP95 !== null
        ? <span style={nowrap}>{c.rankP05}–{c.rankP95}</span> : '—'),
    }] : []),
    ...pillars.map((p) => ({
      key: `pillar-${p.id}`,
      title: <span style={nowrap}>{p.name}</span>,
      align: 'right' as const,
      render: (_: unknown, c: Candidate) => formatScore(c.groupScores?.[p.id]),
    })),
    { key: 'sources', title: t('pool.sources'), dataIndex: 'sources', render: (s: PoolSource[]) => <SourceTags sources={s} /> },
    ...(onExclusion ? [{
      key: 'actions',
      title: t('users.actions'),
      fixed: 'right' as const,
      render: (_: unknown, c: Candidate) => (
        <Button
          size="small"
          danger={!c.excluded}
          onClick={() => onExclusion(c)}
          data-testid={c.excluded ? `include-${c.uscc}` : `exclude-${c.uscc}`}
        >
          {c.excluded ? t('ranking.include') : t('ranking.exclude')}
        </Button>
      ),
    }] : []),
  ];

  return (
    <Table<Candidate>
      data-testid="ranking-table"
      rowKey="uscc"
      size="small"
      loading={loading}
      dataSource={candidates}
      columns={columns}
      scroll={{ x: 'max-content' }}
      onRow={(c) => ({
        'data-testid': `rank-row-${c.uscc}`,
        'data-rank': c.rank ?? '',
        style: c.excluded ? { background: '#fafafa' } : c.rank !== null && c.rank <= topN ? {} : { color: '#595959' },
      }) as HTMLAttributes<HTMLElement>}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t('pool.count', { count: n }) }}
    />
  );
}
