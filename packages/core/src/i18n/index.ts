/**
 * Message catalogues: English keys are the source, Simplified Chinese is the default language.
 * Interpolation uses i18next's {{name}} syntax so the web app loads the same catalogues.
 */
import type { FieldError, Params } from '../errors.js';
import { cliEn } from './cli.en.js';
import { cliZh } from './cli.zh-CN.js';
import { commonEn } from './common.en.js';
import { commonZh } from './common.zh-CN.js';
import { reviewEn } from './review.en.js';
import { reviewZh } from './review.zh-CN.js';
import { assignmentEn } from './assignment.en.js';
import { assignmentZh } from './assignment.zh-CN.js';
import { indexEngineEn } from './index-engine.en.js';
import { indexEngineZh } from './index-engine.zh-CN.js';
import { programEn } from './program.en.js';
import { programZh } from './program.zh-CN.js';
import { programsEn } from './programs.en.js';
import { programsZh } from './programs.zh-CN.js';
import { expertsEn } from './experts.en.js';
import { expertsZh } from './experts.zh-CN.js';
import { webEn } from './web.en.js';
import { webZh } from './web.zh-CN.js';
import { webProgramsEn } from './web-programs.en.js';
import { webProgramsZh } from './web-programs.zh-CN.js';
import { webScoringEn } from './web-scoring.en.js';
import { webScoringZh } from './web-scoring.zh-CN.js';
import { webPublicationEn } from './web-publication.en.js';
import { webPublicationZh } from './web-publication.zh-CN.js';
import { scoringEn } from './scoring.en.js';
import { scoringZh } from './scoring.zh-CN.js';
import { publicationEn } from './publication.en.js';
import { publicationZh } from './publication.zh-CN.js';
import { designationsEn } from './designations.en.js';
import { designationsZh } from './designations.zh-CN.js';
import { webDesignationsEn } from './web-designations.en.js';
import { webDesignationsZh } from './web-designations.zh-CN.js';
import { opsEn } from './ops.en.js';
import { opsZh } from './ops.zh-CN.js';
import { ssoEn } from './sso.en.js';
import { ssoZh } from './sso.zh-CN.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const catalogues: Record<Locale, Record<string, string>> = {
  en: { ...commonEn, ...programEn, ...cliEn, ...webEn, ...webProgramsEn, ...webScoringEn, ...webPublicationEn, ...reviewEn, ...assignmentEn, ...indexEngineEn, ...expertsEn, ...programsEn, ...scoringEn, ...publicationEn, ...designationsEn, ...webDesignationsEn, ...opsEn, ...ssoEn },
  'zh-CN': { ...commonZh, ...programZh, ...cliZh, ...webZh, ...webProgramsZh, ...webScoringZh, ...webPublicationZh, ...reviewZh, ...assignmentZh, ...indexEngineZh, ...expertsZh, ...programsZh, ...scoringZh, ...publicationZh, ...designationsZh, ...webDesignationsZh, ...opsZh, ...ssoZh },
};

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** Picks zh-CN or en from an Accept-Language header (q-values honoured); zh-CN by default. */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^q=([\d.]+)$/.exec(r.trim())?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

export function translate(locale: Locale, key: string, params: Params = {}): string {
  const template = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? `{{${name}}}` : String(v);
  });
}

/** The message of an error value, with the field named in the caller's language. */
export function errorMessage(locale: Locale, error: FieldError): string {
  const fieldKey = error.field ? `fields.${error.field.split('.')[0] ?? ''}` : '';
  const field = error.field ? (catalogues[locale][fieldKey] ?? error.field) : '';
  return translate(locale, `errors.${error.code}`, { field, ...(error.params ?? {}) });
}
