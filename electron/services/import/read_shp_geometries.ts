/**
 * ESRI shapefile main file (.shp, ESRI white paper 1998) → one GeoJSON-shaped geometry (or null) per
 * record, in the file's coordinates. Points, multipoints, polylines and polygons with or without Z/M
 * (extra ordinates dropped); MultiPatch is refused. Polygon rings are grouped as the format defines
 * them: clockwise rings are exteriors, counter-clockwise rings holes of the exterior that contains
 * them (a hole inside no exterior is kept as its own polygon, as GDAL does).
 *
 * The file is read whole and checked: the header length must match the file, every record must lie
 * inside it and have consistent part indexes. Problems are InputErrors naming the record (0-based
 * feature index) — a truncated or corrupt .shp is refused, never half read.
 */
import { InputError } from '../../../shared/errors';

type Position = [number, number];
export type ShpGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

const FILE_CODE = 9994;
const HEADER_BYTES = 100;
const SHAPE_NAMES: Record<number, string> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

export interface ShpContent {
  /** Shape type name of the file header ("Polygon", "PointZ", ...). */
  shapeType: string;
  geometries: (ShpGeometry | null)[];
}

export function readShpGeometries(bytes: Uint8Array, file: string): ShpContent {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HEADER_BYTES) {
    throw new InputError(`the .shp file has ${bytes.length} bytes, less than its 100-byte header`, { file, expected: 'a complete shapefile' });
  }
  if (view.getInt32(0, false) !== FILE_CODE) throw new InputError('not a shapefile (.shp file code is not 9994)', { file, expected: 'an ESRI shapefile' });
  const declaredBytes = view.getInt32(24, false) * 2;
  if (declaredBytes > bytes.length) {
    throw new InputError(`truncated .shp: the header says ${declaredBytes} bytes, the file has ${bytes.length}`, { file, expected: 'the complete file' });
  }
  const fileType = view.getInt32(32, true);
  if (!(fileType in SHAPE_NAMES)) throw new InputError(`unknown shape type ${fileType} in the .shp header`, { file, expected: 'a shapefile shape type' });
  if (fileType === 31) throw new InputError('MultiPatch shapefiles (3-D surfaces) cannot be imported', { file, expected: 'points, lines or polygons' });

  const geometries: (ShpGeometry | null)[] = [];
  let at = HEADER_BYTES;
  const end = Math.min(declaredBytes, bytes.length);
  while (at < end) {
    const feature = geometries.length;
    const fail = (message: string): never => {
      throw new InputError(`corrupt .shp record: ${message}`, { file, feature, field: 'geometry', expected: 'a valid shapefile record' });
    };
    if (at + 8 > end) fail(`record header at byte ${at} is cut off`);
    const contentBytes = view.getInt32(at + 4, false) * 2;
    const start = at + 8;
    if (contentBytes < 4 || start + contentBytes > end) fail(`record at byte ${at} declares ${contentBytes} bytes, beyond the end of the file`);
    const type = view.getInt32(start, true);
    if (type !== 0 && type !== fileType) fail(`shape type ${SHAPE_NAMES[type] ?? type} in a ${SHAPE_NAMES[fileType]} file`);
    geometries.push(type === 0 ? null : readShape(view, start, contentBytes, type, fail));
    at = start + contentBytes;
  }
  return { shapeType: SHAPE_NAMES[fileType], geometries };
}

function readShape(view: DataView, start: number, length: number, type: number, fail: (message: string) => never): ShpGeometry {
  const need = (bytes: number) => {
    if (bytes > length) fail(`${length} content bytes, at least ${bytes} needed`);
  };
  const point = (offset: number): Position => [view.getFloat64(offset, true), view.getFloat64(offset + 8, true)];
  const base = type % 10;
  if (base === 1) {
    need(20);
    return { type: 'Point', coordinates: point(start + 4) };
  }
  if (base === 8) {
    need(40);
    const count = view.getInt32(start + 36, true);
    if (count < 0) fail(`negative point count ${count}`);
    need(40 + 16 * count);
    const coordinates: Position[] = [];
    for (let i = 0; i < count; i++) coordinates.push(point(start + 40 + 16 * i));
    return { type: 'MultiPoint', coordinates };
  }
  need(44);
  const partCount = view.getInt32(start + 36, true);
  const pointCount = view.getInt32(start + 40, true);
  if (partCount < 1 || pointCount < 1) fail(`${partCount} parts and ${pointCount} points`);
  need(44 + 4 * partCount + 16 * pointCount);
  const firsts: number[] = [];
  for (let i = 0; i < partCount; i++) firsts.push(view.getInt32(start + 44 + 4 * i, true));
  if (firsts[0] !== 0 || firsts.some((first, i) => first >= pointCount || (i > 0 && first <= firsts[i - 1]))) {
    fail(`part indexes ${firsts.slice(0, 5).join(', ')}${partCount > 5 ? ', ...' : ''} do not fit ${pointCount} points`);
  }
  const pointsAt = start + 44 + 4 * partCount;
  const parts: Position[][] = firsts.map((first, i) => {
    const last = i + 1 < partCount ? firsts[i + 1] : pointCount;
    const part: Position[] = [];
    for (let p = first; p < last; p++) part.push(point(pointsAt + 16 * p));
    return part;
  });
  if (base === 3) return parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts };
  return polygonFromRings(parts);
}

/** Twice the signed area, positive = counter-clockwise with y up (relative to the first vertex, for precision). */
function signedArea2(ring: Position[]): number {
  const [x0, y0] = ring[0];
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - x0) * (ring[i][1] - y0) - (ring[i][0] - x0) * (ring[j][1] - y0);
  }
  return sum;
}

function contains(ring: Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonFromRings(rings: Position[][]): ShpGeometry {
  const polygons: Position[][][] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    if (signedArea2(ring) < 0) polygons.push([ring]);
    else holes.push(ring);
  }
  for (const hole of holes) {
    // the smallest exterior containing a vertex of the hole (nested islands)
    let best: Position[][] | null = null;
    let bestArea = Infinity;
    for (const polygon of polygons) {
      const area = Math.abs(signedArea2(polygon[0]));
      if (area < bestArea && hole.some((p) => contains(polygon[0], p))) {
        best = polygon;
        bestArea = area;
      }
    }
    if (best) best.push(hole);
    else polygons.push([hole]);
  }
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}
