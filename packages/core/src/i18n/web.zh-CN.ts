/** 网页端中文文案。 */
import type { WebKey } from './web.en.js';

export const webZh: Record<WebKey, string> = {
  'app.title': '科评',
};
