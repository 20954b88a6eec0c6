/** Display names of taxonomy values, roles, audit actions and dates in the current language. */
import { DISTRICTS, industryName, shanghaiDateTime, shanghaiDay } from '@keping/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The instant of an ISO text, or undefined when it is not one (the text is then shown as it came). */
const instantOf = (iso: string | null | undefined): Date | undefined => {
  const d = iso ? new Date(iso) : undefined;
  return !d || Number.isNaN(d.getTime()) ? undefined : d;
};

export function useLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const en = language === 'en';
    const known = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
    return {
      district: (code: string | null | undefined) => {
        if (!code) return '';
        const d = DISTRICTS.find((x) => x.code === code);
        return d ? (en ? d.en : d.zh) : code;
      },
      kind: (k: string | null | undefined) => (k ? known(`kind.${k}`, k) : ''),
      listing: (l: string | null | undefined) => (l ? known(`listing.${l}`, l) : ''),
      group: (g: string) => known(`group.${g}`, g),
      talent: (f: string) => known(`talent.${f}`, f),
      role: (r: string) => known(`role.${r}`, r),
      action: (a: string) => known(`audit.${a}`, a),
      /** A field name: `industry_code`, `industryCode` and `contacts.0.name` all work. */
      field: (f: string) => {
        const root = (f.split('.')[0] ?? f).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        const label = known(`fields.${root}`, f);
        const [index, sub] = f.split('.').slice(1);
        if (index === undefined) return label;
        const n = /^\d+$/.test(index) ? ` #${Number(index) + 1}` : ` ${index}`;
        return sub ? `${label}${n} · ${known(`contact.${sub}`, sub)}` : `${label}${n}`;
      },
      industry: (code: string | null | undefined) => {
        if (!code) return '';
        const name = industryName(code);
        return name ? `${code} ${name}` : code;
      },
      /** Shanghai date and time as YYYY-MM-DD HH:mm, the same in both languages and in every browser's zone. */
      dateTime: (iso: string | null | undefined) => {
        const d = instantOf(iso);
        return d ? shanghaiDateTime(d) : (iso ?? '');
      },
      /** The Shanghai calendar day of an instant (a plain YYYY-MM-DD stays the same day). */
      date: (iso: string | null | undefined) => {
        const d = instantOf(iso);
        return d ? shanghaiDay(d) : (iso ?? '');
      },
    };
  }, [t, i18n, language]);
}

export type Labels = ReturnType<typeof useLabels>;
