/** One cycle and its candidates, reloaded on demand (after an import, an exclusion, a computation). */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { describeError } from '../../../components/describeError';
import type { Candidate, Cycle } from '../../../indexTypes';

export function useCycleData(id: number) {
  const { t } = useTranslation();
  const [cycle, setCycle] = useState<Cycle | null>(null);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    Promise.all([api.getCycle(id), api.listCandidates(id)])
      .then(([c, list]) => {
        if (!current) return;
        setCycle(c);
        setCandidates(list.items);
        setError(null);
      })
      .catch((e: unknown) => current && setError(describeError(e, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [id, version, t]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { cycle, candidates, loading, error, reload };
}
