/**
 * CrsSpec of a GeoTIFF from its GeoKeys, as returned by geotiff.js `image.getGeoKeys()` (key names as in
 * the GeoTIFF 1.0 specification: GTModelTypeGeoKey, GeographicTypeGeoKey, ProjectedCSTypeGeoKey, …).
 * EPSG codes the app supports are used directly; user-defined (32767) transverse Mercator systems on
 * WGS84/CGCS2000 are matched on their parameters like a .prj.
 */

import { InputError } from '../errors';
import { crsFromWkt } from './crs_from_wkt';
import { epsgCrsSpec, type CrsSpec } from './crs_spec';
import { transverseMercatorSpec } from './transverse_mercator_spec';

/** GeoKey value meaning "user-defined" in the GeoTIFF specification. */
const USER_DEFINED = 32767;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
/** ProjCoordTransGeoKey value of transverse Mercator. */
const CT_TRANSVERSE_MERCATOR = 1;
/** EPSG unit codes: metre; degree (9102) and its supplier variant (9122). */
const UNIT_METRE = 9001;
const DEGREE_UNITS = [9102, 9122];
/** EPSG geodetic datum codes: WGS 84 (6326), China 2000 (1043). */
const DATUM_WGS84 = 6326;
const DATUM_CGCS2000 = 1043;
/** EPSG ellipsoid codes: WGS 84 (7030), GRS 1980 (7019), CGCS2000 (1024). */
const ELLIPSOID_WGS84 = 7030;
const ELLIPSOID_GRS80 = 7019;
const ELLIPSOID_CGCS2000 = 1024;

export type GeoKeys = Readonly<Record<string, unknown>>;

