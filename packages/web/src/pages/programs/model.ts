/** The program form's model: defaults, conversions to and from the API, and where a server error belongs. */
import { type Bilingual, type ProgramInput, type ProgramType, presetOf } from '@keping/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerFieldError } from '../../types';
import type { Program } from '../../programTypes';

export const STEPS = ['basics', 'call', 'fields', 'attachments', 'rounds', 'categories', 'outcomes', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** A name in the reader's language. */
export function useBilingual(): (b: Bilingual | null | undefined) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useCallback((b) => (b ? (en ? b.en : b.zh) : ''), [en]);
}

/** Shanghai wall-clock time as the datetime-local input holds it: 2026-10-01 09:00 → 2026-10-01T09:00. */
export const toLocalInput = (shanghai: string): string => shanghai.replace(' ', 'T');
/** And back, the way people read it. */
export const fromLocalInput = (value: string): string => value.trim().replace('T', ' ');

const label = (zh: string, en: string): Bilingual => ({ zh, en });

/** The rounds and outcomes a new program of `type` starts with (copies: the form edits them). */
export function presetValues(type: ProgramType): Pick<ProgramInput, 'rounds' | 'outcomes' | 'announcement'> {
  const preset = presetOf(type);
  return {
    rounds: preset.rounds.map((r) => ({ ...r, name: { ...r.name }, config: { ...r.config } })),
    outcomes: preset.outcomes.map((o) => ({ ...o, name: { ...o.name } })), announcement: preset.announcement,
  };
}

export function emptyProgram(year: number, type: ProgramType = 'competition'): ProgramInput {
  return {
    type, ownerOffice: '', cycleYear: year, title: label('', ''), status: 'draft',
    call: {
      opensAt: `${year}-03-01T09:00`, closesAt: `${year}-04-30T17:00`, allowedKinds: [], ruleSetId: '',
      fields: [], attachments: [],
    },
    categories: [],
    ...presetValues(type),
  };
}

/** The form's values for an existing program. */
export function formValuesOf(p: Program): ProgramInput {
  const { call } = p;
  return {
    type: p.type, ownerOffice: p.ownerOffice, cycleYear: p.cycleYear, title: p.title, status: p.status, announcement: p.announcement,
    call: {
      opensAt: toLocalInput(call.opensAtShanghai), closesAt: toLocalInput(call.closesAtShanghai), allowedKinds: call.allowedKinds,
      ruleSetId: call.ruleSetId ?? '', fields: call.fields, attachments: call.attachments,
    },
    rounds: p.rounds.map((r) => ({ key: r.key, kind: r.kind, name: r.name, config: r.config })),
    categories: p.categories,
    outcomes: p.outcomes,
  };
}

const blankToNull = <T>(v: T | null | undefined | ''): T | null => (v === undefined || v === '' ? null : v);

/** What goes to the server: datetimes as Shanghai wall-clock text, quotas only for rounds that exist. */
export function inputOf(v: ProgramInput, previous: Program | null): ProgramInput {
  const roundKeys = new Set((v.rounds ?? []).map((r) => r.key));
  return {
    ...v,
    call: {
      ...v.call,
      opensAt: fromLocalInput(v.call.opensAt ?? ''),
      closesAt: fromLocalInput(v.call.closesAt ?? ''),
      allowedKinds: v.call.allowedKinds ?? [],
      ruleSetId: blankToNull(v.call.ruleSetId),
      fields: (v.call.fields ?? []).map((f) => ({
        ...f,
        required: !!f.required,
        ...(f.type === 'select' ? { options: f.options ?? [] } : { options: undefined }),
        maxLength: f.maxLength ?? undefined,
      })),
      attachments: (v.call.attachments ?? []).map((a) => ({
        ...a, required: !!a.required, extensions: (a.extensions ?? []).map((e) => e.replace(/^\./, '').toLowerCase()),
        mimeTypes: a.mimeTypes ?? [],
      })),
    },
    // a round's settings are kept as they were: the form edits its key, kind and name
    rounds: (v.rounds ?? []).map((r) => ({ ...r, config: previous?.rounds.find((x) => x.key === r.key)?.config ?? r.config ?? {} })),
    categories: (v.categories ?? []).map((c) => ({
      ...c,
      quotas: Object.fromEntries(Object.entries(c.quotas ?? {}).filter(([k, q]) => roundKeys.has(k) && typeof q === 'number')),
    })),
    outcomes: (v.outcomes ?? []).map((o) => ({ ...o, quota: blankToNull(o.quota) })),
  };
}

/** A server error's field (call.fields.0.key) as a form name path. */
export function namePath(field: string): (string | number)[] {
  return field.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** The step that holds a field. */
export function stepOf(field: string | undefined): Step {
  const [head, sub] = (field ?? '').split('.');
  if (head === 'call') {
    if (sub === 'fields') return 'fields';
    if (sub === 'attachments') return 'attachments';
    return 'call';
  }
  if (head === 'rounds' || head === 'categories' || head === 'outcomes') return head;
  return 'basics';
}

/** The server's errors of a refused program, each with its field (one error without a list counts too). */
export function fieldErrors(errors: ServerFieldError[], fallback: ServerFieldError | null): ServerFieldError[] {
  if (errors.length > 0) return errors;
  return fallback ? [fallback] : [];
}
