/**
 * Checks a raw GeoJSON geometry (from a GeoJSON file or parsed WKT) against what a layer stores and
 * returns clean 2-D WGS84 geometry: points for population/facilities/candidates, Point/Polygon/
 * MultiPolygon for estates, MultiPolygon for boundaries, LineStrings for roads. Z/M values are
 * dropped; every position goes through the import's PositionReader (axis swap, reprojection). Every structural problem is an InputError naming the feature and the coordinate path.
 */
import type { LineStringGeometry, MultiPolygonGeometry, PointGeometry } from '../../../shared/schemas/entities';
import type { PositionReader } from './position_reader';
import { inputError, type RecordLocation } from './record_location';

type Position = [number, number];
type PolygonCoordinates = Position[][];
export type EstateGeometry = PointGeometry | { type: 'Polygon'; coordinates: PolygonCoordinates } | MultiPolygonGeometry;

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

export interface GeometryContext {
  loc: RecordLocation;
  /** Source position → checked WGS84 [lon, lat] (axis swap, CRS transform). */
  toLonLat: PositionReader;
}
type Context = GeometryContext;

/** Type of a raw geometry after the null/shape checks; throws for null and non-geometries. */
function geometryType(raw: unknown, ctx: Context): string {
  if (raw === null || raw === undefined) throw inputError(ctx.loc, 'geometry', 'null geometry', 'a geometry');
  if (typeof raw !== 'object' || Array.isArray(raw)) throw inputError(ctx.loc, 'geometry', 'geometry is not an object', 'a GeoJSON geometry');
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !GEOMETRY_TYPES.includes(type)) {
    throw inputError(ctx.loc, 'geometry', `unknown geometry type ${JSON.stringify(type)}`, `one of ${GEOMETRY_TYPES.join(', ')}`);
  }
  return type;
}

function expectType(type: string, allowed: string[], ctx: Context): void {
  if (!allowed.includes(type)) throw inputError(ctx.loc, 'geometry', `expected ${allowed.join(' or ')}, got ${type}`, allowed.join(' or '));
}

function coordinatesOf(raw: unknown, ctx: Context): unknown {
  const coordinates = (raw as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coordinates)) throw inputError(ctx.loc, 'geometry', 'coordinates must be an array', 'GeoJSON coordinates');
  return coordinates;
}

function readPosition(raw: unknown, path: string, ctx: Context): Position {
  if (!Array.isArray(raw) || raw.length < 2 || typeof raw[0] !== 'number' || typeof raw[1] !== 'number') {
    throw inputError(ctx.loc, 'geometry', `${path} is not a position`, '[longitude, latitude]');
  }
  return ctx.toLonLat(raw[0], raw[1], ctx.loc, { x: `geometry ${path}[0]`, y: `geometry ${path}[1]` });
}

function readArray(raw: unknown, path: string, min: number, what: string, ctx: Context): unknown[] {
  if (!Array.isArray(raw)) throw inputError(ctx.loc, 'geometry', `${path} must be an array`, what);
  if (raw.length < min) throw inputError(ctx.loc, 'geometry', `${path} has ${raw.length} element(s), needs at least ${min}`, what);
  return raw;
}

function readLine(raw: unknown, path: string, ctx: Context): Position[] {
  return readArray(raw, path, 2, 'a line of at least 2 positions', ctx).map((p, i) => readPosition(p, `${path}[${i}]`, ctx));
}

function readRing(raw: unknown, path: string, ctx: Context): Position[] {
  const ring = readArray(raw, path, 4, 'a closed ring of at least 4 positions', ctx).map((p, i) => readPosition(p, `${path}[${i}]`, ctx));
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw inputError(ctx.loc, 'geometry', `ring ${path} is not closed (first and last positions differ)`, 'a closed linear ring (RFC 7946)');
  }
  return ring;
}

