/** The list's filters, page and sort live in the address bar, so a view can be shared and reloaded. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { SORT_KEYS, type OrganisationQuery, type SortKey } from '../../types';

export const FILTER_KEYS = ['q', 'district', 'kind', 'listing', 'group', 'talentField', 'designation', 'designationOn'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const DEFAULT_PAGE_SIZE = 20;

export function useOrganisationQuery(): [OrganisationQuery, (patch: Partial<OrganisationQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo<OrganisationQuery>(() => {
    const q: OrganisationQuery = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) q[k] = v;
    }
    q.page = Math.max(1, Number(params.get('page')) || 1);
    q.pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE));
    const sort = params.get('sort');
    if (sort && (SORT_KEYS as readonly string[]).includes(sort)) {
      q.sort = sort as SortKey;
      q.order = params.get('order') === 'desc' ? 'desc' : 'asc';
    }
    return q;
  }, [params]);

  const update = useCallback(
    (patch: Partial<OrganisationQuery>) => {
      const next = { ...query, ...patch };
      // a new filter or sort starts again at page 1
      if (!('page' in patch)) next.page = 1;
      const out = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) {
        if (v === undefined || v === null || v === '') continue;
        if (k === 'page' && v === 1) continue;
        if (k === 'pageSize' && v === DEFAULT_PAGE_SIZE) continue;
        out.set(k, String(v));
      }
      setParams(out, { replace: true });
    },
    [query, setParams],
  );

  return [query, update];
}
