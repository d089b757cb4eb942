/**
 * "before → after (delta)" texts of the live figures in the active locale: shares as percentages
 * with one decimal and their change in percentage points ("+2.6 pp", "+2.6 个百分点"), counts as
 * whole persons, rates with one decimal. Signs are always shown on changes ("+2.6", "−1,204", "±0").
 */
import type { Formatters } from '../i18n/format';

export type FigureUnit = 'share' | 'count' | 'rate';

export interface ChangeText {
  before: string;
  after: string;
  /** Signed change; in percentage points for shares. */
  delta: string;
  /** -1, 0, 1: worse/none/better is for the caller to judge. */
  direction: -1 | 0 | 1;
}

/**
 * @param points the change of a share with its unit, in the active language ("+2.6" → "+2.6 pp");
 *   t('workspace.figures.points', { value }) in the app.
 */
export function makeChangeFormatter(format: Formatters, noValue: string, points: (value: string) => string = (value) => value) {
  const locale = format.locale;
  const shareDelta = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const rate = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const rateDelta = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

  const value = (unit: FigureUnit, v: number | null): string => {
    if (v === null || !Number.isFinite(v)) return noValue;
    if (unit === 'share') return format.percent(v);
    if (unit === 'count') return format.count(v);
    return rate.format(v);
  };

  return (unit: FigureUnit, before: number | null, after: number | null): ChangeText => {
    let delta = noValue;
    let direction: -1 | 0 | 1 = 0;
    if (before !== null && after !== null && Number.isFinite(before) && Number.isFinite(after)) {
      // Compare what is shown: a change below the displayed precision is no change.
      const shown = unit === 'share' ? Math.round((after - before) * 1000) / 10 : unit === 'count' ? Math.round(after) - Math.round(before) : Math.round((after - before) * 10) / 10;
      direction = shown > 0 ? 1 : shown < 0 ? -1 : 0;
      const number = shown === 0 ? '±0' : unit === 'share' ? shareDelta.format(shown) : unit === 'count' ? count.format(shown) : rateDelta.format(shown);
      delta = unit === 'share' ? points(number) : number;
    }
    return { before: value(unit, before), after: value(unit, after), delta, direction };
  };
}
