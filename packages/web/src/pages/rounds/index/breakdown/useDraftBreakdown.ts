/**
 * The breakdown of a ranking's top N before it is published: the server computes it only when
 * publishing, so the organisations' groups, listing and district are read from the registry here.
 */
import { breakdownOf, type Breakdown, type ListedOrganisation } from '@keping/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api';
import { describeError } from '../../../../components/describeError';

const PARALLEL = 8;

export function useDraftBreakdown(usccs: string[] | null) {
  const { t } = useTranslation();
  const [breakdown, setBreakdown] = useState<Breakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = usccs?.join(',') ?? '';

  useEffect(() => {
    if (!key) return;
    let current = true;
    const queue = key.split(',');
    const found: ListedOrganisation[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined && current; next = queue.shift()) {
        const o = await api.getOrganisation(next);
        found.push({ groups: o.groups, listing: o.listing, district: o.district });
      }
    };
    setBreakdown(null);
    Promise.all(Array.from({ length: PARALLEL }, worker))
      .then(() => current && setBreakdown(breakdownOf(found)))
      .catch((e: unknown) => current && setError(describeError(e, t)));
    return () => {
      current = false;
    };
  }, [key, t]);

  return { breakdown, error };
}
