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

/** How class bounds are chosen: equal counts per class, Jenks natural breaks, or equal widths. */
export const CLASS_METHODS = ['quantile', 'natural', 'equal'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

/** Natural breaks run on at most this many order statistics of the values (Jenks is O(k·n²)). */
const NATURAL_SAMPLE = 1000;

function checkClassCount(classCount: number): void {
  if (!Number.isInteger(classCount) || classCount < 1 || classCount > MAX_CLASSES) {
    throw new RangeError(`classCount must be an integer in [1, ${MAX_CLASSES}], got ${classCount}`);
  }
}

/** The finite values, ascending. */
function sortedFinite(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values.filter((value) => Number.isFinite(value)));
  sorted.sort();
  return sorted;
}

/** Rounded candidate bounds → strictly increasing breaks inside (min, max], with their colours. */
function fromCandidates(candidates: readonly number[], sorted: Float64Array): ClassBreaks {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  for (const value of candidates) {
    const candidate = roundBreak(value);
    const previous = breaks.length > 0 ? breaks[breaks.length - 1] : min;
    if (candidate > previous && candidate <= max) breaks.push(candidate);
  }
  return { breaks, colors: [...YL_OR_RD[breaks.length + 1]], min, max, count: sorted.length };
}

/**
 * Equal-interval breaks: `classCount` classes of the same width between min and max (rounded as
 * the quantile breaks are). Returns null when there is no value to classify.
 * @example equalIntervalBreaks(Float64Array.of(0, 10, 20, 40), 4)?.breaks // [10, 20, 30]
 */
export function equalIntervalBreaks(values: Float64Array, classCount: number): ClassBreaks | null {
  checkClassCount(classCount);
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return null;
  const min = sorted[0];
  const width = (sorted[sorted.length - 1] - min) / classCount;
  return fromCandidates(Array.from({ length: classCount - 1 }, (_, i) => min + width * (i + 1)), sorted);
}

/**
 * Jenks natural breaks (Fisher's exact optimisation of the within-class squared deviations) over
 * the sorted values, or over NATURAL_SAMPLE evenly spaced order statistics of them when there are
 * more (deterministic; the breaks of a 1,000,000-cell grid move by well under a class width).
 * Class i starts at the smallest value of its group. Returns null when there is no value.
 * @example naturalBreaks(Float64Array.of(1, 2, 3, 50, 51, 52), 2)?.breaks // [50]
 */
export function naturalBreaks(values: Float64Array, classCount: number): ClassBreaks | null {
  checkClassCount(classCount);
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return null;
  const n = Math.min(sorted.length, NATURAL_SAMPLE);
  const data = n === sorted.length ? sorted : Float64Array.from({ length: n }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (n - 1))]);
  const k = Math.min(classCount, n);
  // lower[j][m]: first index of the last class in the best split of data[0..m] into j+1 classes.
  const cost = Array.from({ length: k }, () => new Float64Array(n).fill(Infinity));
  const lower = Array.from({ length: k }, () => new Int32Array(n));
  const prefix = new Float64Array(n + 1);
  const prefixSq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i] + data[i];
    prefixSq[i + 1] = prefixSq[i] + data[i] * data[i];
  }
  /** Sum of squared deviations of data[from..to] from their mean. */
  const ssd = (from: number, to: number): number => {
    const count = to - from + 1;
    const sum = prefix[to + 1] - prefix[from];
    return Math.max(0, prefixSq[to + 1] - prefixSq[from] - (sum * sum) / count);
  };
  for (let m = 0; m < n; m++) cost[0][m] = ssd(0, m);
  for (let j = 1; j < k; j++) {
    for (let m = j; m < n; m++) {
      for (let start = j; start <= m; start++) {
        const candidate = cost[j - 1][start - 1] + ssd(start, m);
        if (candidate < cost[j][m]) {
          cost[j][m] = candidate;
          lower[j][m] = start;
        }
      }
    }
  }
  const starts: number[] = [];
  let end = n - 1;
  for (let j = k - 1; j >= 1; j--) {
    const start = lower[j][end];
    starts.unshift(data[start]);
    end = start - 1;
  }
  return fromCandidates(starts, sorted);
}

/** Class breaks of `values` by `method` (see quantileBreaks, naturalBreaks, equalIntervalBreaks). */
export function classBreaks(values: Float64Array, classCount: number, method: ClassMethod): ClassBreaks | null {
  if (method === 'natural') return naturalBreaks(values, classCount);
  if (method === 'equal') return equalIntervalBreaks(values, classCount);
  return quantileBreaks(values, classCount);
}
