/**
 * "before → after (delta)" texts of the figures in the active locale: shares as percentages with one
 * decimal and their change in percentage points ("+2.6 pp", "+2.6 个百分点"), counts as whole persons,
 * rates with one decimal. Signs are always shown on changes ("+2.6", "−1,204", "±0").
 *
 * The change is the difference of the two values as shown, never the rounded difference of the exact
 * values: 0.0414 → 0.0426 reads "4.1% → 4.3% (+0.2 pp)", not "+0.1 pp". Every value is rounded first
 * (to the shown precision, half away from zero as Intl does) and then formatted, so that what is read
 * adds up: shown after − shown before = shown change. The live figures, the scenario comparison and
 * the proposal figures all use this one function.
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

/** Plain digits of a value as Intl rounds it for display (exact decimal of the double, half away from zero). */
const PLAIN: Record<FigureUnit, Intl.NumberFormat> = {
  share: new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
  count: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: false }),
  rate: new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
};

/**
 * `value` as the integer number of shown steps (tenths of a percent for shares, whole persons for
 * counts, tenths for rates), rounded as the display rounds it: by Intl.NumberFormat itself, so that
 * the steps and the text shown never disagree on a half.
 * @example shownSteps('share', 0.0414) // 41 (4.1 %)
 */
export function shownSteps(unit: FigureUnit, value: number): number {
  const text = PLAIN[unit].format(value).replace('%', '');
  const steps = Number(text.replace('.', ''));
  // "-0.0" is no change of sign for the reader: no negative zero.
  return steps === 0 ? 0 : steps;
}

/**
 * @param points the change of a share with its unit, in the active language ("+2.6" → "+2.6 pp");
 *   t('workspace.figures.points', { value }) in the app.
 * @example makeChangeFormatter(makeFormatters('en', '—'), '—')('share', 0.0414, 0.0426) // { before: '4.1%', after: '4.3%', delta: '+0.2', direction: 1 }
 */
export function makeChangeFormatter(format: Formatters, noValue: string, points: (value: string) => string = (value) => value) {
  const locale = format.locale;
  const shareDelta = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const countDelta = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const rate = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const rateDelta = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const known = (v: number | null): v is number => v !== null && Number.isFinite(v);

  /** The value shown, from its rounded steps (so that the text is exactly the steps). */
  const value = (unit: FigureUnit, steps: number): string => {
    if (unit === 'share') return format.percent(steps / 1000);
    if (unit === 'count') return format.count(steps);
    return rate.format(steps / 10);
  };

  return (unit: FigureUnit, before: number | null, after: number | null): ChangeText => {
    const beforeSteps = known(before) ? shownSteps(unit, before) : null;
    const afterSteps = known(after) ? shownSteps(unit, after) : null;
    let delta = noValue;
    let direction: -1 | 0 | 1 = 0;
    if (beforeSteps !== null && afterSteps !== null) {
      // Compare what is shown: a change below the displayed precision is no change.
      const steps = afterSteps - beforeSteps;
      direction = steps > 0 ? 1 : steps < 0 ? -1 : 0;
      const number = steps === 0 ? '±0' : unit === 'share' ? shareDelta.format(steps / 10) : unit === 'count' ? countDelta.format(steps) : rateDelta.format(steps / 10);
      delta = unit === 'share' ? points(number) : number;
    }
    return {
      before: beforeSteps === null ? noValue : value(unit, beforeSteps),
      after: afterSteps === null ? noValue : value(unit, afterSteps),
      delta,
      direction,
    };
  };
}
