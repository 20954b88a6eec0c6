/**
 * Checks an applicant's form values against the call's fields, one error per field. A draft may
 * leave required fields empty; submission may not (`complete: true`).
 */
import type { FieldError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import { parseDay } from '../review/eligibility.js';
import type { FormField, FormValues } from './schema.js';

/** Default length limits when a text field declares none. */
export const DEFAULT_MAX_LENGTH = { text: 500, longtext: 20_000 } as const;

export interface CheckedForm {
  /** Clean values: trimmed text, numbers as numbers, blanks dropped. */
  values: Record<string, string | number>;
  errors: FieldError[];
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function validateFormValues(
  fields: readonly FormField[], raw: FormValues, options: { complete: boolean; locale: Locale },
): CheckedForm {
  const errors: FieldError[] = [];
  const values: Record<string, string | number> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors.push({ code: 'FORM_FIELD_UNKNOWN', field: `values.${key}`, params: { key } });
  }
  for (const f of fields) {
    const v = raw[f.key];
    const field = `values.${f.key}`;
    // The label in the reader's language stands in for {{field}} in the message.
    const label = options.locale === 'en' ? f.label.en : f.label.zh;
    if (blank(v)) {
      if (f.required && options.complete) errors.push({ code: 'REQUIRED', field, params: { field: label } });
      continue;
    }
    const text = String(v).trim();
    switch (f.type) {
      case 'text':
      case 'longtext': {
        const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type];
        if ([...text].length > max) errors.push({ code: 'TOO_LONG', field, params: { field: label, max } });
        else values[f.key] = text;
        break;
      }
      case 'number': {
        const n = typeof v === 'number' ? v : /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.replace(/,/g, '')) ? Number(text.replace(/,/g, '')) : Number.NaN;
        if (!Number.isFinite(n)) errors.push({ code: 'FORM_NOT_A_NUMBER', field, params: { field: label, value: text } });
        else values[f.key] = n;
        break;
      }
      case 'date': {
        const day = parseDay(text);
        if (!day) errors.push({ code: 'DATE_FORMAT', field, params: { field: label, value: text } });
        else values[f.key] = `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
        break;
      }
      case 'select': {
        if (!(f.options ?? []).some((o) => o.value === text)) errors.push({ code: 'VALUE_UNKNOWN', field, params: { field: label, value: text } });
        else values[f.key] = text;
        break;
      }
    }
  }
  return { values, errors };
}
