/**
 * Interprets a WKT coordinate system (a shapefile's .prj, ESRI or OGC WKT1, or WKT2) as a CrsSpec:
 * 1. an EPSG authority code the app supports wins (AUTHORITY["EPSG","4547"] / ID["EPSG",4547]);
 * 2. otherwise the datum must be WGS 84 or CGCS2000 (legacy Xi'an 1980 / Beijing 1954 need local
 *    parameters and are refused), and a geographic system becomes EPSG:4326 / 4490;
 * 3. a transverse Mercator / Gauss–Krüger projection is matched on its parameters (central meridian,
 *    false easting, scale, origin) to a CGCS2000 Gauss–Krüger or WGS 84 UTM code, else turned into a
 *    proj4 string; Web Mercator variants become EPSG:3857;
 * 4. Mollweide on WGS 84 (GHS-POP) becomes ESRI:54009 (or a proj4 string with its parameters);
 * 5. any other projection on those datums is handed to proj4's own WKT parser.
 */

import { InputError } from '../errors';
import { epsgCrsSpec, esriCrsSpec, type CrsSpec } from './crs_spec';
import { parseWkt, wktChild, wktChildren, wktFind, wktName, wktNumber, type WktNode } from './wkt';
import { validateProj4Definition } from './proj4_definition';
import { transverseMercatorSpec, type ProjectionParameters } from './transverse_mercator_spec';

const GEOGRAPHIC_KEYWORDS = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'];
const BASE_GEOGRAPHIC_KEYWORDS = ['GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEOGCRS', 'GEODCRS'];
const PROJECTED_KEYWORDS = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const COMPOUND_KEYWORDS = ['COMPD_CS', 'COMPOUNDCRS'];
const DEGREE_RAD = Math.PI / 180;

/** Lower case with everything but letters and digits removed: "Central_Meridian" → "centralmeridian". */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function near(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
}

/** The code of the node's own AUTHORITY / ID child from `authority` (epsg, esri), if any. */
function authorityCode(node: WktNode, authority = 'epsg'): number | undefined {
  const child = wktChild(node, 'AUTHORITY', 'ID');
  if (!child || normalise(wktName(child)) !== authority) return undefined;
  const code = wktNumber(child, 1);
  return code !== undefined && Number.isInteger(code) ? code : undefined;
}

/**
 * Mollweide on WGS 84 (GHS-POP's World Mollweide): ESRI:54009 when it has the standard parameters,
 * else a proj4 string with its central meridian and false easting/northing.
 */
function mollweideSpec(parameters: ProjectionParameters, name: string, sourceName: string | undefined): CrsSpec {
  // round away binary noise of the degree conversion (105.00000000000001 → 105), at 1e-9 resolution
  const tidy = (value: number) => Math.round(value * 1e9) / 1e9;
  const cm = tidy(parameters.centralMeridianDeg ?? 0);
  const falseEastingM = tidy(parameters.falseEastingM);
  const falseNorthingM = tidy(parameters.falseNorthingM);
  const { linearUnitM } = parameters;
  if (cm === 0 && falseEastingM === 0 && falseNorthingM === 0 && linearUnitM === 1) return esriCrsSpec(54009) as CrsSpec;
  const definition = `+proj=moll +lon_0=${cm} +x_0=${falseEastingM} +y_0=${falseNorthingM} +datum=WGS84 ${linearUnitM === 1 ? '+units=m' : `+to_meter=${linearUnitM}`} +no_defs`;
  validateProj4Definition(definition, sourceName);
  return { kind: 'custom', id: definition, label: `${name || 'Mollweide'} (WGS84, CM ${cm}°E)`, definition, projected: true, datum: 'WGS84' };
}

