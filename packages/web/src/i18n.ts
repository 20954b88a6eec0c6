/** i18next set up with the shared catalogues of @keping/core (flat keys, {{name}} interpolation). */
import { catalogues, DEFAULT_LOCALE, isLocale, type Locale, LOCALES } from '@keping/core';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from './api';

const STORAGE_KEY = 'keping.locale';

/** The language chosen last in this browser, zh-CN by default. */
export function storedLocale(): Locale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** Switches the UI language in place: texts, the API's Accept-Language and <html lang>. */
export async function applyLocale(locale: Locale): Promise<void> {
  setApiLanguage(locale);
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

const initial = storedLocale();
setApiLanguage(initial);
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: catalogues['zh-CN'] },
    en: { translation: catalogues.en },
  },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

export default i18n;
