/**
 * Guesses the coordinate system of a sample of input coordinates for the import dialog, when the file
 * says nothing (CSV columns, a shapefile without .prj). Only what the numbers prove is claimed:
 * - degrees inside China: WGS84 (CGCS2000 is the same at planning scale); GCJ-02 and BD-09 are offered
 *   as low-confidence alternatives because their coordinates cannot be told apart from WGS84 by value;
 * - degrees with the latitude first: WGS84 with swapped axes;
 * - metres with a Gauss–Krüger zone prefix (x = 38 528 770): the zone's EPSG code; zones 13–23 are
 *   6° zones, 25–45 are 3° zones, so the prefix fixes the system; northing-first data is recognised;
 * - Web Mercator metres that land in China;
 * - metres without a prefix (x in 0..1 000 000): the central meridian cannot be read from the numbers,
 *   so the candidate has no spec and lists the codes to offer (the user must choose).
 */

import { InputError } from '../errors';
import { listCrsDefinitions } from './crs_definitions';
import { bd09CrsSpec, epsgCrsSpec, gcj02CrsSpec, type CrsSpec } from './crs_spec';
import { createTransformToWgs84 } from './crs_transform';
import { isOutOfChina } from './gcj02';

export interface CrsCandidate {
  /** The coordinate system, or null when the user must choose one (see suggestedCodes). */
  readonly spec: CrsSpec | null;
  /** True when the sample has northing/latitude first: swap x and y before transforming. */
  readonly swapAxes: boolean;
  readonly confidence: 'high' | 'medium' | 'low';
  /** Why, in plain words for the import dialog. */
  readonly reason: string;
  /** EPSG codes to offer in a picker (filled when spec is null). */
  readonly suggestedCodes: readonly number[];
}

/** Largest plausible northing (m) of a transverse Mercator system. */
const MAX_NORTHING_M = 10_001_966;
const WEB_MERCATOR_LIMIT_M = 20037508.342789244;
/** WGS 84 / UTM north zones covering China (43N–53N). */
const CHINA_UTM_CODES = Array.from({ length: 11 }, (_, i) => 32643 + i);
const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

type Pair = readonly [number, number];

/** The single Gauss–Krüger zone prefix shared by all values, or undefined. */
function commonZonePrefix(values: readonly number[]): number | undefined {
  const zone = Math.floor(values[0] / 1e6);
  if (!values.every((v) => Math.floor(v / 1e6) === zone)) return undefined;
  return (zone >= 13 && zone <= 23) || (zone >= 25 && zone <= 45) ? zone : undefined;
}

function prefixedCode(zone: number): number {
  return zone <= 23 ? 4491 + (zone - 13) : 4513 + (zone - 25);
}