function readPolygon(raw: unknown, path: string, ctx: Context): PolygonCoordinates {
  return readArray(raw, path, 1, 'a polygon with at least one ring', ctx).map((r, i) => readRing(r, `${path}[${i}]`, ctx));
}

function readMultiPolygon(raw: unknown, path: string, ctx: Context): PolygonCoordinates[] {
  return readArray(raw, path, 1, 'at least one polygon', ctx).map((p, i) => readPolygon(p, `${path}[${i}]`, ctx));
}

/** Population cells, facilities, candidates: a Point. */
export function readPointGeometry(raw: unknown, ctx: Context): { lon: number; lat: number } {
  expectType(geometryType(raw, ctx), ['Point'], ctx);
  const [lon, lat] = readPosition(coordinatesOf(raw, ctx), 'coordinates', ctx);
  return { lon, lat };
}

/** Estates: Point, Polygon or MultiPolygon, kept as they are (2-D). */
export function readEstateGeometry(raw: unknown, ctx: Context): EstateGeometry {
  const type = geometryType(raw, ctx);
  expectType(type, ['Point', 'Polygon', 'MultiPolygon'], ctx);
  const coordinates = coordinatesOf(raw, ctx);
  if (type === 'Point') return { type: 'Point', coordinates: readPosition(coordinates, 'coordinates', ctx) };
  if (type === 'Polygon') return { type: 'Polygon', coordinates: readPolygon(coordinates, 'coordinates', ctx) };
  return { type: 'MultiPolygon', coordinates: readMultiPolygon(coordinates, 'coordinates', ctx) };
}

/** Boundaries: Polygon or MultiPolygon, stored as MultiPolygon. */
export function readBoundaryGeometry(raw: unknown, ctx: Context): MultiPolygonGeometry {
  const type = geometryType(raw, ctx);
  expectType(type, ['Polygon', 'MultiPolygon'], ctx);
  const coordinates = coordinatesOf(raw, ctx);
  if (type === 'Polygon') return { type: 'MultiPolygon', coordinates: [readPolygon(coordinates, 'coordinates', ctx)] };
  return { type: 'MultiPolygon', coordinates: readMultiPolygon(coordinates, 'coordinates', ctx) };
}

/**
 * Roads: LineString → one line; MultiLineString → one line per part. Polygon/MultiPolygon are
 * accepted as OSM closed area ways (highway=pedestrian + area=yes, which overpass exports as
 * polygons): each ring becomes a closed line, the walkable perimeter, as OSM routers treat them.
 */
export function readRoadGeometry(raw: unknown, ctx: Context): LineStringGeometry[] {
  const type = geometryType(raw, ctx);
  expectType(type, ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'], ctx);
  const coordinates = coordinatesOf(raw, ctx);
  let lines: Position[][];
  if (type === 'LineString') lines = [readLine(coordinates, 'coordinates', ctx)];
  else if (type === 'MultiLineString') {
    lines = readArray(coordinates, 'coordinates', 1, 'at least one line', ctx).map((l, i) => readLine(l, `coordinates[${i}]`, ctx));
  } else if (type === 'Polygon') lines = readPolygon(coordinates, 'coordinates', ctx);
  else lines = readMultiPolygon(coordinates, 'coordinates', ctx).flat();
  return lines.map((line) => ({ type: 'LineString', coordinates: line }));
}

/** Calls `visit` for every [lon, lat] number pair in a raw geometry (for the swap evidence). */
export function forEachRawPosition(raw: unknown, visit: (lon: number, lat: number) => void): void {
  if (raw === null || typeof raw !== 'object') return;
  const walk = (node: unknown, depth: number): void => {
    if (!Array.isArray(node) || depth > 6) return;
    if (typeof node[0] === 'number' && typeof node[1] === 'number') visit(node[0], node[1]);
    else for (const child of node) walk(child, depth + 1);
  };
  walk((raw as { coordinates?: unknown }).coordinates, 0);
}
