/**
 * Which candidate sites may be opened: the study area (sites must lie inside it), minimum floor area
 * (e.g. 300 m² for a day-care centre), lowest and highest floor level (low floors for older people,
 * no basements), exclusion zones (polygons), and a minimum distance to existing facilities. Every excluded candidate gets its first failing reason, so the UI
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
  /**
   * Lowest allowed floor level (inclusive): 1 leaves out basements (floor −1, −2 …; Chinese usage has
   * no floor 0). A site of unknown floor is not taken for a basement: this rule never excludes it.
   */
  minFloorLevel?: number;
  /** Sites must lie inside one of these polygons (the study area); absent = anywhere. */
  insideZones?: readonly ZoneGeometry[];
  /** What to do with a candidate whose floor area / level is unknown when a rule needs it (default exclude). */
  unknown?: 'exclude' | 'include';
  /** Polygons where no new site may go. */
  exclusionZones?: readonly ZoneGeometry[];
  /** Keep new sites at least `minDistanceM` from these points (existing facilities). */
  awayFrom?: { points: PointArrays; minDistanceM: number };
}

export const EXCLUSION_REASONS = [
  'outside-study-area',
  'floor-area',
  'floor-area-unknown',
  'floor-level',
  'floor-level-unknown',
  'floor-level-low',
  'exclusion-zone',
  'near-existing',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

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
  const { minFloorAreaM2, maxFloorLevel, minFloorLevel } = rules;
  if (minFloorAreaM2 !== undefined && !(minFloorAreaM2 >= 0)) {
    throw new InputError(`minFloorAreaM2 must be ≥ 0, got ${minFloorAreaM2}`, { field: 'minFloorAreaM2' });
  }
  if (maxFloorLevel !== undefined && !Number.isInteger(maxFloorLevel)) {
    throw new InputError(`maxFloorLevel must be an integer, got ${maxFloorLevel}`, { field: 'maxFloorLevel' });
  }
  if (minFloorLevel !== undefined && !Number.isInteger(minFloorLevel)) {
    throw new InputError(`minFloorLevel must be an integer, got ${minFloorLevel}`, { field: 'minFloorLevel' });
  }
  if (minFloorLevel !== undefined && maxFloorLevel !== undefined && minFloorLevel > maxFloorLevel) {
    throw new InputError(`the lowest floor (${minFloorLevel}) is above the highest floor (${maxFloorLevel})`, { field: 'minFloorLevel' }, {
      reason: 'floor_levels_crossed',
      params: { min: minFloorLevel, max: maxFloorLevel },
    });
  }
  const inside = rules.insideZones ? rules.insideZones.map((z, index) => prepareZone(z, index)) : null;
  const zones = (rules.exclusionZones ?? []).map((z, index) => prepareZone(z, index));
  const includeUnknown = rules.unknown === 'include';
  const near = rules.awayFrom ? nearChecker(rules.awayFrom) : null;
  const eligible = new Uint8Array(candidates.length);
  const reasons: (ExclusionReason | null)[] = [];
  const counts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  candidates.forEach((c, j) => {
    let reason: ExclusionReason | null = null;
    if (inside && !inside.some((z) => pointInZone(z, c.lon, c.lat))) reason = 'outside-study-area';
    if (reason === null && minFloorAreaM2 !== undefined) {
      if (c.floorAreaM2 === null || c.floorAreaM2 === undefined) reason = includeUnknown ? null : 'floor-area-unknown';
      else if (c.floorAreaM2 < minFloorAreaM2) reason = 'floor-area';
    }
    if (reason === null && maxFloorLevel !== undefined) {
      if (c.floorLevel === null || c.floorLevel === undefined) reason = includeUnknown ? null : 'floor-level-unknown';
      else if (c.floorLevel > maxFloorLevel) reason = 'floor-level';
    }
    if (reason === null && minFloorLevel !== undefined && c.floorLevel !== null && c.floorLevel !== undefined && c.floorLevel < minFloorLevel) {
      reason = 'floor-level-low';
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
