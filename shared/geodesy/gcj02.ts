/**
 * GCJ-02 ("Mars coordinates", used by AutoNavi/Amap, Tencent and Chinese Apple Maps) and BD-09 (Baidu)
 * lon/lat systems, which have no EPSG code. The project stores WGS84; these functions convert to and
 * from it.
 *
 * The forward WGS84 → GCJ-02 offset is the widely published reverse-engineered formula (Krassowsky
 * semi-major axis 6 378 245 m, eccentricity² 0.006 693 421 622 965 943 23), as in the eviltransform and
 * coordtransform libraries; GCJ-02 → BD-09 is Baidu's published polar-coordinate shift. Neither has a
 * closed-form inverse: the usual one-step inverse (subtract the offset computed at the shifted point)
 * errs by 0.9 m on average and up to 4.6 m over China (95th percentile 2.4 m), and the classic
 * BD-09 closed form by up to 0.22 m (measured in tests/unit/geodesy/gcj02.test.ts). The inverses here iterate the forward
 * function to a fixed point until its image matches the input to 1e-9° (≈ 0.1 mm), with at most
 * MAX_INVERSE_ITERATIONS steps; round trips then agree to 0.2 mm.
 *
 * Outside the customary "China" box (lon 72.004..137.8347, lat 0.8293..55.8271) GCJ-02 equals WGS84, as
 * in all reference implementations. BD-09 is GCJ-02 plus Baidu's shift everywhere.
 *
 * All coordinates are [lon, lat] in degrees.
 */

/** Semi-major axis (m) of the Krassowsky 1940 ellipsoid, as used by the GCJ-02 formula. */
const KRASSOWSKY_A_M = 6378245.0;
/** First eccentricity squared of the Krassowsky 1940 ellipsoid. */
const KRASSOWSKY_EE = 0.00669342162296594323;
/** Baidu's angular constant: π·3000/180. */
const BD_X_PI = (Math.PI * 3000.0) / 180.0;

/** Convergence threshold of the iterative inverses, in degrees (1e-9° ≈ 0.1 mm). */
export const INVERSE_TOLERANCE_DEG = 1e-9;
/** Upper bound on iterations of the inverses; convergence normally takes 1–3 steps. */
export const MAX_INVERSE_ITERATIONS = 30;

/**
 * True outside the box where the GCJ-02 offset is applied (the box used by every reference
 * implementation; it is a rectangle, not China's border).
 * @example isOutOfChina(114.3, 30.6) // false
 * @example isOutOfChina(2.35, 48.85) // true (Paris)
 */
export function isOutOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLatRaw(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320.0 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function offsetLonRaw(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** GCJ-02 minus WGS84 at a WGS84 point, in degrees: [dLon, dLat]. Zero outside the China box. */
function gcjOffsetDeg(lon: number, lat: number): [number, number] {
  if (isOutOfChina(lon, lat)) return [0, 0];
  const rawLat = offsetLatRaw(lon - 105.0, lat - 35.0);
  const rawLon = offsetLonRaw(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const sinLat = Math.sin(radLat);
  const magic = 1 - KRASSOWSKY_EE * sinLat * sinLat;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (rawLat * 180.0) / (((KRASSOWSKY_A_M * (1 - KRASSOWSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (rawLon * 180.0) / ((KRASSOWSKY_A_M / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

/**
 * WGS84 → GCJ-02.
 * @example wgs84ToGcj02(121.5272106, 31.1774276) // ≈ [121.531541859215, 31.17530398364597] (Shanghai)
 */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  const [dLon, dLat] = gcjOffsetDeg(lon, lat);
  return [lon + dLon, lat + dLat];
}

/**
 * Solves forward(p) = target for p by fixed-point iteration p ← p − (forward(p) − target), starting
 * from `start`. Valid because the forward maps here are the identity plus a slowly varying offset: the
 * offset's derivative is below 0.007, so each step shrinks the error at least 150-fold (measured over
 * 20 000 points in China: 1–3 steps after the one-step estimate). Near the edges of the China box the
 * forward map jumps (offset inside, none outside) and a point may have no exact preimage; the iterate
 * with the smallest residual is returned then.
 */
function invertByIteration(
  forward: (lon: number, lat: number) => [number, number],
  targetLon: number,
  targetLat: number,
  startLon: number,
  startLat: number,
): [number, number] {
  let lon = startLon;
  let lat = startLat;
  let bestLon = lon;
  let bestLat = lat;
  let bestResidual = Infinity;
  for (let i = 0; i < MAX_INVERSE_ITERATIONS; i++) {
    const [fLon, fLat] = forward(lon, lat);
    const errLon = fLon - targetLon;
    const errLat = fLat - targetLat;
    const residual = Math.max(Math.abs(errLon), Math.abs(errLat));
    if (residual < bestResidual) {
      bestResidual = residual;
      bestLon = lon;
      bestLat = lat;
    }
    if (residual < INVERSE_TOLERANCE_DEG) break;
    lon -= errLon;
    lat -= errLat;
  }
  return [bestLon, bestLat];
}

/**
 * GCJ-02 → WGS84 by iteration (error < 1e-9° of the forward image, i.e. ≈ 0.1 mm; the one-step
 * inverse used by many libraries errs by about 1 m, up to 4.6 m).
 * @example gcj02ToWgs84(121.531541859215, 31.17530398364597) // ≈ [121.5272106, 31.1774276]
 */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  if (isOutOfChina(lon, lat)) return [lon, lat];
  const [dLon, dLat] = gcjOffsetDeg(lon, lat);
  return invertByIteration(wgs84ToGcj02, lon, lat, lon - dLon, lat - dLat);
}

/**
 * GCJ-02 → BD-09 (Baidu's shift, applied everywhere).
 * @example gcj02ToBd09(116.404, 39.915) // ≈ [116.41036949371029, 39.92133699351021]
 */
export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/**
 * The classic closed-form BD-09 → GCJ-02 used by Baidu's samples and most libraries. It is not the exact
 * inverse of gcj02ToBd09 (it evaluates the shift at the BD-09 point instead of the GCJ-02 point; error
 * up to 0.22 m in China); kept as the starting point of bd09ToGcj02 and for comparison.
 * @example bd09ToGcj02ClosedForm(116.404, 39.915) // ≈ [116.39762729119315, 39.90865673957631]
 */
export function bd09ToGcj02ClosedForm(lon: number, lat: number): [number, number] {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

/**
 * BD-09 → GCJ-02 by iterating gcj02ToBd09 from the closed-form estimate (error < 1e-9°).
 * @example bd09ToGcj02(116.41036949371029, 39.92133699351021) // ≈ [116.404, 39.915]
 */
export function bd09ToGcj02(lon: number, lat: number): [number, number] {
  const [startLon, startLat] = bd09ToGcj02ClosedForm(lon, lat);
  return invertByIteration(gcj02ToBd09, lon, lat, startLon, startLat);
}

/**
 * WGS84 → BD-09 (via GCJ-02).
 * @example wgs84ToBd09(114.3, 30.6) // ≈ [114.3120, 30.6033] (Wuhan; about 1.2 km north-east)
 */
export function wgs84ToBd09(lon: number, lat: number): [number, number] {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(gLon, gLat);
}

/**
 * BD-09 → WGS84 (both steps iterative).
 * @example bd09ToWgs84(...wgs84ToBd09(114.3, 30.6)) // ≈ [114.3, 30.6] within 1e-8°
 */
export function bd09ToWgs84(lon: number, lat: number): [number, number] {
  const [gLon, gLat] = bd09ToGcj02(lon, lat);
  return gcj02ToWgs84(gLon, gLat);
}
