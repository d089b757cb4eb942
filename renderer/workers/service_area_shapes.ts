/**
 * Service areas for the map, one kind per mode: the merged walking service area per threshold
 * (network; the engine's serviceAreas) or a geodesic circle per facility and radius (circle mode,
 * 64 steps as the coverage map's circles). `order` ranks the thresholds from the smallest (0), so the
 * map can shade nested areas consistently.
 */
import * as turf from '@turf/turf';
import { serviceAreas } from '../../shared/engine/network/isochrones';
import type { NetworkServiceModel } from '../../shared/engine/network/network_service_model';
import type { RunControl } from '../../shared/run_control';
import type { ThresholdKind } from '../../shared/engine/analysis/service_area_features';
import type { FacilityInput } from '../../shared/engine/network/facility_input';

export interface ServiceAreaProperties {
  order: number;
  label: string;
  /** Walking-time threshold, minutes; null for circles and network distances. */
  minutes: number | null;
  radiusM: number | null;
  /** Network distance threshold, level-walking metres; null otherwise. */
  networkM: number | null;
  /** The facility of a circle; null for a merged walking area. */
  facilityId: string | null;
}

export interface ServiceAreaFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: ServiceAreaProperties;
}

export interface ServiceAreaCollection {
  type: 'FeatureCollection';
  features: ServiceAreaFeature[];
}

const CIRCLE_STEPS = 64;

/** Rank of each value among the distinct values, smallest first. */
function orders(values: readonly number[]): number[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  return values.map((value) => distinct.indexOf(value));
}

/**
 * `kinds` say what each of the model's thresholds is (same order), as networkThresholds gives them.
 * @example networkServiceAreas(model, kinds).features.map((f) => f.properties.minutes) // [15, 10, 5]
 */
export function networkServiceAreas(model: NetworkServiceModel, kinds: readonly ThresholdKind[], control?: RunControl): ServiceAreaCollection {
  const areas = serviceAreas(model, { ...control });
  const rank = orders(model.thresholds.map((t) => t.limitM));
  const features: ServiceAreaFeature[] = [];
  for (const feature of areas.features) {
    const index = model.thresholds.findIndex((t) => t.label === feature.properties.label);
    features.push({
      type: 'Feature',
      geometry: feature.geometry,
      properties: { order: rank[index], label: feature.properties.label, minutes: kinds[index].minutes, radiusM: null, networkM: kinds[index].networkM, facilityId: null },
    });
  }
  // Largest first, so smaller areas are drawn on top of larger ones.
  features.sort((a, b) => b.properties.order - a.properties.order);
  return { type: 'FeatureCollection', features };
}

/**
 * @example circleServiceAreas(facilities, [300, 1000]).features.length // 2 × facilities
 */
export function circleServiceAreas(facilities: readonly FacilityInput[], radiiM: readonly number[]): ServiceAreaCollection {
  const rank = orders(radiiM);
  const features: ServiceAreaFeature[] = [];
  const byOrder = radiiM.map((radiusM, index) => ({ radiusM, order: rank[index] })).sort((a, b) => b.order - a.order);
  for (const { radiusM, order } of byOrder) {
    for (const facility of facilities) {
      const circle = turf.circle([facility.lon, facility.lat], radiusM, { steps: CIRCLE_STEPS, units: 'meters' });
      features.push({
        type: 'Feature',
        geometry: circle.geometry,
        properties: { order, label: `${radiusM} m`, minutes: null, radiusM, networkM: null, facilityId: facility.id },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
