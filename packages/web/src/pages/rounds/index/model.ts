/** Small pure helpers shared by the TOP100 pages. */
import type { FieldError, IndexLocalName as LocalName, IndexRoundSpec as IndexSpec, IndexSpecNode as SpecNode } from '@keping/core';
import type { TFunction } from 'i18next';
import type { Candidate, CycleStatus } from '../../../indexTypes';

export const STATUS_COLOR: Record<CycleStatus, string> = {
  draft: 'default',
  computing: 'processing',
  computed: 'blue',
  stale: 'orange',
  published: 'green',
};

export const formatScore = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '—');
export const formatPercent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/** A node's name in the UI language, its id when it has none. */
export function localName(name: LocalName | undefined, id: string, language: string): string {
  const text = language === 'en' ? name?.en || name?.zh : name?.zh || name?.en;
  return text || id;
}

export interface IndicatorOf {
  id: string;
  name: string;
  pillar: string;
  unit: string;
}

/** The pillars (children of the index) and the indicators (leaves) of a spec, named in the UI language. */
export function specOutline(spec: IndexSpec, language: string): { pillars: { id: string; name: string }[]; indicators: IndicatorOf[] } {
  const indicators: IndicatorOf[] = [];
  const walk = (node: SpecNode, pillar: string) => {
    if (!node.children?.length) {
      indicators.push({ id: node.id, name: localName(node.name, node.id, language), pillar, unit: node.unit ?? '' });
      return;
    }
    for (const child of node.children) walk(child, pillar);
  };
  const pillars = (spec.system.children ?? []).map((p) => {
    walk(p, p.id);
    return { id: p.id, name: localName(p.name, p.id, language) };
  });
  return { pillars, indicators };
}

/** Ranked candidates, best first; excluded and unranked ones left out. */
export function ranked(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((c) => !c.excluded && c.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The translated message of a failed job's error value. */
export function fieldErrorText(error: FieldError, t: TFunction): string {
  const field = error.field ? t(`fields.${error.field.split('.')[0] ?? ''}`, { defaultValue: error.field }) : '';
  return t(`errors.${error.code}`, { defaultValue: error.code, field, ...(error.params ?? {}) });
}

/** Share of the spec's indicators a candidate has a value for. */
export function coverageOf(candidate: Candidate, indicatorIds: readonly string[]): number {
  if (indicatorIds.length === 0) return 0;
  let have = 0;
  for (const id of indicatorIds) {
    const v = candidate.data?.[id];
    if (typeof v === 'number' && Number.isFinite(v)) have++;
  }
  return have / indicatorIds.length;
}
