import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../../indexTypes';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';

const BINS = 30;

/** How the scores of the ranked candidates spread, the top N stacked apart from the others. */
export function ScoreHistogram({ ranked, topN }: { ranked: Candidate[]; topN: number }) {
  const { t } = useTranslation();
  const option = useMemo((): ChartOption => {
    const scores = ranked.map((c) => c.score ?? 0);
    const lo = Math.min(...scores);
    const hi = Math.max(...scores);
    const width = hi > lo ? (hi - lo) / BINS : 1;
    const top = new Array<number>(BINS).fill(0);
    const rest = new Array<number>(BINS).fill(0);
    for (const c of ranked) {
      const bin = Math.min(BINS - 1, Math.floor(((c.score ?? 0) - lo) / width));
      if ((c.rank ?? Infinity) <= topN) top[bin] = (top[bin] ?? 0) + 1;
      else rest[bin] = (rest[bin] ?? 0) + 1;
    }
    const labels = Array.from({ length: BINS }, (_, i) => `${(lo + i * width).toFixed(1)}–${(lo + (i + 1) * width).toFixed(1)}`);
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: labels, name: t('top100.column.score'), axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value', name: t('charts.count'), minInterval: 1 },
      series: [
        { type: 'bar', name: t('charts.others'), stack: 'n', data: rest, itemStyle: { color: '#8fa8cf' }, barCategoryGap: '8%' },
        { type: 'bar', name: t('charts.topN', { topN }), stack: 'n', data: top, itemStyle: { color: '#d4380d' } },
      ],
    };
  }, [ranked, topN, t]);
  return <EChart testId="chart-score-histogram" option={option} height={340} />;
}
