/**
 * Service areas of an analysis as one GeoJSON FeatureCollection (WGS84 MultiPolygons) for display and
 * export: first the merged area of all facilities per threshold (facilityId null), then — when asked —
 * each facility's own area per threshold. Network mode draws them from the reached network
 * (isochrones.ts), circle mode as disc unions (circle_service_areas.ts).
 */
import type { FacilityInput } from '../network/facility_input';
import { facilityIsochrones, serviceAreas, type IsochroneFeature } from '../network/isochrones';
import type { NetworkServiceModel } from '../network/network_service_model';
import type { MultiPolygonCoordinates } from '../network/raster_outline';
import type { RunControl } from '../../run_control';
import type { WalkThreshold } from '../network/thresholds';
import { circleServiceAreas } from '../service_areas/circle_service_areas';

export interface ServiceAreaProperties {
  /** The facility whose own area this is; null for the merged area of all facilities. */
  facilityId: string | null;
  label: string;
  /** Walking-time threshold, minutes; null for circles and network distances. */
  minutes: number | null;
  /** Circle radius, metres; null in network mode. */
  radiusM: number | null;
  /** Network distance threshold, level-walking metres; null otherwise. */
  networkM: number | null;
  /** The threshold in cost units: metres (circle), level-walking metres (network). */
  limitM: number;
}

export interface ServiceAreaFeature {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoordinates };
  properties: ServiceAreaProperties;
}

export interface ServiceAreaCollection {
  type: 'FeatureCollection';
  features: ServiceAreaFeature[];
}

/** What a threshold is, by its limit in cost units. */
export interface ThresholdKind {
  label: string;
  limitM: number;
  minutes: number | null;
  radiusM: number | null;
  networkM: number | null;
}

/**
 * @example networkServiceAreaFeatures(model, facilities, walkThresholds, kinds, { perFacility: true })
 */
export function networkServiceAreaFeatures(
  model: NetworkServiceModel,
  facilities: readonly FacilityInput[],
  walkThresholds: readonly WalkThreshold[],
  kinds: readonly ThresholdKind[],
  options: { perFacility?: boolean; pixelM?: number; facilitySnapM?: number } & RunControl = {},
): ServiceAreaCollection {
  const raster = options.pixelM === undefined ? {} : { pixelM: options.pixelM };
  const merged = serviceAreas(model, raster).features;
  const own = options.perFacility
    ? facilityIsochrones(model.cells.network, facilities, walkThresholds, {
        ...raster,
        speedMps: model.speedMps,
        facilitySnapM: options.facilitySnapM ?? model.cells.snaps.maxSnapM,
        signal: options.signal,
      }).features
    : [];
  const feature = (f: IsochroneFeature): ServiceAreaFeature => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: { facilityId: f.properties.facilityId, ...describe(kinds, f.properties.limitM) },
  });
  return { type: 'FeatureCollection', features: [...merged.map(feature), ...own.map(feature)] };
}

/**
 * @example circleServiceAreaFeatures(facilities, kinds, { perFacility: false }).features.length // one per radius
 */
export function circleServiceAreaFeatures(
  facilities: readonly FacilityInput[],
  kinds: readonly ThresholdKind[],
  options: { perFacility?: boolean; pixelM?: number } & RunControl = {},
): ServiceAreaCollection {
  const areas = circleServiceAreas(facilities, kinds.map((k) => k.limitM), options.perFacility === true, options);
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: a.coordinates },
      properties: { facilityId: a.facilityId, ...describe(kinds, a.radiusM) },
    })),
  };
}

function describe(kinds: readonly ThresholdKind[], limitM: number): Omit<ServiceAreaProperties, 'facilityId'> {
  const kind = kinds.find((k) => k.limitM === limitM);
  if (!kind) throw new Error(`no threshold with limit ${limitM}`);
  return { label: kind.label, minutes: kind.minutes, radiusM: kind.radiusM, networkM: kind.networkM, limitM };
}
