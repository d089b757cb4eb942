/**
 * Which candidate sites may be opened: minimum floor area (e.g. 300 m² for a day-care centre),
 * maximum floor level (low floors for older people), exclusion zones (polygons), and a minimum
 * distance to existing facilities. Every excluded candidate gets its first failing reason, so the UI
 * can say why a site was not considered.
 */
import { InputError } from '../errors';
import KDBush from 'kdbush';
import { circleBounds, haversineM } from '../geodesy/haversine';
import { pointInZone, prepareZone, type ZoneGeometry } from './point_in_zone';
import type { PointArrays } from './point_costs';

/** The candidate fields the filters read (a Candidate record from the project store fits). */
export interface CandidateSite {
  id: string;
  lon: number;
  lat: number;
  floorAreaM2: number | null;
  floorLevel: number | null;
}

export interface CandidateRules {
  /** Minimum floor area in m² (inclusive). */
  minFloorAreaM2?: number;
  /** Highest allowed floor level (inclusive; 1 = ground floor in Chinese usage). */
  maxFloorLevel?: number;
  /** What to do with a candidate whose floor area / level is unknown when a rule needs it (default exclude). */
  unknown?: 'exclude' | 'include';
  /** Polygons where no new site may go. */
  exclusionZones?: readonly ZoneGeometry[];
  /** Keep new sites at least `minDistanceM` from these points (existing facilities). */
  awayFrom?: { points: PointArrays; minDistanceM: number };
}

export type ExclusionReason = 'floor-area' | 'floor-area-unknown' | 'floor-level' | 'floor-level-unknown' | 'exclusion-zone' | 'near-existing';

export interface CandidateFilterResult {
  /** 1 = may be opened. */
  eligible: Uint8Array;
  eligibleCount: number;
  /** Reason per candidate, null when eligible. */
  reasons: (ExclusionReason | null)[];
  /** Count per reason. */
  counts: Record<ExclusionReason, number>;
}

/**
 * Applies the rules to the candidates.
 * @example
 *   filterCandidates([{ id: 'a', lon: 114.3, lat: 30.6, floorAreaM2: 250, floorLevel: 1 }], { minFloorAreaM2: 300 })
 *     .reasons // ['floor-area']
 */
export function filterCandidates(candidates: readonly CandidateSite[], rules: CandidateRules): CandidateFilterResult {
  const { minFloorAreaM2, maxFloorLevel } = rules;
  if (minFloorAreaM2 !== undefined && !(minFloorAreaM2 >= 0)) {
    throw new InputError(`minFloorAreaM2 must be ≥ 0, got ${minFloorAreaM2}`, { field: 'minFloorAreaM2' });
  }
  if (maxFloorLevel !== undefined && !Number.isInteger(maxFloorLevel)) {
    throw new InputError(`maxFloorLevel must be an integer, got ${maxFloorLevel}`, { field: 'maxFloorLevel' });
  }
  const zones = (rules.exclusionZones ?? []).map((z, index) => prepareZone(z, index));
  const includeUnknown = rules.unknown === 'include';
  const near = rules.awayFrom ? nearChecker(rules.awayFrom) : null;
  const eligible = new Uint8Array(candidates.length);
  const reasons: (ExclusionReason | null)[] = [];
  const counts: Record<ExclusionReason, number> = {
    'floor-area': 0,
    'floor-area-unknown': 0,
    'floor-level': 0,
    'floor-level-unknown': 0,
    'exclusion-zone': 0,
    'near-existing': 0,
  };
  candidates.forEach((c, j) => {
    let reason: ExclusionReason | null = null;
    if (minFloorAreaM2 !== undefined) {
      if (c.floorAreaM2 === null || c.floorAreaM2 === undefined) reason = includeUnknown ? null : 'floor-area-unknown';
      else if (c.floorAreaM2 < minFloorAreaM2) reason = 'floor-area';
    }
    if (reason === null && maxFloorLevel !== undefined) {
      if (c.floorLevel === null || c.floorLevel === undefined) reason = includeUnknown ? null : 'floor-level-unknown';
      else if (c.floorLevel > maxFloorLevel) reason = 'floor-level';
    }
    if (reason === null && zones.some((z) => pointInZone(z, c.lon, c.lat))) reason = 'exclusion-zone';
    if (reason === null && near && near(c.lon, c.lat)) reason = 'near-existing';
    reasons.push(reason);
    if (reason === null) eligible[j] = 1;
    else counts[reason]++;
  });
  let eligibleCount = 0;
  for (let j = 0; j < eligible.length; j++) eligibleCount += eligible[j];
  return { eligible, eligibleCount, reasons, counts };
}

function nearChecker(rule: { points: PointArrays; minDistanceM: number }): (lon: number, lat: number) => boolean {
  const { points, minDistanceM } = rule;
  if (!(minDistanceM > 0)) throw new InputError(`awayFrom.minDistanceM must be > 0, got ${minDistanceM}`, { field: 'awayFrom' });
  const n = points.lon.length;
  if (n === 0) return () => false;
  const index = new KDBush(n, 64, Float64Array);
  for (let i = 0; i < n; i++) index.add(points.lon[i], points.lat[i]);
  index.finish();
  return (lon, lat) => {
    const [minX, minY, maxX, maxY] = circleBounds(lon, lat, minDistanceM);
    return index.range(minX, minY, maxX, maxY).some((i) => haversineM(lon, lat, points.lon[i], points.lat[i]) < minDistanceM);
  };
}
