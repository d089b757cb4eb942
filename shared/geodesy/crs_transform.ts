/**
 * Point transforms between a CrsSpec and WGS84 lon/lat (what the project stores). proj4 does the maths
 * for EPSG and custom systems, gcj02.ts for GCJ-02 / BD-09.
 *
 * The returned functions check every point, because a wrong coordinate system is the most common import
 * mistake and its results look plausible on a map only at first glance. They throw InputError (without a
 * file/row location: callers add it) for non-finite input, longitudes/latitudes out of range, eastings
 * outside the Gauss–Krüger/UTM zone's band (0..1 000 000 m after the zone prefix), a missing or wrong
 * zone prefix, and axes given northing/latitude first (EPSG lists Gauss–Krüger axes as "X north,
 * Y east" and EPSG:4326 as lat, lon, so files written that way are common).
 */

import { InputError } from '../errors';
import { getCrsDefinition, listCrsDefinitions, type CrsDefinition } from './crs_definitions';
import type { CrsSpec } from './crs_spec';
import { bd09ToWgs84, gcj02ToWgs84, wgs84ToBd09, wgs84ToGcj02 } from './gcj02';
import { createProj4Pair } from './proj4_definition';

/** Half the circumference of the Web Mercator sphere, in metres (its x and y limit). */
const WEB_MERCATOR_LIMIT_M = 20037508.342789244;
/** Width of a transverse Mercator zone's easting band after removing the prefix, in metres. */
const EASTING_BAND_M = 1_000_000;
/** Largest plausible northing of a transverse Mercator system (north pole ≈ 10 002 km), in metres. */
const MAX_NORTHING_M = 10_001_966;

export type PointTransform = (x: number, y: number) => [number, number];

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : String(value);
}

function checkFinite(x: number, y: number, names: [string, string]): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new InputError(`${names[0]} and ${names[1]} must be finite numbers, got ${names[0]}=${x}, ${names[1]}=${y}`);
  }
}

/** Checks a lon/lat pair (x = lon, y = lat) and names the swapped-axes case. */
function checkLonLat(lon: number, lat: number, label: string): void {
  checkFinite(lon, lat, ['longitude', 'latitude']);
  if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) return;
  if (Math.abs(lon) <= 90 && Math.abs(lat) <= 180) {
    throw new InputError(
      `x=${formatNumber(lon)}, y=${formatNumber(lat)} look swapped for ${label}: x must be the longitude and ` +
        'y the latitude, but this pair has the latitude first (EPSG lists latitude first; swap the columns)',
      {},
      { reason: 'coordinates_swapped', params: { x: lon, y: lat } },
    );
  }
  throw new InputError(
    `longitude must be in [-180, 180] and latitude in [-90, 90] for ${label}, got x=${formatNumber(lon)}, ` +
      `y=${formatNumber(lat)}; projected coordinates (metres) need a projected coordinate system`,
  );
}

function inBand(value: number, bandStartM: number): boolean {
  return value >= bandStartM && value < bandStartM + EASTING_BAND_M;
}

/** Names the zone-prefixed / CM-form code that would fit an easting, for error messages. */
function suggestionForEasting(x: number, def: CrsDefinition): string {
  const zone = Math.floor(x / 1e6);
  if (zone === 0 && def.zonePrefix) {
    const cmForm = listCrsDefinitions().find(
      (d) => !d.zonePrefix && d.datum === def.datum && d.zoneWidthDeg === def.zoneWidthDeg && d.centralMeridianDeg === def.centralMeridianDeg,
    );
    return `x has no zone prefix; it looks like the central-meridian form${cmForm ? ` EPSG:${cmForm.code} (${cmForm.name})` : ''}`;
  }
  const prefixed = listCrsDefinitions().find((d) => d.zonePrefix && d.zone === zone);
  if (prefixed) return `x has the zone prefix ${zone}, which is EPSG:${prefixed.code} (${prefixed.name})`;
  return 'x is not an easting of this system';
}

/** Checks x = easting, y = northing against a zoned transverse Mercator system's bands. */
function checkZoneBands(x: number, y: number, def: CrsDefinition): void {
  checkFinite(x, y, ['x (easting)', 'y (northing)']);
  const bandStartM = (def.falseEastingM ?? 500000) - EASTING_BAND_M / 2;
  const label = `EPSG:${def.code} (${def.name})`;
  const northingOk = (v: number) => v >= -EASTING_BAND_M && v <= MAX_NORTHING_M;
  if (inBand(x, bandStartM) && northingOk(y)) return;
  if (inBand(y, bandStartM) && northingOk(x)) {
    throw new InputError(
      `x=${formatNumber(x)}, y=${formatNumber(y)} look swapped for ${label}: y is an easting of this system ` +
        `(${bandStartM}..${bandStartM + EASTING_BAND_M} m) and x a northing, i.e. the file has northing first ` +
        '(EPSG lists Gauss-Kruger axes as "X north, Y east"); swap the columns so that x is the easting',
      {},
      { reason: 'coordinates_swapped', params: { x, y } },
    );
  }
  if (!inBand(x, bandStartM)) {
    throw new InputError(
      `x=${formatNumber(x)} is not an easting of ${label}: eastings lie in ${bandStartM}..` +
        `${bandStartM + EASTING_BAND_M} m; ${suggestionForEasting(x, def)}`,
    );
  }
  throw new InputError(`y=${formatNumber(y)} is not a northing of ${label} (expected 0..${MAX_NORTHING_M} m)`);
}

