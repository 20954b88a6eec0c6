import { INDUSTRY_GROUPS, TALENT_FIELDS } from '@keping/core';
import { useCallback } from 'react';
import { useLabels } from '../../labels';

/** An expertise tag as people read it: a taxonomy id by its translated name, a free tag as written. */
export function useTagLabel(): (tag: string) => string {
  const labels = useLabels();
  return useCallback((tag: string) => {
    if ((INDUSTRY_GROUPS as readonly string[]).includes(tag)) return labels.group(tag);
    if ((TALENT_FIELDS as readonly string[]).includes(tag)) return labels.talent(tag);
    return tag;
  }, [labels]);
}
