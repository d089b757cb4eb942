/**
 * Walking-time statistics over everyone, not only over the people a threshold covers. The shortest-path
 * search runs past the largest threshold up to a statistics horizon (by default twice the largest
 * threshold), so a 90th percentile of 22 minutes can be reported for a 15-minute threshold; when fewer
 * than 90 % of the people are reached within the horizon the percentile is reported as "more than the
 * horizon" (`p90Minutes: null`, `p90ExceedsMinutes: horizonMinutes`) instead of a made-up number.
 * People off the network, without a path to any facility, or beyond the horizon all count as slower
 * than the horizon.
 */

/** Default statistics horizon as a multiple of the largest threshold. */
export const DEFAULT_STATISTICS_HORIZON_FACTOR = 2;

export interface TravelTimeOf {
  /** People reached within the horizon / all people (0–1); null when there are no people. */
  withinHorizonShare: number | null;
  /**
   * Mean walking time of the people reached within the horizon, minutes; null when nobody is. It
   * leaves out everyone slower than the horizon, off the network or without a path: read it together
   * with withinHorizonShare (a finite mean over everyone does not exist when some cannot walk there).
   */
  meanMinutesWithinHorizon: number | null;
  /**
   * 90th percentile of everyone's walking time to the nearest facility, minutes, rounded up to the
   * whole second: 90 % of the people walk at most this long. Null when the percentile lies beyond the
   * horizon (see p90ExceedsMinutes) or there are no people.
   */
  p90Minutes: number | null;
  /** horizonMinutes when fewer than 90 % are reached within the horizon ("p90 is more than X min"); else null. */
  p90ExceedsMinutes: number | null;
}

export interface TravelTimeStatistics {
  /** Walking time up to which the search ran for these statistics, minutes. */
  horizonMinutes: number;
  /** The same horizon in level-walking metres (the unit of the shortest-path costs). */
  horizonM: number;
  population: TravelTimeOf;
  elderly: TravelTimeOf;
}

/**
 * Statistics of one column (population or elderly) from a histogram of walking times in bins of
 * `binSeconds` (bin b holds the people reached in [b, b+1) × binSeconds, all within the horizon).
 * @example travelTimeOf(histogram, 1, 1200, 900, 540000, 1800) // 1 200 people in all, 900 reached, 540 000 person-seconds
 */
export function travelTimeOf(
  histogram: Float64Array,
  binSeconds: number,
  total: number,
  reached: number,
  reachedSeconds: number,
  horizonSeconds: number,
): TravelTimeOf {
  if (!(total > 0)) return { withinHorizonShare: null, meanMinutesWithinHorizon: null, p90Minutes: null, p90ExceedsMinutes: null };
  const p90Seconds = percentileSeconds(histogram, binSeconds, total, 0.9, horizonSeconds);
  return {
    withinHorizonShare: Math.min(1, Math.max(0, reached / total)),
    meanMinutesWithinHorizon: reached > 0 ? reachedSeconds / reached / 60 : null,
    p90Minutes: p90Seconds === null ? null : p90Seconds / 60,
    p90ExceedsMinutes: p90Seconds === null ? horizonSeconds / 60 : null,
  };
}

/**
 * Smallest bin edge s (capped at the horizon) such that the people with time < s reach `share` of
 * `total`; null when the histogram (everyone within the horizon) holds less than that share.
 */
function percentileSeconds(histogram: Float64Array, binSeconds: number, total: number, share: number, horizonSeconds: number): number | null {
  // Incremental sums drift by ~1e-12 relative; do not let that push an exact 90 % past the target.
  const target = total * share * (1 - 1e-12);
  let cumulative = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    cumulative += histogram[bin];
    if (cumulative >= target) return Math.min((bin + 1) * binSeconds, horizonSeconds);
  }
  return null;
}
