import { Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelRankingView, PanelView } from '../../../scoringTypes';
import { score } from '../scoring/model';

type Line = PanelRankingView['lines'][number];

/** A panel's ranking: live while open (with what is still unmarked), as signed off once the chair has signed. */
export function RankingTable({ panel, ranking }: { panel: PanelView; ranking: PanelRankingView }) {
  const { t } = useTranslation();
  const title = (id: number) => panel.entries.find((e) => e.applicationId === id)?.title ?? '';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={ranking.signed ? 'green' : 'processing'}>{ranking.signed ? t('panelRound.ranking.signed') : t('panelRound.ranking.live')}</Tag>
        {!ranking.signed && ranking.missing.length > 0 && (
          <Typography.Text type="warning" data-testid={`ranking-missing-${panel.id}`}>{t('panelRound.ranking.missing', { n: ranking.missing.length })}</Typography.Text>
        )}
        {!ranking.signed && ranking.tie && (
          <Typography.Text type="danger">
            {t('panelRound.ranking.tie', { ids: ranking.tie.applicationIds.map((id) => `#${id}`).join(', '), places: ranking.tie.places })}
          </Typography.Text>
        )}
      </Space>
      <Table<Line>
        size="small"
        rowKey="applicationId"
        pagination={false}
        dataSource={ranking.lines}
        data-testid={`ranking-${panel.id}`}
        onRow={(l) => ({ 'data-testid': `ranking-line-${l.applicationId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('scoringRound.results.rank'), dataIndex: 'rank', width: 60 },
          { title: t('scoringRound.entry'), key: 'entry', render: (_: unknown, l) => `#${l.applicationId} ${title(l.applicationId)}` },
          ...(panel.mode === 'score'
            ? [{ title: t('panelRound.total'), key: 'total', render: (_: unknown, l: Line) => score(l.total) }]
            : [{ title: t('panelRound.votes'), key: 'votes', render: (_: unknown, l: Line) => t('panelRound.votesText', { yes: l.yes, no: l.no }) }]),
          ...(ranking.signed ? [] : [{ title: t('panelRound.marks'), key: 'marks', render: (_: unknown, l: Line) => ('marks' in l ? String(l.marks) : '') }]),
          {
            title: t('panelRound.outcome'), key: 'outcome',
            render: (_: unknown, l) => (
              <Space size={2}>
                {l.selected && <Tag color="green">{t('panelRound.selected')}</Tag>}
                {l.tied && <Tag color="orange">{t('panelRound.tied')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
