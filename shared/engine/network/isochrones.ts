/**
 * Isochrone polygons for display and export: one per facility and threshold (what each facility
 * reaches on its own), and the merged service area per threshold (what the selected facilities reach
 * together). GeoJSON MultiPolygons in WGS84, outer rings counter-clockwise.
 */
import { DijkstraWorkspace, runDijkstra } from './dijkstra';
import { checkFacilities, type FacilityInput } from './facility_input';
import { isochronePolygon, type IsochroneRasterOptions, type MultiPolygonCoordinates } from './isochrone_raster';
import type { NetworkServiceModel } from './network_service_model';
import type { PreparedNetwork } from './prepare_network';
import { checkRun, type RunControl } from '../../run_control';
import { DEFAULT_MAX_SNAP_M, snapPoints } from './snap_points';
import { DEFAULT_SPEED_MPS, resolveThresholds, type WalkThreshold } from './thresholds';

export interface IsochroneFeature {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoordinates };
  properties: {
    /** null for a merged service area */
    facilityId: string | null;
    label: string;
    limitM: number;
    minutes: number;
  };
}

export interface IsochroneCollection {
  type: 'FeatureCollection';
  features: IsochroneFeature[];
}

export interface IsochroneOptions extends IsochroneRasterOptions, RunControl {
  speedMps?: number;
  /** Maximum distance from a facility to the network, metres; default 300. */
  facilitySnapM?: number;
}

/**
 * One polygon per facility and threshold (facilities off the network, or reaching nothing, get none).
 * @example facilityIsochrones(network, facilities, lifeCircleThresholds(), { speedMps: 0.8 })
 */
export function facilityIsochrones(
  network: PreparedNetwork,
  facilities: readonly FacilityInput[],
  thresholds: readonly WalkThreshold[],
  options: IsochroneOptions = {},
): IsochroneCollection {
  checkFacilities(facilities);
  const speedMps = options.speedMps ?? DEFAULT_SPEED_MPS;
  const resolved = resolveThresholds(thresholds, speedMps);
  const cutoffM = Math.max(...resolved.map((t) => t.limitM));
  const { graph, index } = network;
  const snaps = snapPoints(index, facilities.map((f) => f.lon), facilities.map((f) => f.lat), options.facilitySnapM ?? DEFAULT_MAX_SNAP_M);
  const ws = new DijkstraWorkspace(graph.nodeCount);
  const features: IsochroneFeature[] = [];
  for (let f = 0; f < facilities.length; f++) {
    checkRun(options, f / Math.max(1, facilities.length), 'drawing isochrones');
    const e = snaps.edge[f];
    if (e < 0) continue;
    const source = { lon: facilities[f].lon, lat: facilities[f].lat, edge: e, alongM: snaps.alongM[f], offM: snaps.offM[f] };
    ws.resetTouched();
    const factor = graph.edgeCostFactor[e];
    const toFrom = source.offM + source.alongM * factor;
    const toTo = source.offM + (graph.edgeLengthM[e] - source.alongM) * factor;
    if (toFrom <= cutoffM) ws.offer(graph.edgeFrom[e], toFrom, f);
    if (toTo <= cutoffM) ws.offer(graph.edgeTo[e], toTo, f);
    runDijkstra(graph, ws, cutoffM);
    const reached = ws.touched.subarray(0, ws.touchedCount);
    for (const t of resolved) {
      const coordinates = isochronePolygon(graph, ws.dist, reached, [source], t.limitM, options);
      if (coordinates.length === 0) continue;
      features.push(feature(coordinates, facilities[f].id, t.label, t.limitM, t.limitSeconds / 60));
    }
  }
  checkRun(options, 1, 'drawing isochrones');
  return { type: 'FeatureCollection', features };
}

/**
 * The merged service area of all the model's facilities, one polygon per threshold of the model.
 * @example serviceAreas(model, { pixelM: 10 }).features[2] // the 15-minute area
 */
export function serviceAreas(model: NetworkServiceModel, options: IsochroneRasterOptions & RunControl = {}): IsochroneCollection {
  const { graph } = model.cells.network;
  const dist = model.ws.dist;
  const reached: number[] = [];
  for (let n = 0; n < graph.nodeCount; n++) if (dist[n] <= model.cutoffM) reached.push(n);
  const sources = model.facilitySnaps();
  const features: IsochroneFeature[] = [];
  model.thresholds.forEach((t, k) => {
    checkRun(options, k / model.thresholds.length, 'drawing service areas');
    const coordinates = isochronePolygon(graph, dist, reached, sources, t.limitM, options);
    if (coordinates.length > 0) features.push(feature(coordinates, null, t.label, t.limitM, t.limitSeconds / 60));
  });
  checkRun(options, 1, 'drawing service areas');
  return { type: 'FeatureCollection', features };
}

function feature(coordinates: MultiPolygonCoordinates, facilityId: string | null, label: string, limitM: number, minutes: number): IsochroneFeature {
  return { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates }, properties: { facilityId, label, limitM, minutes } };
}
