/**
 * Coordinate systems of input data: the public entry for the CLI (`--crs`), importers and the import
 * dialog. parseCrs reads what a user or a file says; crsFromWkt / crsFromGeoKeys read .prj files and
 * GeoTIFFs; guessCrsFromCoordinates proposes candidates from the numbers alone; the transform
 * factories convert points to and from WGS84, which the project stores.
 */

import { InputError } from '../errors';
import { crsFromWkt } from './crs_from_wkt';
import { bd09CrsSpec, epsgCrsSpec, esriCrsSpec, gcj02CrsSpec, type CrsSpec } from './crs_spec';
import { validateProj4Definition } from './proj4_definition';

export { crsFromWkt } from './crs_from_wkt';
export { crsFromGeoKeys, type GeoKeys } from './crs_from_geokeys';
export { guessCrsFromCoordinates, type CrsCandidate } from './crs_guess';
export { createTransformFromWgs84, createTransformToWgs84, type PointTransform } from './crs_transform';
export {
  bd09CrsSpec,
  epsgCrsSpec,
  esriCrsSpec,
  gcj02CrsSpec,
  isProjectedCrs,
  wgs84CrsSpec,
  type CrsSpec,
  type CustomCrsSpec,
  type EpsgCrsSpec,
  type OffsetCrsSpec,
} from './crs_spec';

/** The accepted forms, for error messages and `--help`. */
export const ACCEPTED_CRS_FORMS =
  'EPSG:<code> or <code> (4326 WGS84, 4490 CGCS2000, 3857 Web Mercator, 4491-4554 CGCS2000 ' +
  'Gauss-Kruger 3°/6° zones with or without zone prefix, 32601-32660 / 32701-32760 WGS84 UTM), ' +
  'ESRI:54009 (World Mollweide, GHS-POP), wgs84, cgcs2000, gcj02, bd09, web mercator, mollweide, ' +
  'the WKT text of a .prj file, or a proj4 string (+proj=...)';

const NAMED: Readonly<Record<string, () => CrsSpec>> = {
  wgs84: () => epsgCrsSpec(4326) as CrsSpec,
  crs84: () => epsgCrsSpec(4326) as CrsSpec,
  cgcs2000: () => epsgCrsSpec(4490) as CrsSpec,
  china2000: () => epsgCrsSpec(4490) as CrsSpec,
  gcj02: gcj02CrsSpec,
  bd09: bd09CrsSpec,
  bd09ll: bd09CrsSpec,
  webmercator: () => epsgCrsSpec(3857) as CrsSpec,
  pseudomercator: () => epsgCrsSpec(3857) as CrsSpec,
  mollweide: () => esriCrsSpec(54009) as CrsSpec,
  worldmollweide: () => esriCrsSpec(54009) as CrsSpec,
};

/**
 * EPSG code in the usual spellings: "EPSG:4547", "epsg 4547", "4547", "urn:ogc:def:crs:EPSG::4547",
 * "http://www.opengis.net/def/crs/EPSG/0/4547"; undefined when the text is none of them.
 */
function epsgCodeOf(text: string): number | undefined {
  const match =
    /^(?:epsg\s*[:：]?\s*|urn:ogc:def:crs:epsg:[0-9.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[0-9.]+\/)?(\d{4,6})$/i.exec(
      text,
    );
  return match ? Number(match[1]) : undefined;
}

/** A proj4 string on the WGS84 datum or the GRS80 ellipsoid (CGCS2000); other datums are refused. */
function proj4Spec(text: string, sourceName: string | undefined): CrsSpec {
  const wgs84 = /\+(datum|ellps)=WGS84\b/i.test(text);
  const grs80 = /\+ellps=GRS80\b/i.test(text);
  if ((!wgs84 && !grs80) || /\+towgs84=/i.test(text) || /\+nadgrids=(?!@null)/i.test(text)) {
    throw new InputError(
      `proj4 string "${text}" must use +datum=WGS84 or +ellps=GRS80 (CGCS2000) without +towgs84/+nadgrids; ` +
        'other datums need local parameters',
      { file: sourceName },
    );
  }
  validateProj4Definition(text, sourceName);
  const projected = !/\+proj=(longlat|latlong|lonlat|latlon)\b/i.test(text);
  return {
    kind: 'custom',
    id: text,
    label: `proj4: ${text}`,
    definition: text,
    projected,
    datum: wgs84 ? 'WGS84' : 'CGCS2000',
  };
}

/**
 * Reads a coordinate system given as text (CLI `--crs`, the import dialog, a GeoJSON `crs` name, a .prj
 * file's content). Case-insensitive; spaces, '-' and '_' in names are ignored ("GCJ-02", "Web Mercator").
 * Throws InputError listing the accepted forms.
 * @example parseCrs('EPSG:4547').label // "EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger CM 114E"
 * @example parseCrs('4526').id // "EPSG:4526"
 * @example parseCrs('GCJ-02').kind // "gcj02"
 * @example parseCrs('urn:ogc:def:crs:OGC:1.3:CRS84').id // "EPSG:4326"
 * @example parseCrs('ESRI:54009').label // "ESRI:54009 World Mollweide"
 */
export function parseCrs(text: string, sourceName?: string): CrsSpec {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') {
    throw new InputError(`coordinate system is empty; accepted: ${ACCEPTED_CRS_FORMS}`, { file: sourceName });
  }
  // WKT: a keyword followed by a bracket (PROJCS[, GEOGCS[, PROJCRS[, ...).
  if (/^\uFEFF?[A-Za-z_]+\s*[[(]/.test(trimmed)) return crsFromWkt(trimmed, sourceName);
  if (/^\+proj=/i.test(trimmed)) return proj4Spec(trimmed, sourceName);

  const esri = /^esri\s*[:：]?\s*(\d{4,6})$/i.exec(trimmed);
  if (esri) {
    const spec = esriCrsSpec(Number(esri[1]));
    if (spec) return spec;
    throw new InputError(`ESRI:${esri[1]} is not supported (of the ESRI codes only 54009, World Mollweide); accepted: ${ACCEPTED_CRS_FORMS}`, { file: sourceName });
  }
  const code = epsgCodeOf(trimmed.toLowerCase());
  if (code !== undefined) {
    const spec = epsgCrsSpec(code === 900913 ? 3857 : code);
    if (spec) return spec;
    throw new InputError(`EPSG:${code} is not supported; accepted: ${ACCEPTED_CRS_FORMS}`, { file: sourceName });
  }
  let key = trimmed.toLowerCase().replace(/[\s_\-/]+/g, '');
  key = key.replace(/^urn:ogc:def:crs:ogc:[0-9.]*:/, '').replace(/^ogc:/, '');
  const named = NAMED[key];
  if (named) return named();
  throw new InputError(`unknown coordinate system "${trimmed}"; accepted: ${ACCEPTED_CRS_FORMS}`, {
    file: sourceName,
  });
}