/** True when every point converts with `spec` and lands inside the China box. */
function landsInChina(spec: CrsSpec, points: readonly Pair[], swap: boolean): boolean {
  const toWgs84 = createTransformToWgs84(spec);
  try {
    return points.every(([x, y]) => {
      const [lon, lat] = swap ? toWgs84(y, x) : toWgs84(x, y);
      return !isOutOfChina(lon, lat);
    });
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

function degreeCandidates(points: readonly Pair[], out: CrsCandidate[]): void {
  const lonLat = points.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
  const latLon = points.every(([x, y]) => Math.abs(x) <= 90 && Math.abs(y) <= 180);
  const inChina = lonLat && points.every(([x, y]) => !isOutOfChina(x, y));
  const inChinaSwapped = latLon && points.every(([x, y]) => !isOutOfChina(y, x));
  const wgs84 = epsgCrsSpec(4326) as CrsSpec;
  const none: number[] = [];
  if (inChina) {
    out.push({
      spec: wgs84,
      swapAxes: false,
      confidence: 'high',
      reason: 'longitude/latitude in degrees inside China: WGS84 (CGCS2000 is the same at planning scale)',
      suggestedCodes: none,
    });
    out.push({
      spec: epsgCrsSpec(4490) as CrsSpec,
      swapAxes: false,
      confidence: 'medium',
      reason: 'longitude/latitude in degrees: CGCS2000 (EPSG:4490), equal to WGS84 within centimetres',
      suggestedCodes: none,
    });
    const offset = 'cannot be told apart from WGS84 by the numbers; choose it if the data came from';
    out.push({ spec: gcj02CrsSpec(), swapAxes: false, confidence: 'low', reason: `GCJ-02 ${offset} Amap/AutoNavi or Tencent`, suggestedCodes: none });
    out.push({ spec: bd09CrsSpec(), swapAxes: false, confidence: 'low', reason: `BD-09 ${offset} Baidu`, suggestedCodes: none });
  } else if (lonLat) {
    out.push({
      spec: wgs84,
      swapAxes: false,
      confidence: inChinaSwapped ? 'low' : 'high',
      reason: 'longitude/latitude in degrees (outside China, so GCJ-02/BD-09 do not apply)',
      suggestedCodes: none,
    });
  }
  if (latLon && (!lonLat || (inChinaSwapped && !inChina))) {
    out.push({
      spec: wgs84,
      swapAxes: true,
      confidence: !lonLat || inChinaSwapped ? 'high' : 'medium',
      reason: 'degrees with the latitude first (x is the latitude): WGS84 with x and y swapped',
      suggestedCodes: none,
    });
  }
}

function prefixCandidates(points: readonly Pair[], out: CrsCandidate[]): void {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const northings = (values: readonly number[]) => values.every((v) => v >= 0 && v <= MAX_NORTHING_M);
  for (const swap of [false, true]) {
    const zone = commonZonePrefix(swap ? ys : xs);
    if (zone === undefined || !northings(swap ? xs : ys)) continue;
    const spec = epsgCrsSpec(prefixedCode(zone)) as CrsSpec;
    if (!landsInChina(spec, points, swap)) continue;
    // 6° zones 13–15 share their numbers with Web Mercator x values of eastern China (13–15 million m).
    const ambiguous = zone <= 15 && points.every(([x, y]) => Math.abs(x) <= WEB_MERCATOR_LIMIT_M && Math.abs(y) <= WEB_MERCATOR_LIMIT_M);
    out.push({
      spec,
      swapAxes: swap,
      confidence: ambiguous ? 'medium' : 'high',
      reason:
        `metres with the Gauss-Kruger zone prefix ${zone} in ${swap ? 'y' : 'x'} (${zone <= 23 ? '6' : '3'}° zone)` +
        (swap ? '; the northing comes first, so x and y are swapped' : ''),
      suggestedCodes: [],
    });
  }
}

function webMercatorCandidate(points: readonly Pair[], out: CrsCandidate[]): void {
  const spec = epsgCrsSpec(3857) as CrsSpec;
  if (!points.every(([x, y]) => Math.abs(x) <= WEB_MERCATOR_LIMIT_M && Math.abs(y) <= WEB_MERCATOR_LIMIT_M)) return;
  if (!landsInChina(spec, points, false)) return;
  out.push({
    spec,
    swapAxes: false,
    confidence: 'medium',
    reason: 'metres that fall inside China as Web Mercator (EPSG:3857, web map tiles)',
    suggestedCodes: [],
  });
}

function unprefixedCandidates(points: readonly Pair[], out: CrsCandidate[]): void {
  const easting = (v: number) => v >= 0 && v < 1e6;
  const northing = (v: number) => v >= 1e6 && v <= MAX_NORTHING_M;
  const codes = listCrsDefinitions()
    .filter((d) => d.family === 'cgcs2000_gk3_cm' || d.family === 'cgcs2000_gk6_cm')
    .map((d) => d.code)
    .concat(CHINA_UTM_CODES);
  const reason =
    'projected metres without a zone prefix (Gauss-Kruger central-meridian form or UTM): the central ' +
    'meridian cannot be read from the coordinates; choose the system the data was made in ' +
    '(e.g. EPSG:4547, CGCS2000 3-degree CM 114E, for Wuhan)';
  if (points.every(([x, y]) => easting(x) && northing(y))) {
    out.push({ spec: null, swapAxes: false, confidence: 'medium', reason, suggestedCodes: codes });
  } else if (points.every(([x, y]) => northing(x) && easting(y))) {
    out.push({
      spec: null,
      swapAxes: true,
      confidence: 'medium',
      reason: `${reason}; the northing comes first, so x and y are swapped`,
      suggestedCodes: codes,
    });
  }
}

/**
 * Likely coordinate systems of a coordinate sample, best first; empty when nothing fits (the import
 * dialog then asks). Non-finite pairs are ignored; InputError when none is left.
 * @example guessCrsFromCoordinates([[38528770.2, 3386666.3]])[0].spec?.id // "EPSG:4526"
 * @example guessCrsFromCoordinates([[114.3, 30.6]])[0].spec?.id // "EPSG:4326"
 * @example guessCrsFromCoordinates([[528770.2, 3386666.3]])[0].spec // null (ask the user)
 */
export function guessCrsFromCoordinates(sampleXY: ReadonlyArray<readonly [number, number]>): CrsCandidate[] {
  const points = sampleXY.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (points.length === 0) {
    throw new InputError(`no finite coordinate pair among the ${sampleXY.length} sampled to guess the coordinate system from`);
  }
  const out: CrsCandidate[] = [];
  degreeCandidates(points, out);
  if (out.length === 0) {
    prefixCandidates(points, out);
    webMercatorCandidate(points, out);
    unprefixedCandidates(points, out);
  }
  // Stable sort: within a confidence level the order above (most specific first) stays.
  return out.sort((a, b) => CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence]);
}
