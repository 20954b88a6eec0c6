import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../../indexTypes';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';

const AROUND = 30;
/** ECharts' mark for a missing value. */
const NO_BAND: '-'[] = ['-', '-', '-', '-', '-'];

/** Ranks topN − 30 … topN + 30 with their Monte Carlo 5th–95th percentile bands and the cutoff line. */
export function RankBands({ ranked, topN }: { ranked: Candidate[]; topN: number }) {
  const { t } = useTranslation();
  const rows = useMemo(
    () => ranked.filter((c) => c.rank !== null && c.rank >= topN - AROUND && c.rank <= topN + AROUND),
    [ranked, topN],
  );
  const hasBands = rows.some((c) => c.rankP05 !== null && c.rankP95 !== null);

  const option = useMemo((): ChartOption => {
    const all = rows.flatMap((c) => [c.rank ?? 0, c.rankP05 ?? c.rank ?? 0, c.rankP95 ?? c.rank ?? 0]);
    const min = Math.max(1, Math.min(...all) - 2);
    const max = Math.max(...all) + 2;
    return {
      grid: { left: 8, right: 24, top: 48, bottom: 28, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const one = Array.isArray(p) ? p[0] : p;
          const c = rows[one?.dataIndex ?? -1];
          if (!c) return '';
          const band = c.rankP05 !== null && c.rankP95 !== null ? `<br/>${t('ranking.band')}: ${c.rankP05}–${c.rankP95}` : '';
          return `${c.rank}. ${c.name}${band}`;
        },
      },
      xAxis: { type: 'category', data: rows.map((c) => String(c.rank)), name: t('top100.column.rank'), nameLocation: 'middle', nameGap: 24, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', inverse: true, min, max, name: t('charts.rankScale'), nameLocation: 'start' },
      series: [
        ...(hasBands ? [{
          type: 'boxplot' as const,
          name: t('ranking.band'),
          data: rows.map((c) => (c.rankP05 !== null && c.rankP95 !== null
            ? [c.rankP05, c.rankP05, c.rankMedian ?? c.rank ?? 0, c.rankP95, c.rankP95] : NO_BAND)),
          itemStyle: { color: 'rgba(31,95,191,0.15)', borderColor: '#1f5fbf' },
        }] : []),
        {
          type: 'scatter',
          name: t('top100.column.rank'),
          symbolSize: 6,
          data: rows.map((c) => ({ value: c.rank ?? 0, itemStyle: { color: (c.rank ?? 0) <= topN ? '#d4380d' : '#595959' } })),
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#d4380d', type: 'dashed' },
            label: { formatter: t('charts.cutoff', { topN }), position: 'insideStartTop' },
            data: [{ yAxis: topN + 0.5 }],
          },
        },
      ],
    };
  }, [rows, topN, hasBands, t]);

  return (
    <>
      {!hasBands && <Typography.Paragraph type="secondary" data-testid="rank-bands-missing">{t('charts.noBands')}</Typography.Paragraph>}
      <EChart testId="chart-rank-bands" option={option} height={360} />
    </>
  );
}
