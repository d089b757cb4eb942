/**
 * A layer's features as an RFC 7946 GeoJSON FeatureCollection (WGS84 lon/lat, no "crs" member,
 * polygon rings wound by the right-hand rule: exterior counter-clockwise, holes clockwise). The
 * feature id is the GeoPackage fid; properties keep their snake_case column names. One feature per
 * line, so large layers are built without one giant JSON.stringify and diff well.
 *
 * Exported in another EPSG system (--crs EPSG:4547), the file carries the legacy GeoJSON 2008 "crs"
 * member naming it ("urn:ogc:def:crs:EPSG::4547"), which GDAL, QGIS and `siting import` honour; RFC
 * 7946 itself only knows WGS84, so that file is for GIS tools, not for web maps.
 */
import type { LayerName } from '../../../shared/schemas/entities';
import type { ExportFeature } from './export_feature';

type Ring = number[][];

/** Twice the signed area of a ring in lon/lat (positive = counter-clockwise). */
function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum;
}

function wind(ring: Ring, counterClockwise: boolean): Ring {
  const area = signedArea2(ring);
  return area !== 0 && area > 0 !== counterClockwise ? [...ring].reverse() : ring;
}

function windPolygon(rings: Ring[]): Ring[] {
  return rings.map((ring, i) => wind(ring, i === 0));
}

/** Copy of the geometry with RFC 7946 winding; other geometry types are returned as they are. */
function rfc7946Geometry(geometry: ExportFeature['geometry']): unknown {
  if (geometry === null) return null;
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: windPolygon(geometry.coordinates as Ring[]) };
  if (geometry.type === 'MultiPolygon') {
    return { type: 'MultiPolygon', coordinates: (geometry.coordinates as Ring[][]).map(windPolygon) };
  }
  return geometry;
}

/** JSON.stringify replacer: bigint → number (or text when unsafe); NaN/Infinity already → null. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

export interface GeoJsonOptions {
  /** EPSG code of the coordinates when they are not WGS84: written as a legacy "crs" member. */
  epsgCode?: number;
}

export function layerToGeoJson(layer: LayerName, features: readonly ExportFeature[], options: GeoJsonOptions = {}): string {
  const lines = features.map((feature) =>
    JSON.stringify(
      { type: 'Feature', id: feature.fid, geometry: rfc7946Geometry(feature.geometry), properties: feature.properties ?? {} },
      replacer,
    ),
  );
  const crs = options.epsgCode !== undefined ? `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${options.epsgCode}"}},` : '';
  const head = `{"type":"FeatureCollection","name":${JSON.stringify(layer)},${crs}"features":[`;
  return lines.length === 0 ? `${head}]}\n` : `${head}\n${lines.join(',\n')}\n]}\n`;
}
