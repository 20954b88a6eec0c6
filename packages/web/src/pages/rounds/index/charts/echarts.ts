/** The parts of ECharts the TOP100 charts use (tree-shaken), with the Chinese locale registered. */
import {
  BarChart, BoxplotChart, RadarChart, ScatterChart, type BarSeriesOption, type BoxplotSeriesOption, type RadarSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TitleComponent, TooltipComponent,
  type DataZoomComponentOption, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption,
  type RadarComponentOption, type TitleComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import langZH from 'echarts/i18n/langZH-obj.js';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, BoxplotChart, RadarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, RadarComponent,
  MarkLineComponent, DataZoomComponent, CanvasRenderer,
]);
echarts.registerLocale('ZH', langZH);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption | BoxplotSeriesOption | RadarSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption
  | LegendComponentOption | TitleComponentOption | RadarComponentOption | MarkLineComponentOption | DataZoomComponentOption
>;

export { echarts };
