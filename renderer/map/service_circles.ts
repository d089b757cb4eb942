/**
 * Service circles around the facilities that take part in the coverage analysis (in service and of
 * the analysis kinds: facilities_in_service.ts, the rule the figures use): geodesic circles
 * of the analysis radius (turf.circle, 64 steps), drawn as one layer (overlaps merge visually).
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { GeoJsonFeatureCollection } from '../../shared/ipc/contract';
import { isInService } from '../../shared/engine/facilities_in_service';
import type { FacilityKind } from '../../shared/schemas/entities';

export const CIRCLE_STEPS = 64;

export interface CircleProperties {
  fid: number | null;
  kind: string;
}

/** Circles of `radiusM` metres around the facilities in service whose kind is in `kinds`. */
export function buildServiceCircles(
  facilities: GeoJsonFeatureCollection,
  radiusM: number,
  kinds: readonly FacilityKind[],
): FeatureCollection<Polygon, CircleProperties> {
  if (!(radiusM > 0)) throw new RangeError(`radiusM must be > 0, got ${radiusM}`);
  const wanted = new Set<string>(kinds);
  const features: Feature<Polygon, CircleProperties>[] = [];
  for (const facility of facilities.features) {
    const kind = String(facility.properties.kind ?? '');
    if (!wanted.has(kind) || !isInService({ status: facility.properties.status })) continue;
    const geometry = facility.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!geometry || geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) continue;
    const [lon, lat] = geometry.coordinates as number[];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const circle = turf.circle([lon, lat], radiusM, { steps: CIRCLE_STEPS, units: 'meters' });
    const fid = typeof facility.id === 'number' ? facility.id : null;
    features.push({ type: 'Feature', id: fid ?? undefined, properties: { fid, kind }, geometry: circle.geometry });
  }
  return { type: 'FeatureCollection', features };
}