/** WGS84 / CGCS2000 from the datum name, falling back on the ellipsoid; InputError for anything else. */
function classifyDatum(geographic: WktNode, sourceName: string | undefined): 'WGS84' | 'CGCS2000' {
  const datum = wktFind(geographic, 'DATUM', 'TRF', 'GEODETICDATUM', 'GEODETICREFERENCEFRAME', 'ENSEMBLE');
  const ellipsoid = wktFind(geographic, 'SPHEROID', 'ELLIPSOID');
  const datumName = normalise(wktName(datum));
  const semiMajorM = wktNumber(ellipsoid, 1);
  const inverseFlattening = wktNumber(ellipsoid, 2);
  const primeMeridian = wktChild(geographic, 'PRIMEM', 'PRIMEMERIDIAN');
  const primeMeridianDeg = wktNumber(primeMeridian, 1) ?? 0;
  if (primeMeridianDeg !== 0) {
    throw new InputError(
      `prime meridian "${wktName(primeMeridian)}" at ${primeMeridianDeg} is not supported (only Greenwich)`,
      { file: sourceName },
    );
  }
  if (/wgs84|wgs1984|worldgeodeticsystem1984/.test(datumName)) return 'WGS84';
  if (/china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(datumName)) return 'CGCS2000';
  if (semiMajorM === 6378137 && inverseFlattening !== undefined) {
    if (near(inverseFlattening, 298.257223563)) return 'WGS84';
    if (near(inverseFlattening, 298.257222101)) return 'CGCS2000';
  }
  const ellipsoidText =
    semiMajorM === undefined ? 'unknown ellipsoid' : `ellipsoid a=${semiMajorM} m, 1/f=${inverseFlattening}`;
  const legacy = semiMajorM === 6378245 || semiMajorM === 6378140;
  throw new InputError(
    `datum "${wktName(datum) || 'unnamed'}" (${ellipsoidText}) is not supported: only WGS 84 and CGCS2000 ` +
      'convert without local parameters' +
      (legacy
        ? "; Beijing 1954 / Xi'an 1980 data must first be transformed to CGCS2000 with the local " +
          'parameters of the surveying authority (e.g. in QGIS or ArcGIS)'
        : ''),
    { file: sourceName },
  );
}

/** Conversion factor of a UNIT / LENGTHUNIT / ANGLEUNIT / SCALEUNIT node (1 when absent). */
function unitFactor(unit: WktNode | undefined): number {
  return wktNumber(unit, 1) ?? 1;
}

/** Reads the projection parameters of a WKT1 PROJCS or WKT2 PROJCRS, converted to degrees and metres. */
function readParameters(projected: WktNode, geographic: WktNode): ProjectionParameters {
  const conversion = wktChild(projected, 'CONVERSION');
  const wkt2 = conversion !== undefined;
  // WKT1: linear parameters are in the PROJCS unit, angular ones in the GEOGCS unit. WKT2: every
  // parameter carries its own unit; the output unit sits on the CS axes (or directly on the PROJCRS).
  const axis = wktChild(projected, 'AXIS');
  const linearUnit = wkt2
    ? (wktChild(projected, 'LENGTHUNIT', 'UNIT') ?? (axis ? wktChild(axis, 'LENGTHUNIT', 'UNIT') : undefined))
    : wktChild(projected, 'UNIT');
  const linearUnitM = unitFactor(linearUnit);
  const geographicAngleRad = wktNumber(wktChild(geographic, 'UNIT', 'ANGLEUNIT'), 1) ?? DEGREE_RAD;
  const out: ProjectionParameters = { originLatDeg: 0, scale: 1, falseEastingM: 0, falseNorthingM: 0, linearUnitM };
  for (const parameter of wktChildren(conversion ?? projected, 'PARAMETER')) {
    const name = normalise(wktName(parameter));
    const value = wktNumber(parameter, 1);
    if (value === undefined) continue;
    const ownUnit = wktChild(parameter, 'LENGTHUNIT', 'ANGLEUNIT', 'SCALEUNIT', 'UNIT');
    const angleDeg = (value * (ownUnit ? unitFactor(ownUnit) : geographicAngleRad)) / DEGREE_RAD;
    const lengthM = value * (ownUnit ? unitFactor(ownUnit) : linearUnitM);
    if (name === 'centralmeridian' || name === 'longitudeofnaturalorigin' || name === 'longitudeoforigin') {
      out.centralMeridianDeg = angleDeg;
    } else if (name === 'latitudeoforigin' || name === 'latitudeofnaturalorigin') {
      out.originLatDeg = angleDeg;
    } else if (name === 'scalefactor' || name === 'scalefactoratnaturalorigin') {
      out.scale = value;
    } else if (name === 'falseeasting') {
      out.falseEastingM = lengthM;
    } else if (name === 'falsenorthing') {
      out.falseNorthingM = lengthM;
    }
  }
  return out;
}