function numberKey(keys: GeoKeys, name: string): number | undefined {
  const value = keys[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function datumOf(keys: GeoKeys, sourceName: string | undefined): 'WGS84' | 'CGCS2000' {
  const geographic = numberKey(keys, 'GeographicTypeGeoKey');
  if (geographic === 4326) return 'WGS84';
  if (geographic === 4490) return 'CGCS2000';
  const datum = numberKey(keys, 'GeogGeodeticDatumGeoKey');
  if (datum === DATUM_WGS84) return 'WGS84';
  if (datum === DATUM_CGCS2000) return 'CGCS2000';
  const ellipsoid = numberKey(keys, 'GeogEllipsoidGeoKey');
  if (ellipsoid === ELLIPSOID_WGS84) return 'WGS84';
  if (ellipsoid === ELLIPSOID_GRS80 || ellipsoid === ELLIPSOID_CGCS2000) return 'CGCS2000';
  const semiMajorM = numberKey(keys, 'GeogSemiMajorAxisGeoKey');
  const inverseFlattening = numberKey(keys, 'GeogInvFlatteningGeoKey');
  if (semiMajorM === 6378137 && inverseFlattening !== undefined) {
    if (Math.abs(inverseFlattening - 298.257223563) < 1e-7) return 'WGS84';
    if (Math.abs(inverseFlattening - 298.257222101) < 1e-7) return 'CGCS2000';
  }
  const described = geographic !== undefined && geographic !== USER_DEFINED ? `EPSG:${geographic}` : 'a user-defined datum';
  throw new InputError(
    `GeoTIFF uses ${described} (ellipsoid a=${semiMajorM ?? '?'} m): only WGS 84 and CGCS2000 are supported; ` +
      "Beijing 1954 / Xi'an 1980 rasters must first be transformed with local parameters",
    { file: sourceName },
  );
}

/**
 * The WKT GDAL keeps in a citation key for a system GeoTIFF keys cannot describe (a user-defined model
 * or projection such as GHS-POP's World Mollweide): "ESRI PE String = PROJCS[...]", or WKT alone.
 */
function citationWkt(keys: GeoKeys): string | undefined {
  for (const name of ['PCSCitationGeoKey', 'GTCitationGeoKey']) {
    const value = keys[name];
    if (typeof value !== 'string') continue;
    const start = value.search(/\b(PROJCS|PROJCRS|GEOGCS|GEOGCRS|COMPD_CS|COMPOUNDCRS)\s*\[/);
    const end = value.lastIndexOf(']');
    if (start >= 0 && end > start) return value.slice(start, end + 1);
  }
  return undefined;
}

/**
 * CrsSpec of a GeoTIFF's GeoKeys; InputError when there are none or the system is not supported.
 * A user-defined model (32767) or a user-defined projection other than transverse Mercator is read
 * from the WKT in its citation (crsFromWkt), as GDAL writes it.
 * @example crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 }).id // "EPSG:4326"
 * @example crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 4547 }).id // "EPSG:4547"
 * @example crsFromGeoKeys({ GTModelTypeGeoKey: 32767, PCSCitationGeoKey: 'ESRI PE String = PROJCS["World_Mollweide",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mollweide"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]' }).id // "ESRI:54009"
 */
export function crsFromGeoKeys(keys: GeoKeys | null | undefined, sourceName?: string): CrsSpec {
  if (!keys || Object.keys(keys).length === 0) {
    throw new InputError('the GeoTIFF has no GeoKeys (no coordinate system); choose one by hand', {
      file: sourceName,
    });
  }
  const model = numberKey(keys, 'GTModelTypeGeoKey');
  const projectedCode = numberKey(keys, 'ProjectedCSTypeGeoKey');
  const wkt = citationWkt(keys);
  if (model === USER_DEFINED && wkt !== undefined) return crsFromWkt(wkt, sourceName);
  if (model === MODEL_PROJECTED || (model === undefined && projectedCode !== undefined)) {
    if (projectedCode !== undefined && projectedCode !== USER_DEFINED) {
      const spec = epsgCrsSpec(projectedCode);
      if (spec) return spec;
      throw new InputError(
        `the GeoTIFF's projected system EPSG:${projectedCode} is not supported (supported: 3857, ` +
          '4491-4554 CGCS2000 Gauss-Kruger, 32601-32660 / 32701-32760 UTM)',
        { file: sourceName },
      );
    }
    const transform = numberKey(keys, 'ProjCoordTransGeoKey');
    if (transform !== CT_TRANSVERSE_MERCATOR && wkt !== undefined) return crsFromWkt(wkt, sourceName);
    if (transform !== CT_TRANSVERSE_MERCATOR) {
      throw new InputError(
        `the GeoTIFF's user-defined projection (ProjCoordTransGeoKey ${transform ?? 'missing'}) is not ` +
          'supported; only transverse Mercator / Gauss-Kruger is',
        { file: sourceName },
      );
    }
    const linearUnits = numberKey(keys, 'ProjLinearUnitsGeoKey');
    const linearUnitM =
      linearUnits === undefined || linearUnits === UNIT_METRE ? 1 : numberKey(keys, 'ProjLinearUnitSizeGeoKey');
    if (linearUnitM === undefined) {
      throw new InputError(`the GeoTIFF's linear unit EPSG:${linearUnits} is not supported (use metres)`, {
        file: sourceName,
      });
    }
    const angularUnits = numberKey(keys, 'GeogAngularUnitsGeoKey');
    if (angularUnits !== undefined && !DEGREE_UNITS.includes(angularUnits)) {
      throw new InputError(`the GeoTIFF's angular unit EPSG:${angularUnits} is not supported (use degrees)`, {
        file: sourceName,
      });
    }
    const citation = keys['PCSCitationGeoKey'] ?? keys['GTCitationGeoKey'];
    return transverseMercatorSpec(
      typeof citation === 'string' ? citation : '',
      datumOf(keys, sourceName),
      {
        centralMeridianDeg: numberKey(keys, 'ProjNatOriginLongGeoKey') ?? numberKey(keys, 'ProjCenterLongGeoKey'),
        originLatDeg: numberKey(keys, 'ProjNatOriginLatGeoKey') ?? numberKey(keys, 'ProjCenterLatGeoKey') ?? 0,
        scale: numberKey(keys, 'ProjScaleAtNatOriginGeoKey') ?? 1,
        // GeoTIFF stores false easting/northing in the projection's linear unit.
        falseEastingM: (numberKey(keys, 'ProjFalseEastingGeoKey') ?? 0) * linearUnitM,
        falseNorthingM: (numberKey(keys, 'ProjFalseNorthingGeoKey') ?? 0) * linearUnitM,
        linearUnitM,
      },
      sourceName,
    );
  }
  if (model === MODEL_GEOGRAPHIC || (model === undefined && numberKey(keys, 'GeographicTypeGeoKey') !== undefined)) {
    return epsgCrsSpec(datumOf(keys, sourceName) === 'WGS84' ? 4326 : 4490) as CrsSpec;
  }
  throw new InputError(
    `the GeoTIFF's model type ${model ?? 'missing'} is not supported (expected 1 projected or 2 geographic, ` +
      'or a user-defined system with its WKT in the citation as GDAL writes it)',
    { file: sourceName },
  );
}
