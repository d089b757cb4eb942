/**
 * Great-circle distance on a sphere of radius 6 371 008.8 m (the mean Earth radius Turf uses), by the
 * haversine formula written exactly as @turf/distance computes it, so that results agree to the bit.
 */

/** Mean Earth radius in metres, as Turf's `earthRadius`. */
export const EARTH_RADIUS_M = 6_371_008.8;
export const DEG_TO_RAD = Math.PI / 180;

/** Degrees to radians with the same operation order as Turf's degreesToRadians (bit-identical). */
export function toRadians(degrees: number): number {
  return ((degrees % 360) * Math.PI) / 180;
}

/**
 * Distance in metres between two WGS84 points.
 * @example haversineM(114.3, 30.6, 114.31, 30.6) // ≈ 957.1
 */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const phi1 = toRadians(lat1);
  const phi2 = toRadians(lat2);
  const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * Math.cos(phi1) * Math.cos(phi2);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_M;
}

/**
 * A lon/lat box that contains every point within `radiusM` of (lon, lat) on the sphere; used to query
 * spatial indexes before the exact distance test. A small margin absorbs rounding.
 * @example circleBounds(114.3, 30.6, 1000) // [114.2895..., 30.591..., 114.3104..., 30.608...]
 */
export function circleBounds(lon: number, lat: number, radiusM: number): [number, number, number, number] {
  const delta = radiusM / EARTH_RADIUS_M; // angular radius, radians
  const margin = 1e-9;
  const dLatDeg = delta / DEG_TO_RAD + margin;
  const phi = lat * DEG_TO_RAD;
  let dLonDeg: number;
  // Exact maximum longitude offset of a spherical cap: asin(sin δ / cos φ) (polar caps: all longitudes).
  const s = Math.sin(delta) / Math.cos(phi);
  if (Math.abs(lat) + dLatDeg >= 90 || s >= 1) dLonDeg = 180;
  else dLonDeg = Math.asin(s) / DEG_TO_RAD + margin;
  return [lon - dLonDeg, lat - dLatDeg, lon + dLonDeg, lat + dLatDeg];
}
