/**
 * CrsSpec: the coordinate system of an input file as the app understands it. Produced by parseCrs (CLI
 * `--crs`, the import dialog's choice), crsFromWkt (.prj), crsFromGeoKeys (GeoTIFF) and
 * guessCrsFromCoordinates; consumed by createTransformToWgs84 / createTransformFromWgs84.
 * `id` is a canonical text that parseCrs accepts back, so a spec can be stored and re-read.
 */

import { getCrsDefinition, type CrsDefinition } from './crs_definitions';

/** A supported EPSG system (see crs_definitions.ts). */
export interface EpsgCrsSpec {
  readonly kind: 'epsg';
  /** "EPSG:4547". */
  readonly id: string;
  /** Human-readable name, e.g. "EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger CM 114E". */
  readonly label: string;
  readonly definition: CrsDefinition;
}

/** GCJ-02 or BD-09 lon/lat (no EPSG code; see gcj02.ts). */
export interface OffsetCrsSpec {
  readonly kind: 'gcj02' | 'bd09';
  readonly id: 'GCJ02' | 'BD09';
  readonly label: string;
}

/**
 * A system without a supported EPSG code, on the WGS84 or CGCS2000 datum: built from a .prj's WKT
 * parameters (e.g. a Gauss–Krüger zone with a non-standard central meridian) or given as a proj4 string.
 */
export interface CustomCrsSpec {
  readonly kind: 'custom';
  /** The definition text itself (a proj4 string or WKT), so parseCrs(id) rebuilds the spec. */
  readonly id: string;
  readonly label: string;
  /** proj4 definition: a proj4 string, or WKT that proj4 parses itself. */
  readonly definition: string;
  readonly projected: boolean;
  readonly datum: 'WGS84' | 'CGCS2000';
}

export type CrsSpec = EpsgCrsSpec | OffsetCrsSpec | CustomCrsSpec;

/**
 * Spec of a supported EPSG code, or undefined when the code is not supported.
 * @example epsgCrsSpec(4547)?.label // "EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger CM 114E"
 */
export function epsgCrsSpec(code: number): EpsgCrsSpec | undefined {
  const definition = getCrsDefinition(code);
  if (!definition) return undefined;
  return { kind: 'epsg', id: `EPSG:${code}`, label: `EPSG:${code} ${definition.name}`, definition };
}

/** proj4 definitions of the ESRI codes the app supports (systems with no EPSG code). */
const ESRI_DEFINITIONS: Readonly<Record<number, { name: string; proj4: string }>> = {
  // GHS-POP (the JRC's Global Human Settlement population grids) is published in World Mollweide.
  54009: { name: 'World Mollweide', proj4: '+proj=moll +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs' },
};

/**
 * Spec of a supported ESRI code (ESRI:54009 World Mollweide), or undefined. Its id "ESRI:54009" is
 * what parseCrs reads back.
 * @example esriCrsSpec(54009)?.label // "ESRI:54009 World Mollweide"
 */
export function esriCrsSpec(code: number): CustomCrsSpec | undefined {
  const known = ESRI_DEFINITIONS[code];
  if (!known) return undefined;
  return { kind: 'custom', id: `ESRI:${code}`, label: `ESRI:${code} ${known.name}`, definition: known.proj4, projected: true, datum: 'WGS84' };
}

/**
 * Spec of WGS84 lon/lat (EPSG:4326), the system the project stores.
 * @example wgs84CrsSpec().id // "EPSG:4326"
 */
export function wgs84CrsSpec(): EpsgCrsSpec {
  return epsgCrsSpec(4326) as EpsgCrsSpec;
}

/**
 * Spec of GCJ-02 lon/lat (AutoNavi/Amap, Tencent).
 * @example gcj02CrsSpec().id // "GCJ02"
 */
export function gcj02CrsSpec(): OffsetCrsSpec {
  return { kind: 'gcj02', id: 'GCJ02', label: 'GCJ-02 (AutoNavi/Amap, Tencent lon/lat)' };
}

/**
 * Spec of BD-09 lon/lat (Baidu).
 * @example bd09CrsSpec().id // "BD09"
 */
export function bd09CrsSpec(): OffsetCrsSpec {
  return { kind: 'bd09', id: 'BD09', label: 'BD-09 (Baidu lon/lat)' };
}

/**
 * True when the spec's coordinates are metres (projected), false for lon/lat degrees.
 * @example isProjectedCrs(epsgCrsSpec(4547)!) // true
 */
export function isProjectedCrs(spec: CrsSpec): boolean {
  if (spec.kind === 'epsg') return spec.definition.projected;
  if (spec.kind === 'custom') return spec.projected;
  return false;
}
