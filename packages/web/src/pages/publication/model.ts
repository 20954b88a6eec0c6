/** Helpers of the publication pages: how an entry is named, what a decision changed. */
import type { Bilingual } from '@keping/core';
import type { TFunction } from 'i18next';
import type { Entry, ListDecision, PublicEntry } from '../../publicationTypes';

/** "申报示例有限公司 · 智能视觉质检平台": who and what, the way the list reads. */
export function entryLabel(entry: Pick<PublicEntry, 'holder' | 'title'>): string {
  return entry.title && entry.title !== entry.holder ? `${entry.holder} · ${entry.title}` : entry.holder;
}

/** The period as the reader sees it, or a dash before publishing. */
export function periodText(t: TFunction, p: { startDate: string | null; endDate: string | null }): string {
  return p.startDate && p.endDate ? t('publicationPage.periodText', { start: p.startDate, end: p.endDate }) : '—';
}

/** What an upheld objection did to the list, in words: removed, or the outcome changed from A to B. */
export function decisionText(t: TFunction, local: (b: Bilingual) => string, d: Pick<ListDecision, 'action' | 'before' | 'after'>, entry?: Entry): string {
  const who = entry ? entryLabel(entry) : '';
  if (d.action === 'remove') return t('publicationPage.decision.removed', { entry: who });
  return t('publicationPage.decision.changed', { entry: who, from: local(d.before.outcome), to: local(d.after.outcome) });
}
