/**
 * Facts as people read them: the fact's name, its value and its source in the reader's language
 * (登记信息 / 申报单位自报 / 认定记录), never the stored codes.
 */
import {
  DISTRICTS, type FactLine, type FactSource, type FactValue, isDesignationTitle, type Locale, type SourcedFact, titleSpec, translate,
} from '@keping/core';

const REGISTRY_FACT_LABELS: Readonly<Record<string, string>> = {
  field: 'fields.talentFieldsOverride', established: 'fields.established', kind: 'fields.kind', district: 'fields.district', listing: 'fields.listing',
};
const VALUE_KEYS: Readonly<Record<string, string>> = { field: 'talent', kind: 'kind', listing: 'listing' };

/** designation.<title>[.revoked|.revokedWithinYears] → the title and which of its facts. */
function designationPart(fact: string): { title: string; part: 'tier' | 'revoked' | 'revokedWithinYears'; name: string } | null {
  const m = /^designation\.([a-z0-9_]+)(?:\.(revoked|revokedWithinYears))?$/.exec(fact);
  if (!m?.[1] || !isDesignationTitle(m[1])) return null;
  const spec = titleSpec(m[1]);
  return { title: m[1], part: (m[2] ?? 'tier') as 'tier' | 'revoked' | 'revokedWithinYears', name: spec.name.zh };
}

export function factText(locale: Locale, fact: string): string {
  const key = REGISTRY_FACT_LABELS[fact];
  if (key) return translate(locale, key);
  const d = designationPart(fact);
  if (d && isDesignationTitle(d.title)) {
    const name = locale === 'en' ? titleSpec(d.title).name.en : titleSpec(d.title).name.zh;
    return translate(locale, `facts.designation.${d.part}`, { title: name });
  }
  return fact;
}

export function valueText(locale: Locale, fact: string, value: FactValue): string {
  if (value === null || value === undefined || value === '') return translate(locale, 'facts.blank');
  if (typeof value === 'object') return Object.entries(value).map(([y, v]) => `${y}: ${v ?? '—'}`).join('; ');
  const text = String(value);
  const prefix = VALUE_KEYS[fact];
  if (prefix) return translate(locale, `${prefix}.${text}`);
  if (fact === 'district') {
    const d = DISTRICTS.find((x) => x.code === text);
    return d ? (locale === 'en' ? d.en : d.zh) : text;
  }
  const des = designationPart(fact);
  if (des && isDesignationTitle(des.title)) {
    if (des.part === 'revoked') return translate(locale, text === 'yes' ? 'facts.yes' : 'facts.no');
    if (des.part === 'tier') {
      const tier = titleSpec(des.title).tiers.find((t) => t.key === text);
      if (tier) return locale === 'en' ? tier.name.en : tier.name.zh;
      return translate(locale, 'designation.status.none');
    }
  }
  return text;
}

export const sourceText = (locale: Locale, source: FactSource): string => translate(locale, `facts.source.${source}`);

export function factLine(locale: Locale, fact: string, f: SourcedFact): FactLine {
  return {
    fact, factText: factText(locale, fact), value: f.value ?? null, valueText: valueText(locale, fact, f.value),
    source: f.source, sourceText: sourceText(locale, f.source),
  };
}
