/**
 * Walking thresholds and speeds. A threshold is a time (minutes at the chosen walking speed) or a
 * network distance (metres); both are turned into a limit in level-walking metres, the unit of the
 * shortest-path costs, so one shortest-path pass answers every threshold.
 */

export type WalkThreshold =
  | { label: string; minutes: number }
  | { label: string; distanceM: number };

/** GB 50180-2018 life circles (生活圈): walking time and the matching distance. */
export const LIFE_CIRCLE_PRESETS = [
  { id: 'life_circle_5', label: '5-minute life circle', labelZh: '5分钟生活圈', minutes: 5, distanceM: 300 },
  { id: 'life_circle_10', label: '10-minute life circle', labelZh: '10分钟生活圈', minutes: 10, distanceM: 500 },
  { id: 'life_circle_15', label: '15-minute life circle', labelZh: '15分钟生活圈', minutes: 15, distanceM: 1000 },
] as const;

/** Walking speeds used in accessibility studies of older people, m/s. */
export const WALKING_SPEED_PRESETS = [
  { id: 'frail', label: 'frail older people', labelZh: '体弱老人', speedMps: 0.8 },
  { id: 'default', label: 'planning default', labelZh: '规划默认', speedMps: 1.0 },
  { id: 'younger_old', label: 'younger older people', labelZh: '低龄老人', speedMps: 1.2 },
] as const;

export const DEFAULT_SPEED_MPS = 1.0;

export interface ResolvedThreshold {
  label: string;
  /** Limit in level-walking metres (cost units). */
  limitM: number;
  /** The same limit as walking time at the chosen speed, seconds. */
  limitSeconds: number;
}

/**
 * Turns thresholds into cost limits at a walking speed.
 * @example resolveThresholds([{ label: '15 min', minutes: 15 }], 0.8) // [{ label: '15 min', limitM: 720, limitSeconds: 900 }]
 */
export function resolveThresholds(thresholds: readonly WalkThreshold[], speedMps: number): ResolvedThreshold[] {
  checkSpeed(speedMps);
  if (thresholds.length === 0) throw new RangeError('at least one threshold is needed');
  return thresholds.map((t, i) => {
    if ('minutes' in t) {
      if (!(t.minutes > 0) || !Number.isFinite(t.minutes)) {
        throw new RangeError(`threshold ${i} (${t.label}): minutes must be > 0, got ${t.minutes}`);
      }
      return { label: t.label, limitM: t.minutes * 60 * speedMps, limitSeconds: t.minutes * 60 };
    }
    if (!(t.distanceM > 0) || !Number.isFinite(t.distanceM)) {
      throw new RangeError(`threshold ${i} (${t.label}): distanceM must be > 0, got ${t.distanceM}`);
    }
    return { label: t.label, limitM: t.distanceM, limitSeconds: t.distanceM / speedMps };
  });
}

/**
 * The life-circle presets as time thresholds (`basis: 'minutes'`) or distance thresholds.
 * @example lifeCircleThresholds('distance') // 300 m, 500 m, 1000 m
 */
export function lifeCircleThresholds(basis: 'minutes' | 'distance' = 'minutes'): WalkThreshold[] {
  return LIFE_CIRCLE_PRESETS.map((p) =>
    basis === 'minutes' ? { label: p.label, minutes: p.minutes } : { label: p.label, distanceM: p.distanceM },
  );
}

/** Throws RangeError unless 0 < speedMps ≤ 10. @example checkSpeed(0.8) */
export function checkSpeed(speedMps: number): void {
  if (!(speedMps > 0) || !Number.isFinite(speedMps) || speedMps > 10) {
    throw new RangeError(`speedMps must be in (0, 10], got ${speedMps}`);
  }
}
