/**
 * The figures' "before → after (change)" texts add up: the change shown is the difference of the
 * values shown (issue 15: "4.1% → 4.3% (+0.1 pp)"), for shares, counts and rates, in both languages,
 * and each value reads as the app's own formatters show it elsewhere.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeFormatters } from '../../../renderer/i18n/format';
import { makeChangeFormatter, shownSteps, type FigureUnit } from '../../../renderer/workspace/figure_format';

/** The number a shown text stands for ("4.3%" → 4.3, "+1,204" → 1204, "±0 pp" → 0, "−0.2 个百分点" → -0.2). */
function read(text: string): number {
  if (text.startsWith('±0')) return 0;
  const cleaned = text.replace(/[,\s%]|pp|个百分点/g, '').replace('−', '-').replace('+', '');
  const value = Number(cleaned);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${text}`);
  return value;
}

/** Tenths as integers, so that 4.3 − 4.1 = 0.2 is compared without floating-point noise. */
const tenths = (value: number) => Math.round(value * 10);

const SHARE = fc.double({ min: 0, max: 1, noNaN: true });
const COUNT = fc.double({ min: 0, max: 5e6, noNaN: true });
const RATE = fc.double({ min: 0, max: 400, noNaN: true });

describe('makeChangeFormatter', () => {
  for (const language of ['en', 'zh'] as const) {
    const format = makeFormatters(language, '—');
    const change = makeChangeFormatter(format, '—', (value) => (language === 'en' ? `${value} pp` : `${value} 个百分点`));
    const rate = new Intl.NumberFormat(format.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const shownAlone: Record<FigureUnit, (v: number) => string> = { share: (v) => format.percent(v), count: (v) => format.count(v), rate: (v) => rate.format(v) };

    for (const [unit, values] of [['share', SHARE], ['count', COUNT], ['rate', RATE]] as const) {
      it(`${language} ${unit}: shown after − shown before = shown change, each value as shown elsewhere`, () => {
        fc.assert(
          fc.property(values, values, (before, after) => {
            const text = change(unit, before, after);
            const scale = unit === 'count' ? (v: number) => Math.round(v) : tenths;
            expect(scale(read(text.after)) - scale(read(text.before))).toBe(scale(read(text.delta)));
            expect(text.before).toBe(shownAlone[unit](before));
            expect(text.after).toBe(shownAlone[unit](after));
            expect(text.direction).toBe(Math.sign(scale(read(text.delta))));
          }),
          { numRuns: 3000 },
        );
      });
    }
  }

  it('reads the issue\'s case as it adds up, and a change below the precision as none', () => {
    const change = makeChangeFormatter(makeFormatters('en', '—'), '—', (value) => `${value} pp`);
    // 4.14 % → 4.26 %: the exact change 0.12 pp would round to +0.1; the values shown differ by 0.2.
    expect(change('share', 0.0414, 0.0426)).toEqual({ before: '4.1%', after: '4.3%', delta: '+0.2 pp', direction: 1 });
    expect(change('share', 0.04149, 0.04151)).toEqual({ before: '4.1%', after: '4.2%', delta: '+0.1 pp', direction: 1 });
    expect(change('share', 0.0416, 0.0424)).toEqual({ before: '4.2%', after: '4.2%', delta: '±0 pp', direction: 0 });
    expect(change('count', 1000.4, 2204.6)).toEqual({ before: '1,000', after: '2,205', delta: '+1,205', direction: 1 });
    expect(change('rate', 39.96, 40.04).delta).toBe('±0');
    expect(change('rate', null, 40).delta).toBe('—');
    expect(change('share', 0.5, null)).toEqual({ before: '50.0%', after: '—', delta: '—', direction: 0 });
  });

  it('rounds as the display does (Intl itself decides the halves)', () => {
    const format = makeFormatters('en', '—');
    for (const ratio of [0.0415, 0.0425, 0.1235, 0.00049999, 0.99951]) expect(format.percent(ratio)).toBe(`${(shownSteps('share', ratio) / 10).toFixed(1)}%`);
    expect(shownSteps('count', 2.5)).toBe(3);
    expect(shownSteps('rate', 0.05)).toBe(1);
    expect(Object.is(shownSteps('share', 0), 0)).toBe(true);
  });
});
