import { Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../../indexTypes';
import { formatScore, median } from '../model';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';

interface Props {
  ranked: Candidate[];
  pillars: { id: string; name: string }[];
}

/** One enterprise's pillar scores against the median of all ranked candidates, as a radar. */
export function PillarProfile({ ranked, pillars }: Props) {
  const { t } = useTranslation();
  const [uscc, setUscc] = useState<string | undefined>(ranked[0]?.uscc);
  const selected = ranked.find((c) => c.uscc === uscc) ?? ranked[0];

  const option = useMemo((): ChartOption => {
    const values = (p: string) => ranked.map((c) => c.groupScores?.[p]).filter((v): v is number => typeof v === 'number');
    const stats = pillars.map((p) => {
      const v = values(p.id);
      return { ...p, min: Math.min(0, ...v), max: Math.max(...v), median: median(v) ?? 0 };
    });
    const nice = (x: number) => (x === 0 ? 0 : Math.sign(x) * Math.ceil(Math.abs(x) / 10) * 10);
    return {
      legend: { bottom: 0 },
      tooltip: { trigger: 'item' },
      radar: {
        radius: '62%',
        indicator: stats.map((s) => ({ name: s.name, min: nice(s.min), max: Math.max(nice(s.max), 1) })),
      },
      series: [{
        type: 'radar',
        data: [
          { name: selected?.name ?? '', value: stats.map((s) => Number((selected?.groupScores?.[s.id] ?? 0).toFixed(2))), areaStyle: { opacity: 0.25 }, itemStyle: { color: '#d4380d' } },
          { name: t('charts.median'), value: stats.map((s) => Number(s.median.toFixed(2))), lineStyle: { type: 'dashed' }, itemStyle: { color: '#1f5fbf' } },
        ],
      }],
    };
  }, [ranked, pillars, selected, t]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        showSearch
        value={selected?.uscc}
        onChange={setUscc}
        style={{ width: '100%' }}
        optionFilterProp="label"
        data-testid="profile-select"
        options={ranked.map((c) => ({ value: c.uscc, label: `${c.rank}. ${c.name}` }))}
      />
      {selected && (
        <Typography.Text type="secondary">
          {t('charts.profileOf', { rank: selected.rank ?? '—', score: formatScore(selected.score) })}
        </Typography.Text>
      )}
      <EChart testId="chart-pillar-profile" option={option} height={340} />
    </Space>
  );
}
