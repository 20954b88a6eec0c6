import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { echarts, type ChartOption } from './echarts';

interface Props {
  option: ChartOption;
  testId: string;
  height?: number;
}

/**
 * One chart on a canvas, in the UI language (ECharts' own texts: ZH or EN), resized with its box.
 * A direct binding to echarts/core: echarts-for-react 3.0.6 imports tslib without declaring it.
 */
export function EChart({ option, testId, height = 320 }: Props) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'EN' : 'ZH';
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { locale, renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return (
    <div data-testid={testId}>
      <div ref={box} style={{ height, width: '100%' }} />
    </div>
  );
}
