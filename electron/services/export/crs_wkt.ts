/**
 * OGC WKT 1 (as GDAL writes it, with EPSG authorities) of the coordinate systems the app supports,
 * for the gpkg_spatial_ref_sys table of exported GeoPackages: WGS 84, CGCS2000, Web Mercator, the
 * CGCS2000 Gauss–Krüger systems and WGS 84 / UTM. Built from shared/geodesy's definitions, not
 * listed one by one; tests compare it with `gdalsrsinfo -o wkt1`.
 */
import type { CrsDefinition } from '../../../shared/geodesy/crs_definitions';

const AUTHORITY = (code: number | string) => `AUTHORITY["EPSG","${code}"]`;
const PRIME_AND_UNIT = `PRIMEM["Greenwich",0,${AUTHORITY(8901)}],UNIT["degree",0.0174532925199433,${AUTHORITY(9122)}]`;

const WGS84_GEOGCS = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,${AUTHORITY(7030)}],${AUTHORITY(6326)}],${PRIME_AND_UNIT}`;
const CGCS2000_GEOGCS = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,${AUTHORITY(1024)}],${AUTHORITY(1043)}],${PRIME_AND_UNIT}`;

function geogcs(datum: 'WGS84' | 'CGCS2000', axes: boolean, code: number): string {
  const base = datum === 'WGS84' ? WGS84_GEOGCS : CGCS2000_GEOGCS;
  return `${base}${axes ? ',AXIS["Latitude",NORTH],AXIS["Longitude",EAST]' : ''},${AUTHORITY(code)}]`;
}

function parameters(values: [string, number][]): string {
  return values.map(([name, value]) => `PARAMETER["${name}",${value}]`).join(',');
}

/**
 * WKT of a supported EPSG definition.
 * @example crsWkt(getCrsDefinition(4547)!) // 'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS[...'
 */
export function crsWkt(definition: CrsDefinition): string {
  const { code, name, datum } = definition;
  if (!definition.projected) return geogcs(datum, true, code);
  const base = geogcs(datum, false, datum === 'WGS84' ? 4326 : 4490);
  const metre = `UNIT["metre",1,${AUTHORITY(9001)}]`;
  if (definition.family === 'web_mercator') {
    return (
      `PROJCS["${name}",${base},PROJECTION["Mercator_1SP"],` +
      `${parameters([['central_meridian', 0], ['scale_factor', 1], ['false_easting', 0], ['false_northing', 0]])},${metre},` +
      'AXIS["Easting",EAST],AXIS["Northing",NORTH],' +
      'EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],' +
      `${AUTHORITY(code)}]`
    );
  }
  const utm = definition.family === 'utm_north' || definition.family === 'utm_south';
  const axes = definition.epsgAxisNorthFirst ? 'AXIS["Northing",NORTH],AXIS["Easting",EAST]' : 'AXIS["Easting",EAST],AXIS["Northing",NORTH]';
  return (
    `PROJCS["${name}",${base},PROJECTION["Transverse_Mercator"],` +
    parameters([
      ['latitude_of_origin', 0],
      ['central_meridian', definition.centralMeridianDeg ?? 0],
      ['scale_factor', utm ? 0.9996 : 1],
      ['false_easting', definition.falseEastingM ?? 500000],
      ['false_northing', definition.family === 'utm_south' ? 10000000 : 0],
    ]) +
    `,${metre},${axes},${AUTHORITY(code)}]`
  );
}
