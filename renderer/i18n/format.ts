/**
 * Number formatting in the active UI language (Intl.NumberFormat). Counts of people are shown as
 * whole numbers, ratios as percentages with one decimal, distances in metres.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, type UiLanguage } from './i18n';

export interface Formatters {
  locale: string;
  /** 518264.4 → "518,264" */
  count(value: number): string;
  /** 0.4213 → "42.1%" */
  percent(ratio: number | null): string;
  /** 0.6 → "60%" (opacities and other settings in whole percent) */
  wholePercent(ratio: number): string;
  /** 1000 → "1,000 m" / "1,000 米" */
  metres(value: number): string;
  /** Any other number with up to 2 decimals. */
  number(value: number): string;
}

export function makeFormatters(language: UiLanguage, noValue: string): Formatters {
  const locale = localeOf(language);
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const wholePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const metres = new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: 0 });
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    locale,
    count: (value) => count.format(value),
    percent: (ratio) => (ratio === null || !Number.isFinite(ratio) ? noValue : percent.format(ratio)),
    wholePercent: (ratio) => wholePercent.format(ratio),
    metres: (value) => metres.format(value),
    number: (value) => plain.format(value),
  };
}

/** Formatters for the language i18next currently uses; re-created when the language changes. */
export function useFormatters(): Formatters {
  const { i18n, t } = useTranslation();
  const language: UiLanguage = i18n.language === 'zh' ? 'zh' : 'en';
  const noValue = t('common.none');
  return useMemo(() => makeFormatters(language, noValue), [language, noValue]);
}
