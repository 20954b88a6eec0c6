/** Helpers shared by the scoring and panel pages: category names, server field errors, the expert picker's options. */
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api';
import type { Program } from '../../../programTypes';
import type { ResultFlag } from '../../../scoringTypes';
import { useBilingual } from '../../programs/model';

/** A category's name in the reader's language, its key when the program does not know it, a dash for none. */
export function useCategoryName(program: Program | null): (key: string | null) => string {
  const local = useBilingual();
  return useCallback(
    (key) => (key === null ? '—' : local(program?.categories.find((c) => c.key === key)?.name) || key),
    [program, local],
  );
}

/** Puts the server's field errors on the form (`strip`: a prefix such as `config.`); true when some were placed. */
export function showFieldErrors(form: FormInstance, error: unknown, strip = ''): boolean {
  if (!(error instanceof ApiError)) return false;
  const list = error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.message }] : [];
  const placed = list.filter((e) => e.field).map((e) => ({
    name: (e.field ?? '').replace(strip, '').split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    errors: [e.message],
  }));
  try {
    form.setFields(placed);
  } catch {
    return false;
  }
  return placed.length > 0;
}

export interface ExpertOption {
  value: number;
  label: string;
}

/** Active experts of the pool for a picker, searched by name; the first 50 until the user types. */
export function useExpertOptions(): { options: ExpertOption[]; search: (q: string) => void; loading: boolean } {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<ExpertOption[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      api.listExperts({ q: q || undefined, status: 'active', pageSize: 50 })
        .then((page) => live && setOptions(page.items.map((e) => ({ value: e.id, label: e.professionalTitle ? `${e.name}（${e.professionalTitle}）` : e.name }))))
        .catch(() => live && setOptions([]))
        .finally(() => live && setLoading(false));
    }, q ? 250 : 0);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q]);
  return { options, search: setQ, loading };
}

const FLAG_COLOR: Record<ResultFlag, string> = {
  tie_at_cutoff: 'orange', tie_unresolved: 'red', no_quota: 'default', no_score: 'default', rank_uncertain: 'gold',
};
export const flagColor = (flag: ResultFlag): string => FLAG_COLOR[flag] ?? 'default';

/** Rounds a score for display: two decimals, a dash for none. */
export const score = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : String(Math.round(v * 100) / 100));

export function useFlagLabel(): (flag: ResultFlag) => string {
  const { t } = useTranslation();
  return useCallback((flag) => t(`scoringRound.flag.${flag}`), [t]);
}
