/** ECharts ships its locales as UMD files without types; this is the shape registerLocale takes. */
declare module 'echarts/i18n/langZH-obj.js' {
  import type { registerLocale } from 'echarts/core';

  const locale: Parameters<typeof registerLocale>[1];
  export default locale;
}
