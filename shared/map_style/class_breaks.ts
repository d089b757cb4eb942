/**
 * Quantile classification for the choropleth of older people per grid cell. Values are counts of
 * persons (WorldPop cells hold fractional estimates). Break b_i starts class i: class 0 is
 * [min, b_1), class i is [b_i, b_{i+1}), the last class ends at max (inclusive).
 */

/** ColorBrewer YlOrRd (sequential, colour-blind safe, prints in greyscale), light → dark. */
const YL_OR_RD: Record<number, readonly string[]> = {
  1: ['#fd8d3c'],
  2: ['#fecc5c', '#e31a1c'],
  3: ['#ffeda0', '#feb24c', '#f03b20'],
  4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
  5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
};
export const MAX_CLASSES = 7;
export const NO_DATA_COLOR = '#d9d9d9';

export interface ClassBreaks {
  /** Lower bounds of classes 1..n-1 (class 0 starts at `min`); strictly increasing, all > min. */
  breaks: number[];
  /** One colour per class (breaks.length + 1 of them). */
  colors: string[];
  min: number;
  max: number;
  /** Number of values classified (finite, non-null). */
  count: number;
}

/** Rounds a break for display without merging classes: integers from 10 up, else 1 decimal. */
function roundBreak(value: number): number {
  return value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
}

/**
 * Quantile breaks of `values` into at most `classCount` classes. Ties (e.g. many empty cells)
 * merge classes rather than produce empty ones, so fewer classes may come back.
 * Returns null when there is no value to classify.
 */
export function quantileBreaks(values: Float64Array, classCount: number): ClassBreaks | null {
  if (!Number.isInteger(classCount) || classCount < 1 || classCount > MAX_CLASSES) {
    throw new RangeError(`classCount must be an integer in [1, ${MAX_CLASSES}], got ${classCount}`);
  }
  const sorted = Float64Array.from(values.filter((value) => Number.isFinite(value)));
  if (sorted.length === 0) return null;
  sorted.sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  for (let i = 1; i < classCount; i++) {
    const candidate = roundBreak(sorted[Math.floor((i * sorted.length) / classCount)]);
    const previous = breaks.length > 0 ? breaks[breaks.length - 1] : min;
    if (candidate > previous && candidate <= max) breaks.push(candidate);
  }
  const colors = [...YL_OR_RD[breaks.length + 1]];
  return { breaks, colors, min, max, count: sorted.length };
}

/** MapLibre `step` expression colouring `property` by the classes; null/missing → no-data grey. */
export function classColorExpression(property: string, classes: ClassBreaks | null): string | unknown[] {
  if (!classes) return NO_DATA_COLOR;
  const step: unknown[] = ['step', ['to-number', ['get', property]], classes.colors[0]];
  classes.breaks.forEach((lowerBound, index) => step.push(lowerBound, classes.colors[index + 1]));
  return ['case', ['==', ['typeof', ['get', property]], 'number'], step, NO_DATA_COLOR];
}
