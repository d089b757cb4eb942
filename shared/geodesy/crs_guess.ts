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
 * What the numbers cannot tell, the file may: column names (gcj_lng, 高德经度, bd09_lat, an AutoNavi
 * POI export's location/typecode/adcode columns), the file name (amap, 高德, baidu, 百度) or a source
 * column's values name GCJ-02 or BD-09 (crsHintsOf); such a hint puts that system first, and the
 * candidate's reasonCode (translated by the app) says which evidence it rests on.
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
  /** Why, in plain English (CLI, logs). */
  readonly reason: string;
  /** Why, as a code the app translates, with its params. */
  readonly reasonCode: CrsReasonCode;
  readonly reasonParams: Readonly<Record<string, string | number>>;
  /** EPSG codes to offer in a picker (filled when spec is null). */
  readonly suggestedCodes: readonly number[];
}

/** Every reason a candidate can give (the app has a text for each, in zh and en). */
export const CRS_REASON_CODES = [
  'degrees_in_china',
  'degrees_cgcs2000',
  'gcj02_by_value',
  'bd09_by_value',
  'offset_hint',
  'degrees_outside_china',
  'degrees_latitude_first',
  'gauss_kruger_prefix',
  'web_mercator',
  'metres_without_prefix',
] as const;
export type CrsReasonCode = (typeof CRS_REASON_CODES)[number];

/** What in a file points to a Chinese web-map offset: a column name, the file name, a source value, an AutoNavi POI export. */
export type CrsHintEvidence = 'column' | 'file_name' | 'source_value' | 'autonavi_export';

export interface CrsHint {
  system: 'gcj02' | 'bd09';
  evidence: CrsHintEvidence;
  /** The column, file name or value that says so. */
  detail: string;
}

/** What a file says besides its numbers. */
export interface CrsHintInput {
  columns?: readonly string[];
  fileName?: string;
  /** Values of a source/来源 column (a sample). */
  sourceValues?: readonly unknown[];
}

const BD09_WORDS = /bd0?9|baidu|百度/i;
const GCJ02_WORDS = /gcj|amap|autonavi|gaode|高德|tencent|腾讯|火星/i;
/** A column that holds coordinates: only its name says which system they are in (not "amap_id", "腾讯评分"). */
const COORDINATE_WORDS = /lng|lon|lat|location|coord|point|经度|纬度|坐标|位置|^x$|^y$|_x$|_y$/i;
/** Columns of AutoNavi (高德) POI exports besides name/address: their location is "lng,lat" in GCJ-02. */
const AUTONAVI_POI_COLUMNS = ['typecode', 'adcode', 'citycode', 'pname', 'cityname', 'adname', 'business_area'];

/**
 * The offset system a file's columns, name or source values point to, or null. BD-09 words are
 * checked first: "bd09_gcj" style names are rarer than a Baidu export.
 * @example crsHintsOf({ columns: ['名称', '高德经度', '高德纬度'] }) // { system: 'gcj02', evidence: 'column', detail: '高德经度' }
 * @example crsHintsOf({ fileName: 'baidu_poi.csv' }) // { system: 'bd09', evidence: 'file_name', detail: 'baidu_poi.csv' }
 */
