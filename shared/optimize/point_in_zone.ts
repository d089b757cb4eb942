/**
 * Point-in-polygon for exclusion zones (GeoJSON Polygon / MultiPolygon, WGS84), ray casting with a
 * bounding-box test first. A point on an edge or vertex counts as inside (as Turf's default), so a
 * candidate on the boundary of an exclusion zone is excluded.
 */
import { InputError } from '../errors';

export type ZoneGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** A zone prepared for repeated tests: polygons as flat rings plus a bounding box. */
export interface PreparedZone {
  bbox: [number, number, number, number];
  /** polygons → rings (first is the outer ring, others holes) → flat [lon0, lat0, lon1, lat1, ...]. */
  polygons: Float64Array[][];
}

/**
 * Checks and prepares a zone; `index` names the zone in error messages.
 * @example prepareZone({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, 0).bbox // [0, 0, 1, 1]
 */
export function prepareZone(geometry: ZoneGeometry, index: number): PreparedZone {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    throw new InputError('exclusion zone must be a Polygon or MultiPolygon', { feature: index, field: 'geometry' });
  }
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = polys.map((rings) =>
    rings.map((ring) => {
      if (!Array.isArray(ring) || ring.length < 4) {
        throw new InputError('polygon ring needs at least 4 positions', { feature: index, field: 'geometry' });
      }
      const flat = new Float64Array(ring.length * 2);
      ring.forEach((pos, k) => {
        const [lon, lat] = pos;
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
          throw new InputError(`position ${k} is not a pair of numbers`, { feature: index, field: 'geometry' });
        }
        flat[2 * k] = lon;
        flat[2 * k + 1] = lat;
        if (lon < bbox[0]) bbox[0] = lon;
        if (lat < bbox[1]) bbox[1] = lat;
        if (lon > bbox[2]) bbox[2] = lon;
        if (lat > bbox[3]) bbox[3] = lat;
      });
      return flat;
    }),
  );
  return { bbox, polygons };
}

/**
 * True when (lon, lat) lies inside the zone or on its boundary (and not inside a hole).
 * @example pointInZone(prepareZone(square, 0), 0.5, 0.5) // true
 */
export function pointInZone(zone: PreparedZone, lon: number, lat: number): boolean {
  const [w, s, e, n] = zone.bbox;
  if (lon < w || lon > e || lat < s || lat > n) return false;
  for (const rings of zone.polygons) {
    const outer = ringTest(rings[0], lon, lat);
    if (outer === 0) continue;
    if (outer === 2) return true;
    let inHole = false;
    for (let h = 1; h < rings.length && !inHole; h++) {
      const t = ringTest(rings[h], lon, lat);
      if (t === 2) return true; // on a hole's edge: boundary counts as inside
      if (t === 1) inHole = true;
    }
    if (!inHole) return true;
  }
  return false;
}

/** 0 outside, 1 inside, 2 on the boundary. */
function ringTest(ring: Float64Array, x: number, y: number): 0 | 1 | 2 {
  let inside = false;
  const n = ring.length / 2;
  for (let a = 0, b = n - 1; a < n; b = a++) {
    const xa = ring[2 * a];
    const ya = ring[2 * a + 1];
    const xb = ring[2 * b];
    const yb = ring[2 * b + 1];
    // On the segment: collinear and within its box.
    const cross = (xb - xa) * (y - ya) - (yb - ya) * (x - xa);
    if (cross === 0 && x >= Math.min(xa, xb) && x <= Math.max(xa, xb) && y >= Math.min(ya, yb) && y <= Math.max(ya, yb)) {
      return 2;
    }
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside ? 1 : 0;
}
