/** Names of designation titles, tiers, statuses, steps and grades in the current language: never their keys. */
import { DESIGNATION_CATALOGUE, DESIGNATION_TITLES, isDesignationTitle } from '@keping/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const PUBLICATION_REF = /^publication:(\d+)$/;

export function useDesignationLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const name = (b: { zh: string; en: string }) => (language === 'en' ? b.en : b.zh);
    const spec = (title: string) => (isDesignationTitle(title) ? DESIGNATION_CATALOGUE[title] : undefined);
    return {
      title: (title: string) => {
        const s = spec(title);
        return s ? name(s.name) : t('designations.unknownTitle');
      },
      tier: (title: string, tier: string | null) => {
        if (tier === null) return '';
        const found = spec(title)?.tiers.find((x) => x.key === tier);
        return found ? name(found.name) : t('designations.unknownTier');
      },
      grantingBody: (title: string) => {
        const s = spec(title);
        return s ? name(s.grantingBody) : '';
      },
      status: (status: string) => t(`designation.status.${status}`),
      kind: (kind: string) => t(`designation.event.${kind}`),
      grade: (grade: string) => t(`designation.grade.${grade}`),
      /** A decision reference as people read it: a publication of this platform, or the text as written. */
      decision: (ref: string) => {
        const m = PUBLICATION_REF.exec(ref);
        return m ? t('designations.publicationDecision', { id: m[1] }) : ref;
      },
      /** Title options, then one per tier, for selects ("title" or "title:tier"). */
      filterOptions: () => DESIGNATION_TITLES.map((key) => ({
        label: name(DESIGNATION_CATALOGUE[key].name),
        options: [
          { value: key, label: t('designations.anyTier', { title: name(DESIGNATION_CATALOGUE[key].name) }) },
          ...DESIGNATION_CATALOGUE[key].tiers.map((tier) => ({ value: `${key}:${tier.key}`, label: `${name(DESIGNATION_CATALOGUE[key].name)} · ${name(tier.name)}` })),
        ],
      })),
      titleOptions: () => DESIGNATION_TITLES.map((key) => ({ value: key, label: name(DESIGNATION_CATALOGUE[key].name) })),
      tierOptions: (title: string | undefined) => (title && spec(title) ? spec(title)?.tiers.map((x) => ({ value: x.key, label: name(x.name) })) ?? [] : []),
    };
  }, [t, language]);
}
