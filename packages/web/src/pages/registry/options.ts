/** Select options of the taxonomy (from @keping/core, the same data as GET /api/taxonomy). */
import {
  DISTRICTS, INDUSTRY_GROUPS, KEY_INDUSTRIES, LEADING_INDUSTRIES, LISTING_STATUSES, ORGANISATION_KINDS, TALENT_FIELDS,
} from '@keping/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../labels';

export interface Option {
  value: string;
  label: string;
}

export function useTaxonomyOptions() {
  const { t } = useTranslation();
  const labels = useLabels();
  return useMemo(() => {
    const districts: Option[] = DISTRICTS.map((d) => ({ value: d.code, label: labels.district(d.code) }));
    const kinds: Option[] = ORGANISATION_KINDS.map((k) => ({ value: k, label: labels.kind(k) }));
    const listings: Option[] = LISTING_STATUSES.map((l) => ({ value: l, label: labels.listing(l) }));
    const groups: Option[] = INDUSTRY_GROUPS.map((g) => ({ value: g, label: labels.group(g) }));
    const talentFields: Option[] = TALENT_FIELDS.map((f) => ({ value: f, label: labels.talent(f) }));
    /** The list filter: either whole set ("3" / "6") or one group, grouped for the dropdown. */
    const groupFilter = [
      {
        label: t('group.leading'),
        options: [
          { value: 'leading', label: t('orgs.filter.anyLeading') },
          ...LEADING_INDUSTRIES.map((g) => ({ value: g, label: labels.group(g) })),
        ],
      },
      {
        label: t('group.key'),
        options: [
          { value: 'key', label: t('orgs.filter.anyKey') },
          ...KEY_INDUSTRIES.map((g) => ({ value: g, label: labels.group(g) })),
        ],
      },
    ];
    return { districts, kinds, listings, groups, talentFields, groupFilter };
  }, [t, labels]);
}
