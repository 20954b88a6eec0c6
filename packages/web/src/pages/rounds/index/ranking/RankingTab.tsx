import { App, Input, Segmented, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, Cycle } from '../../../../indexTypes';
import { can, useSession } from '../../../../session';
import { specOutline } from '../model';
import { ComputePanel } from './ComputePanel';
import { ExclusionModal } from './ExclusionModal';
import { RankingTable } from './RankingTable';
import { RobustnessPanel } from './RobustnessPanel';

interface Props {
  cycle: Cycle;
  candidates: Candidate[];
  reload: () => void;
  loading: boolean;
}

type Filter = 'all' | 'top' | 'excluded' | 'unranked';

/** 排名: compute with a progress bar, review the draft ranking, exclude a candidate with a reason. */
export function RankingTab({ cycle, candidates, reload, loading }: Props) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<Candidate | null>(null);
  const pillars = useMemo(() => specOutline(cycle.spec, i18n.language).pillars, [cycle.spec, i18n.language]);
  const editable = can(user, 'editTop100') && cycle.status !== 'published';

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return candidates.filter((c) => {
      if (filter === 'top' && (c.excluded || c.rank === null || c.rank > cycle.topN)) return false;
      if (filter === 'excluded' && !c.excluded) return false;
      if (filter === 'unranked' && (c.rank !== null || c.excluded)) return false;
      return !needle || c.name.toLowerCase().includes(needle) || c.uscc.toLowerCase().includes(needle);
    });
  }, [candidates, filter, q, cycle.topN]);
  const count = (f: Filter) => (f === 'all' ? candidates.length : candidates.filter((c) => (f === 'excluded' ? c.excluded : f === 'unranked'
    ? c.rank === null && !c.excluded : !c.excluded && c.rank !== null && c.rank <= cycle.topN)).length);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ComputePanel cycle={cycle} onComputed={reload} />
      {cycle.computation && <RobustnessPanel summary={cycle.computation} spec={cycle.spec} />}
      <Space wrap>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="ranking-filter"
          options={(['all', 'top', 'excluded', 'unranked'] as const).map((f) => ({
            value: f,
            label: <span data-testid={`ranking-filter-${f}`}>{`${t(`ranking.filter.${f}`, { topN: cycle.topN })} (${count(f)})`}</span>,
          }))}
        />
        <Input.Search
          allowClear
          placeholder={t('orgs.searchPlaceholder')}
          style={{ width: 280 }}
          onSearch={setQ}
          onChange={(e) => !e.target.value && setQ('')}
          data-testid="ranking-search"
        />
      </Space>
      <RankingTable
        candidates={shown}
        pillars={pillars}
        topN={cycle.topN}
        loading={loading}
        {...(editable ? { onExclusion: setTarget } : {})}
      />
      <ExclusionModal
        cycleId={cycle.id}
        candidate={target}
        onClose={() => setTarget(null)}
        onDone={(c, excluded) => {
          setTarget(null);
          message.success(t(excluded ? 'ranking.excludedDone' : 'ranking.includedDone', { name: c.name }));
          reload();
        }}
      />
    </Space>
  );
}
