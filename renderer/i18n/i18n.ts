/**
 * i18next set-up. The active language follows settings.language; 'auto' follows the browser
 * (navigator.language zh* → Chinese, anything else → English).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../shared/ipc/contract';
import { en } from './en';
import { zh } from './zh';

export type UiLanguage = 'zh' | 'en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** The UI language for a setting: explicit choice, else the browser's preferred languages. */
export function resolveLanguage(
  setting: Settings['language'],
  browserLanguages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language],
): UiLanguage {
  if (setting === 'zh' || setting === 'en') return setting;
  const first = browserLanguages.find((language) => language.length > 0) ?? 'en';
  return first.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** BCP 47 tag used for Intl formatting and the document's lang attribute. */
export function localeOf(language: UiLanguage): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

/**
 * The i18next options of the app (also used by the unit tests). Numbers in texts are formatted by
 * locale where the text says so: `{{count, number}}` → "1,234" (Intl.NumberFormat of the language).
 */
export function i18nOptions(language: UiLanguage) {
  return {
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    // React escapes text; strings are never put into HTML unescaped.
    interpolation: { escapeValue: false },
    returnNull: false,
  } as const;
}

export async function initI18n(language: UiLanguage): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init(i18nOptions(language));
  document.documentElement.lang = localeOf(language);
  return i18next;
}

export async function switchLanguage(language: UiLanguage): Promise<void> {
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = localeOf(language);
}
