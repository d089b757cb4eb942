/**
 * Exclusion zones for `siting optimize --exclude zones.geojson`: polygons where no new site may go
 * (protected land, flood zones, sites already promised to other uses). The file is GeoJSON in WGS84
 * lon/lat: a FeatureCollection, a single Feature or a bare Polygon / MultiPolygon geometry. Every
 * problem throws an InputError naming the file and the feature (0-based index).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../../shared/errors';
import { prepareZone, type ZoneGeometry } from '../../../shared/optimize/point_in_zone';
import { relabelInputError } from './input_error_context';

interface GeoJsonObject {
  type?: unknown;
  features?: unknown;
  geometry?: unknown;
  coordinates?: unknown;
}

/** Reads and checks the polygons of an exclusion-zone file. */
export function readExclusionZones(path: string): ZoneGeometry[] {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the exclusion-zone file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      file,
      field: 'exclude',
    });
  }
  let root: GeoJsonObject;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, '')) as GeoJsonObject;
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, { file, field: 'exclude' });
  }
  if (root === null || typeof root !== 'object') throw new InputError('expected a GeoJSON object', { file, field: 'exclude' });
  let geometries: unknown[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) throw new InputError('a FeatureCollection needs a "features" array', { file, field: 'features' });
    geometries = root.features.map((feature, index) => {
      if (feature === null || typeof feature !== 'object') throw new InputError('feature is not an object', { file, feature: index });
      return (feature as GeoJsonObject).geometry;
    });
  } else if (root.type === 'Feature') {
    geometries = [root.geometry];
  } else {
    geometries = [root];
  }
  if (geometries.length === 0) throw new InputError('the file has no features; an exclusion-zone file needs at least one polygon', { file, field: 'exclude' });
  return geometries.map((geometry, index) => checkZone(geometry, index, file));
}

function checkZone(geometry: unknown, index: number, file: string): ZoneGeometry {
  const g = geometry as GeoJsonObject | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    const type = g && typeof g.type === 'string' ? g.type : g === null || g === undefined ? 'no geometry' : 'an unknown object';
    throw new InputError(`exclusion zones must be Polygon or MultiPolygon, got ${type}`, { file, feature: index, field: 'geometry' });
  }
  const zone = g as ZoneGeometry;
  const polygons = zone.type === 'Polygon' ? [zone.coordinates] : zone.coordinates;
  if (!Array.isArray(polygons)) throw new InputError('coordinates must be an array', { file, feature: index, field: 'geometry' });
  for (const rings of polygons) {
    if (!Array.isArray(rings)) throw new InputError('a polygon must be an array of rings', { file, feature: index, field: 'geometry' });
    for (const ring of rings) {
      if (!Array.isArray(ring)) throw new InputError('a ring must be an array of positions', { file, feature: index, field: 'geometry' });
      for (const position of ring) {
        const [lon, lat] = Array.isArray(position) ? (position as number[]) : [NaN, NaN];
        if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
          throw new InputError(`position [${Array.isArray(position) ? position.join(', ') : String(position)}] is not WGS84 longitude/latitude`, {
            file,
            feature: index,
            field: 'geometry',
            expected: 'lon in [-180, 180], lat in [-90, 90] (reproject projected coordinates to EPSG:4326 first)',
          });
        }
      }
    }
  }
  try {
    prepareZone(zone, index);
  } catch (error) {
    throw relabelInputError(error, { file, feature: index, field: 'geometry' });
  }
  return zone;
}
