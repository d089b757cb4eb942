/**
 * Turns a GeoJSON FeatureCollection of OSM ways (properties = OSM tags, as exported by overpass-turbo,
 * osmium or QGIS) into road records for the walking graph. LineStrings are taken as they are;
 * MultiLineStrings give one record per part; Polygons (pedestrian areas, `area=yes`) give one closed
 * line per ring, so that their outline is walkable. Other geometries are reported as skipped.
 */
import { InputError } from '../../errors';
import type { RoadInput } from './build_walk_graph';

export interface RoadsFromGeoJsonResult {
  roads: RoadInput[];
  /** Features that produced no road, with the reason. */
  skipped: { feature: number; reason: string }[];
  /** Roads made from polygon rings. */
  ringsFromPolygons: number;
}

type Json = Record<string, unknown>;

/**
 * @example
 *   const { roads } = roadsFromGeoJson(JSON.parse(text), 'gothenburg_ways.geojson');
 *   const graph = buildWalkGraph(roads);
 */
export function roadsFromGeoJson(collection: unknown, file = 'roads.geojson'): RoadsFromGeoJsonResult {
  const fc = collection as Json | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InputError('expected a GeoJSON FeatureCollection', { file, expected: '{"type":"FeatureCollection","features":[...]}' });
  }
  const roads: RoadInput[] = [];
  const skipped: RoadsFromGeoJsonResult['skipped'] = [];
  let ringsFromPolygons = 0;
  const features = fc.features as unknown[];
  for (let i = 0; i < features.length; i++) {
    const feature = features[i] as Json | null;
    const geometry = feature?.geometry as Json | null | undefined;
    if (!feature || !geometry) {
      skipped.push({ feature: i, reason: 'no geometry' });
      continue;
    }
    const properties = (feature.properties ?? {}) as Json;
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(properties)) {
      if (value === null || value === undefined) continue;
      tags[key] = typeof value === 'string' ? value : String(value);
    }
    const id = String(feature.id ?? tags['@id'] ?? tags.id ?? `feature-${i}`);
    const highway = tags.highway ?? null;
    const lines = linesOf(geometry);
    if (lines === null) {
      skipped.push({ feature: i, reason: `unsupported geometry ${String(geometry.type)}` });
      continue;
    }
    if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ringsFromPolygons += lines.length;
    for (let k = 0; k < lines.length; k++) {
      const coordinates = lines[k];
      if (!Array.isArray(coordinates) || coordinates.length < 2) {
        throw new InputError(`${String(geometry.type)} part ${k} needs at least 2 positions`, { file, feature: i, field: 'geometry' });
      }
      roads.push({
        id: lines.length > 1 ? `${id}#${k}` : id,
        highway,
        tags,
        geometry: { type: 'LineString', coordinates: coordinates as number[][] },
      });
    }
  }
  return { roads, skipped, ringsFromPolygons };
}

function linesOf(geometry: Json): unknown[][] | null {
  const coordinates = geometry.coordinates as unknown[];
  switch (geometry.type) {
    case 'LineString':
      return [coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return coordinates as unknown[][];
    case 'MultiPolygon':
      return (coordinates as unknown[][][]).flat();
    default:
      return null;
  }
}