function fromNode(root: WktNode, wkt: string, sourceName: string | undefined): CrsSpec {
  if (COMPOUND_KEYWORDS.includes(root.keyword)) {
    const horizontal = root.values.find(
      (v): v is WktNode =>
        typeof v === 'object' && (GEOGRAPHIC_KEYWORDS.includes(v.keyword) || PROJECTED_KEYWORDS.includes(v.keyword)),
    );
    if (!horizontal) throw new InputError('compound WKT has no horizontal coordinate system', { file: sourceName });
    return fromNode(horizontal, wkt, sourceName);
  }
  const isGeographic = GEOGRAPHIC_KEYWORDS.includes(root.keyword);
  const isProjected = PROJECTED_KEYWORDS.includes(root.keyword);
  if (!isGeographic && !isProjected) {
    throw new InputError(
      `WKT "${root.keyword}" is not a geographic or projected coordinate system (expected GEOGCS, PROJCS, ` +
        'GEOGCRS or PROJCRS)',
      { file: sourceName },
    );
  }
  const code = authorityCode(root);
  const esriCode = authorityCode(root, 'esri');
  const known = code !== undefined ? epsgCrsSpec(code) : esriCode !== undefined ? esriCrsSpec(esriCode) : undefined;
  if (known) return known;

  const geographic = isGeographic ? root : wktChild(root, ...BASE_GEOGRAPHIC_KEYWORDS);
  if (!geographic) throw new InputError('projected WKT has no geographic base (GEOGCS)', { file: sourceName });
  const datum = classifyDatum(geographic, sourceName);
  if (isGeographic) return epsgCrsSpec(datum === 'WGS84' ? 4326 : 4490) as CrsSpec;

  const name = wktName(root);
  const method = wktName(wktChild(root, 'PROJECTION')) || wktName(wktChild(wktChild(root, 'CONVERSION') ?? root, 'METHOD'));
  const methodKey = normalise(method);
  if (['transversemercator', 'gausskruger', 'gausskrueger', 'tmerc'].includes(methodKey)) {
    return transverseMercatorSpec(name, datum, readParameters(root, geographic), sourceName);
  }
  const nameKey = normalise(name);
  const webMercator =
    methodKey === 'mercatorauxiliarysphere' ||
    methodKey === 'popularvisualisationpseudomercator' ||
    nameKey.includes('pseudomercator') ||
    nameKey.includes('webmercator');
  if (webMercator && datum === 'WGS84') return epsgCrsSpec(3857) as CrsSpec;
  if (methodKey === 'mollweide' && datum === 'WGS84') return mollweideSpec(readParameters(root, geographic), name, sourceName);

  validateProj4Definition(wkt, sourceName);
  return { kind: 'custom', id: wkt, label: `${name || method} (from WKT)`, definition: wkt, projected: true, datum };
}

/**
 * CrsSpec of a WKT coordinate system; InputError for malformed WKT, unsupported datums or projections.
 * @example crsFromWkt('PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]').id // "EPSG:4547"
 */
export function crsFromWkt(wkt: string, sourceName?: string): CrsSpec {
  const trimmed = wkt.trim();
  if (trimmed === '') throw new InputError('the coordinate system file is empty', { file: sourceName });
  return fromNode(parseWkt(trimmed, sourceName), trimmed, sourceName);
}