export function crsHintsOf(input: CrsHintInput): CrsHint | null {
  const columns = input.columns ?? [];
  for (const [words, system] of [[BD09_WORDS, 'bd09'], [GCJ02_WORDS, 'gcj02']] as const) {
    const column = columns.find((name) => words.test(name) && COORDINATE_WORDS.test(name));
    if (column !== undefined) return { system, evidence: 'column', detail: column };
  }
  const lower = columns.map((name) => name.trim().toLowerCase());
  const poiColumns = AUTONAVI_POI_COLUMNS.filter((name) => lower.includes(name));
  if (lower.includes('location') && poiColumns.length >= 2) return { system: 'gcj02', evidence: 'autonavi_export', detail: ['location', ...poiColumns].join(', ') };
  for (const [words, system] of [[BD09_WORDS, 'bd09'], [GCJ02_WORDS, 'gcj02']] as const) {
    const fileName = input.fileName ?? '';
    if (words.test(fileName)) return { system, evidence: 'file_name', detail: fileName };
    const value = (input.sourceValues ?? []).find((v) => typeof v === 'string' && words.test(v));
    if (typeof value === 'string') return { system, evidence: 'source_value', detail: value };
  }
  return null;
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

function degreeCandidates(points: readonly Pair[], out: CrsCandidate[], hint: CrsHint | null): void {
  const lonLat = points.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
  const latLon = points.every(([x, y]) => Math.abs(x) <= 90 && Math.abs(y) <= 180);
  const inChina = lonLat && points.every(([x, y]) => !isOutOfChina(x, y));
  const inChinaSwapped = latLon && points.every(([x, y]) => !isOutOfChina(y, x));
  const wgs84 = epsgCrsSpec(4326) as CrsSpec;
  const none: number[] = [];
  if (inChina) {
    if (hint) {
      const evidence = { column: 'the column', file_name: 'the file name', source_value: 'the source value', autonavi_export: 'the AutoNavi POI export columns' }[hint.evidence];
      out.push({
        spec: hint.system === 'gcj02' ? gcj02CrsSpec() : bd09CrsSpec(),
        swapAxes: false,
        confidence: 'high',
        reason: `${hint.system === 'gcj02' ? 'GCJ-02 (AutoNavi/Amap, Tencent)' : 'BD-09 (Baidu)'}: ${evidence} "${hint.detail}" names it; the numbers alone cannot tell it from WGS84`,
        reasonCode: 'offset_hint',
        reasonParams: { system: hint.system, evidence: hint.evidence, detail: hint.detail },
        suggestedCodes: none,
      });
    }
    out.push({
      spec: wgs84,
      swapAxes: false,
      confidence: hint ? 'medium' : 'high',
      reason: 'longitude/latitude in degrees inside China: WGS84 (CGCS2000 is the same at planning scale)',
      reasonCode: 'degrees_in_china',
      reasonParams: {},
      suggestedCodes: none,
    });
    out.push({
      spec: epsgCrsSpec(4490) as CrsSpec,
      swapAxes: false,
      confidence: 'medium',
      reason: 'longitude/latitude in degrees: CGCS2000 (EPSG:4490), equal to WGS84 within centimetres',
      reasonCode: 'degrees_cgcs2000',
      reasonParams: {},
      suggestedCodes: none,
    });
    const offset = 'cannot be told apart from WGS84 by the numbers; choose it if the data came from';
    // without a hint neither offset is ruled out: "possible", not "unlikely" (AutoNavi and Baidu exports are common)
    if (hint?.system !== 'gcj02') {
      out.push({ spec: gcj02CrsSpec(), swapAxes: false, confidence: hint ? 'low' : 'medium', reason: `GCJ-02 ${offset} Amap/AutoNavi or Tencent`, reasonCode: 'gcj02_by_value', reasonParams: {}, suggestedCodes: none });
    }
    if (hint?.system !== 'bd09') {
      out.push({ spec: bd09CrsSpec(), swapAxes: false, confidence: hint ? 'low' : 'medium', reason: `BD-09 ${offset} Baidu`, reasonCode: 'bd09_by_value', reasonParams: {}, suggestedCodes: none });
    }
  } else if (lonLat) {
    out.push({
      spec: wgs84,
      swapAxes: false,
      confidence: inChinaSwapped ? 'low' : 'high',
      reason: 'longitude/latitude in degrees (outside China, so GCJ-02/BD-09 do not apply)',
      reasonCode: 'degrees_outside_china',
      reasonParams: {},
      suggestedCodes: none,
    });
  }
  if (latLon && (!lonLat || (inChinaSwapped && !inChina))) {
    out.push({
      spec: wgs84,
      swapAxes: true,
      confidence: !lonLat || inChinaSwapped ? 'high' : 'medium',
      reason: 'degrees with the latitude first (x is the latitude): WGS84 with x and y swapped',
      reasonCode: 'degrees_latitude_first',
      reasonParams: {},
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
      reasonCode: 'gauss_kruger_prefix',
      reasonParams: { zone, axis: swap ? 'y' : 'x', width: zone <= 23 ? 6 : 3, swapped: swap ? 1 : 0 },
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
    reasonCode: 'web_mercator',
    reasonParams: {},
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
    out.push({ spec: null, swapAxes: false, confidence: 'medium', reason, reasonCode: 'metres_without_prefix', reasonParams: { swapped: 0 }, suggestedCodes: codes });
  } else if (points.every(([x, y]) => northing(x) && easting(y))) {
    out.push({
      spec: null,
      swapAxes: true,
      confidence: 'medium',
      reason: `${reason}; the northing comes first, so x and y are swapped`,
      reasonCode: 'metres_without_prefix',
      reasonParams: { swapped: 1 },
      suggestedCodes: codes,
    });
  }
}

/**
 * Likely coordinate systems of a coordinate sample, best first; empty when nothing fits (the import
 * dialog then asks). Non-finite pairs are ignored; InputError when none is left. `hints` (column
 * names, file name, source values; crsHintsOf) put GCJ-02 or BD-09 first when the file names one.
 * @example guessCrsFromCoordinates([[38528770.2, 3386666.3]])[0].spec?.id // "EPSG:4526"
 * @example guessCrsFromCoordinates([[114.3, 30.6]])[0].spec?.id // "EPSG:4326"
 * @example guessCrsFromCoordinates([[528770.2, 3386666.3]])[0].spec // null (ask the user)
 * @example guessCrsFromCoordinates([[114.28, 30.59]], { columns: ['name', '高德经度', '高德纬度'] })[0].reasonCode // 'offset_hint'
 */
export function guessCrsFromCoordinates(sampleXY: ReadonlyArray<readonly [number, number]>, hints: CrsHintInput = {}): CrsCandidate[] {
  const points = sampleXY.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (points.length === 0) {
    throw new InputError(`no finite coordinate pair among the ${sampleXY.length} sampled to guess the coordinate system from`);
  }
  const out: CrsCandidate[] = [];
  degreeCandidates(points, out, crsHintsOf(hints));
  if (out.length === 0) {
    prefixCandidates(points, out);
    webMercatorCandidate(points, out);
    unprefixedCandidates(points, out);
  }
  // Stable sort: within a confidence level the order above (most specific first) stays.
  return out.sort((a, b) => CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence]);
}
