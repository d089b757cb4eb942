/**
 * The coordinate system the map is drawn in. The project stores WGS84; a basemap from AutoNavi/Amap
 * (or Tencent) is drawn in GCJ-02, about 300–600 m away from WGS84 in Chinese cities. With such a
 * basemap every project layer is drawn shifted WGS84 → GCJ-02 so that it lines up with the streets,
 * and every position read back from the map (clicks, drags, picked features) is shifted back with
 * the iterative inverse (error < 0.1 mm), so edits still store WGS84.
 *
 * These are the pure functions; display_shift.ts applies them at the map's data boundary.
 */
import type { Geometry, GeoJSON, Position } from 'geojson';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import type { Corners } from './population_raster';

export const BASEMAP_CRS_VALUES = ['wgs84', 'gcj02'] as const;
/** What the basemap's tiles are drawn in: 'wgs84' (OSM and most tile servers) or 'gcj02' (AutoNavi). */
export type BasemapCrs = (typeof BASEMAP_CRS_VALUES)[number];

export function isBasemapCrs(value: unknown): value is BasemapCrs {
  return typeof value === 'string' && (BASEMAP_CRS_VALUES as readonly string[]).includes(value);
}

type PositionTransform = (lon: number, lat: number) => [number, number];

/** A position through `transform`; a third (altitude) member is kept. */
function mapPosition(position: Position, transform: PositionTransform): Position {
  const [lon, lat] = transform(position[0], position[1]);
  return position.length > 2 ? [lon, lat, ...position.slice(2)] : [lon, lat];
}

function mapGeometry(geometry: Geometry, transform: PositionTransform): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: mapPosition(geometry.coordinates, transform) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map((p) => mapPosition(p, transform)) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((line) => line.map((p) => mapPosition(p, transform))) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map((p) => mapPosition(p, transform)))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => mapGeometry(g, transform)) };
  }
}

/**
 * Every position of a GeoJSON value through `transform`, as a new value. Properties, ids and
 * feature order are shared with the input; `bbox` members are dropped (they would be stale).
 */
export function mapPositions<T extends GeoJSON>(value: T, transform: PositionTransform): T {
  switch (value.type) {
    case 'FeatureCollection':
      return { type: 'FeatureCollection', features: value.features.map((feature) => mapPositions(feature, transform)) } as T;
    case 'Feature': {
      const { bbox: _bbox, geometry, ...rest } = value;
      return { ...rest, geometry: geometry ? mapGeometry(geometry, transform) : geometry } as T;
    }
    default:
      return mapGeometry(value, transform) as T;
  }
}

/** WGS84 → the map's drawing system (identity for a WGS84 basemap). */
export function toDisplayPosition(crs: BasemapCrs, lon: number, lat: number): [number, number] {
  return crs === 'gcj02' ? wgs84ToGcj02(lon, lat) : [lon, lat];
}

/** The map's drawing system → WGS84 (identity for a WGS84 basemap). */
export function toWgs84Position(crs: BasemapCrs, lon: number, lat: number): [number, number] {
  return crs === 'gcj02' ? gcj02ToWgs84(lon, lat) : [lon, lat];
}

/**
 * Project data (WGS84) as it must be drawn over a basemap in `crs`: the same object for WGS84, a
 * shifted copy for GCJ-02. This is the one transform every drawn project layer goes through.
 */
export function shiftForDisplay<T extends GeoJSON>(value: T, crs: BasemapCrs): T {
  return crs === 'wgs84' ? value : mapPositions(value, wgs84ToGcj02);
}

/** A geometry read from the map (drawn in `crs`) back in WGS84. */
export function unshiftFromDisplay<T extends GeoJSON>(value: T, crs: BasemapCrs): T {
  return crs === 'wgs84' ? value : mapPositions(value, gcj02ToWgs84);
}

/**
 * The four corners of an image source (population grid, walking-time image) in the drawing system.
 * Only the corners move: inside the image MapLibre interpolates, and the GCJ-02 offset changes by a
 * few metres over a city-sized image (measured in tests/unit/renderer/coordinate_shift.test.ts).
 */
export function shiftCorners(corners: Corners, crs: BasemapCrs): Corners {
  if (crs === 'wgs84') return corners;
  return corners.map(([lon, lat]) => wgs84ToGcj02(lon, lat)) as Corners;
}