function checkOutput(lon: number, lat: number, x: number, y: number, label: string): [number, number] {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new InputError(
      `x=${formatNumber(x)}, y=${formatNumber(y)} lies outside the area where ${label} is defined ` +
        `(converted to lon=${lon}, lat=${lat})`,
    );
  }
  return [lon, lat];
}

/** proj4 longitudes may leave [-180, 180] by rounding at the antimeridian; wrap them back. */
function wrapLon(lon: number): number {
  return lon > 180 || lon < -180 ? ((((lon + 180) % 360) + 360) % 360) - 180 : lon;
}

/** The proj4 definition of an EPSG or custom spec (GCJ-02/BD-09 have none). */
function proj4DefinitionOf(spec: CrsSpec): string {
  if (spec.kind === 'epsg') return spec.definition.proj4;
  if (spec.kind === 'custom') return spec.definition;
  throw new Error(`${spec.label} has no proj4 definition`);
}

/**
 * A function converting (x, y) in `spec` (x = easting or longitude) to WGS84 [lon, lat].
 * @example createTransformToWgs84(parseCrs('EPSG:4547'))(528770.24, 3386666.25) // ≈ [114.3, 30.6]
 * @example createTransformToWgs84(parseCrs('gcj02'))(121.531541859215, 31.17530398364597) // ≈ [121.5272106, 31.1774276]
 */
export function createTransformToWgs84(spec: CrsSpec): PointTransform {
  if (spec.kind === 'gcj02' || spec.kind === 'bd09') {
    const inverse = spec.kind === 'gcj02' ? gcj02ToWgs84 : bd09ToWgs84;
    return (x, y) => {
      checkLonLat(x, y, spec.label);
      return inverse(x, y);
    };
  }
  if (spec.kind === 'epsg' && !spec.definition.projected) {
    // WGS84 and CGCS2000 lon/lat are the same at planning scale (a few cm): identity.
    return (x, y) => {
      checkLonLat(x, y, spec.label);
      return [x, y];
    };
  }
  const pair = createProj4Pair(proj4DefinitionOf(spec));
  const def = spec.kind === 'epsg' ? getCrsDefinition(spec.definition.code) : undefined;
  const zoned = def !== undefined && def.falseEastingM !== undefined;
  const webMercator = def?.family === 'web_mercator';
  return (x, y) => {
    if (zoned) checkZoneBands(x, y, def);
    else if (webMercator) {
      checkFinite(x, y, ['x', 'y']);
      if (Math.abs(x) > WEB_MERCATOR_LIMIT_M * 1.000001 || Math.abs(y) > WEB_MERCATOR_LIMIT_M * 1.000001) {
        throw new InputError(
          `x=${formatNumber(x)}, y=${formatNumber(y)} is outside Web Mercator's range of ±${WEB_MERCATOR_LIMIT_M} m`,
        );
      }
    } else checkFinite(x, y, ['x', 'y']);
    const [lon, lat] = pair.toWgs84(x, y);
    return checkOutput(wrapLon(lon), lat, x, y, spec.label);
  };
}

/**
 * A function converting WGS84 (lon, lat) to (x, y) in `spec` (x = easting or longitude).
 * @example createTransformFromWgs84(parseCrs('EPSG:4526'))(114.3, 30.6) // ≈ [38528770.24, 3386666.25]
 */
export function createTransformFromWgs84(spec: CrsSpec): PointTransform {
  const label = 'WGS84';
  if (spec.kind === 'gcj02' || spec.kind === 'bd09') {
    const forward = spec.kind === 'gcj02' ? wgs84ToGcj02 : wgs84ToBd09;
    return (lon, lat) => {
      checkLonLat(lon, lat, label);
      return forward(lon, lat);
    };
  }
  if (spec.kind === 'epsg' && !spec.definition.projected) {
    return (lon, lat) => {
      checkLonLat(lon, lat, label);
      return [lon, lat];
    };
  }
  const pair = createProj4Pair(proj4DefinitionOf(spec));
  return (lon, lat) => {
    checkLonLat(lon, lat, label);
    const [x, y] = pair.fromWgs84(lon, lat);
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new InputError(`lon=${lon}, lat=${lat} cannot be projected to ${spec.label}`);
    }
    return [x, y];
  };
}
