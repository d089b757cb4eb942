import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import {
  createTransformFromWgs84,
  createTransformToWgs84,
  crsFromGeoKeys,
  crsFromWkt,
  parseCrs,
  type CrsSpec,
} from '../../../shared/geodesy/crs';
import { GDALSRSINFO, GDALTRANSFORM, GDAL_TRANSLATE, SKIP_REASON, gdalSrsInfo, gdalTransform, gdalTranslate } from './gdal_cli';
import { testData } from '../../helpers/test_data';


function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isInputError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

// ESRI .prj texts as written by ArcGIS / `gdalsrsinfo -o wkt_esri EPSG:<code>` (GDAL 3.6.2).
const ESRI_4547 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_4526 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_4502 =
  'PROJCS["CGCS2000_GK_CM_75E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",75.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_3857 =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
const ESRI_32650 =
  'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_XIAN80_2383 =
  'PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
/** A local Gauss-Kruger zone with central meridian 114.5°E (no EPSG code), as city surveys use. */
const ESRI_LOCAL_GK =
  'PROJCS["CGCS2000_Local_GK_114_5",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.5],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_ALBERS_CGCS2000 =
  'PROJCS["CGCS2000_Albers",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Albers"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Standard_Parallel_1",25.0],PARAMETER["Standard_Parallel_2",47.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
/** WKT2 as printed by `gdalsrsinfo -o wkt2 EPSG:4547`, with the ID removed so that parameters decide. */
const WKT2_4547_WITHOUT_ID = `PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",
    BASEGEOGCRS["China Geodetic Coordinate System 2000",
        DATUM["China 2000",
            ELLIPSOID["CGCS2000",6378137,298.257222101,
                LENGTHUNIT["metre",1]]],
        PRIMEM["Greenwich",0,
            ANGLEUNIT["degree",0.0174532925199433]]],
    CONVERSION["3-degree Gauss-Kruger CM 114E",
        METHOD["Transverse Mercator",
            ID["EPSG",9807]],
        PARAMETER["Latitude of natural origin",0,
            ANGLEUNIT["degree",0.0174532925199433]],
        PARAMETER["Longitude of natural origin",114,
            ANGLEUNIT["degree",0.0174532925199433]],
        PARAMETER["Scale factor at natural origin",1,
            SCALEUNIT["unity",1]],
        PARAMETER["False easting",500000,
            LENGTHUNIT["metre",1]],
        PARAMETER["False northing",0,
            LENGTHUNIT["metre",1]]],
    CS[Cartesian,2],
        AXIS["northing (X)",north,
            ORDER[1],
            LENGTHUNIT["metre",1]],
        AXIS["easting (Y)",east,
            ORDER[2],
            LENGTHUNIT["metre",1]]]`;

function ids(specs: CrsSpec[]): string[] {
  return specs.map((s) => s.id);
}

describe('parseCrs: names and codes (case-insensitive)', () => {
  it.each([
    ['EPSG:4547', 'EPSG:4547'],
    ['epsg:4547', 'EPSG:4547'],
    [' 4547 ', 'EPSG:4547'],
    ['EPSG 4526', 'EPSG:4526'],
    ['urn:ogc:def:crs:EPSG::4547', 'EPSG:4547'],
    ['http://www.opengis.net/def/crs/EPSG/0/4490', 'EPSG:4490'],
    ['WGS84', 'EPSG:4326'],
    ['wgs 84', 'EPSG:4326'],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['CGCS2000', 'EPSG:4490'],
    ['gcj02', 'GCJ02'],
    ['GCJ-02', 'GCJ02'],
    ['bd09', 'BD09'],
    ['BD-09', 'BD09'],
    ['Web Mercator', 'EPSG:3857'],
    ['3857', 'EPSG:3857'],
    ['EPSG:900913', 'EPSG:3857'],
    ['32650', 'EPSG:32650'],
    ['EPSG:32750', 'EPSG:32750'],
  ])('%s → %s', (text, id) => {
    expect(parseCrs(text).id).toBe(id);
  });

  it('ids parse back to the same spec (labels may differ: a WKT name is not kept in a proj4 id)', () => {
    const withoutLabel = ({ label: _label, ...rest }: CrsSpec) => rest;
    for (const text of ['4547', 'gcj02', 'bd09', ESRI_LOCAL_GK, '+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs']) {
      const spec = parseCrs(text);
      expect(withoutLabel(parseCrs(spec.id))).toEqual(withoutLabel(spec));
    }
  });

  it('rejects unknown text, unsupported EPSG codes and other datums, listing accepted forms', () => {
    expect(inputErrorMessage(() => parseCrs('mars'))).toContain('accepted: EPSG:<code>');
    expect(inputErrorMessage(() => parseCrs(''))).toContain('empty');
    expect(inputErrorMessage(() => parseCrs('EPSG:2383'))).toContain('EPSG:2383 is not supported');
    expect(inputErrorMessage(() => parseCrs('+proj=tmerc +lon_0=114 +ellps=krass'))).toContain('+datum=WGS84');
    expect(inputErrorMessage(() => parseCrs('+proj=nonsense +datum=WGS84'))).toContain('proj4 cannot use');
    expect(inputErrorMessage(() => parseCrs('mars', '--crs'))).toMatch(/^--crs: unknown coordinate system "mars"/);
  });
});

describe('crsFromWkt: .prj files', () => {
  it('the real Wuhan boundary .prj (ESRI GCS_WGS_1984) is EPSG:4326', () => {
    const prj = fs.readFileSync(testData('wuhan/wuhan_boundary_shp/wuhan-boundary.prj'), 'utf8');
    expect(crsFromWkt(prj, 'wuhan-boundary.prj').id).toBe('EPSG:4326');
  });

  it('ESRI Gauss-Kruger, UTM and Web Mercator .prj texts match their EPSG codes', () => {
    expect(ids([ESRI_4547, ESRI_4526, ESRI_4502, ESRI_32650, ESRI_3857].map((w) => parseCrs(w)))).toEqual([
      'EPSG:4547',
      'EPSG:4526',
      'EPSG:4502', // "GK" without "3_Degree" → the 6° code
      'EPSG:32650',
      'EPSG:3857',
    ]);
  });

  it('WKT2 without an ID is matched on its parameters', () => {
    expect(crsFromWkt(WKT2_4547_WITHOUT_ID).id).toBe('EPSG:4547');
  });

  it("Xi'an 1980 is refused with advice", () => {
    const message = inputErrorMessage(() => crsFromWkt(ESRI_XIAN80_2383, 'roads.prj'));
    expect(message).toMatch(/^roads\.prj: datum "D_Xian_1980"/);
    expect(message).toContain('local');
  });

  it('malformed WKT names the position', () => {
    expect(inputErrorMessage(() => crsFromWkt('PROJCS["x",GEOGCS["y"', 'a.prj'))).toMatch(/^a\.prj: malformed WKT at character/);
    expect(inputErrorMessage(() => crsFromWkt('LOCAL_CS["site grid"]'))).toContain('not a geographic or projected');
  });

  it('a local Gauss-Kruger zone (CM 114.5°E) becomes a proj4 string', () => {
    const spec = crsFromWkt(ESRI_LOCAL_GK);
    expect(spec.kind).toBe('custom');
    expect(spec.id).toBe('+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    const [x, y] = createTransformFromWgs84(spec)(114.5, 30.6);
    expect(x).toBeCloseTo(500000, 6); // on the central meridian
    expect(y).toBeGreaterThan(3.38e6);
  });

  // Skipped only where the GDAL command-line tools (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
  it.skipIf(!GDALTRANSFORM)(`custom and proj4-parsed WKT agree with gdaltransform ${GDALTRANSFORM ? '' : SKIP_REASON}`, () => {
    const points: Array<[number, number]> = [[114.3, 30.6], [113.9, 22.5], [116.4, 39.9]];
    for (const [wkt, srs] of [
      [ESRI_LOCAL_GK, '+proj=tmerc +lat_0=0 +lon_0=114.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
      [ESRI_ALBERS_CGCS2000, '+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
    ]) {
      const forward = createTransformFromWgs84(parseCrs(wkt));
      const expected = gdalTransform('EPSG:4326', srs, points);
      points.forEach(([lon, lat], i) => {
        const [x, y] = forward(lon, lat);
        expect(Math.abs(x - expected[i][0])).toBeLessThan(1e-3);
        expect(Math.abs(y - expected[i][1])).toBeLessThan(1e-3);
      });
    }
    expect(parseCrs(ESRI_ALBERS_CGCS2000)).toMatchObject({ kind: 'custom', datum: 'CGCS2000', projected: true });
  });
});

// Skipped only where the GDAL command-line tools (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
describe.skipIf(!GDALSRSINFO)(`WKT written by GDAL for each code parses back to it ${GDALSRSINFO ? '' : SKIP_REASON}`, () => {
  it.each([4490, 4326, 3857, 4491, 4499, 4502, 4510, 4513, 4526, 4534, 4547, 4554, 32650, 32750])('EPSG:%i', (code) => {
    for (const format of ['wkt1', 'wkt_esri', 'wkt2']) {
      const wkt = gdalSrsInfo(code, format);
      expect(crsFromWkt(wkt).id, `${format}: ${wkt.slice(0, 80)}`).toBe(`EPSG:${code}`);
    }
    // Without authority codes, the ESRI text is matched on its parameters alone (4502..4512 share their
    // maths with 3° CM codes; the "GK" name without "3_Degree" keeps them 6°).
    const stripped = gdalSrsInfo(code, 'wkt1').replace(/,AUTHORITY\["EPSG","\d+"\]/g, '');
    expect(crsFromWkt(stripped).id, `stripped wkt1 of ${code}`).toBe(`EPSG:${code}`);
  });
});

describe('crsFromGeoKeys', () => {
  it('the real Wuhan WorldPop GeoTIFF is EPSG:4326', async () => {
    const tiff = await fromFile(testData('wuhan/wuhan_core_pop60plus_100m.tif'));
    const keys = (await tiff.getImage()).getGeoKeys();
    expect(crsFromGeoKeys(keys, 'wuhan_core_pop60plus_100m.tif').id).toBe('EPSG:4326');
  });

  it('no keys and unsupported codes are InputErrors', () => {
    expect(inputErrorMessage(() => crsFromGeoKeys({}, 'x.tif'))).toContain('no GeoKeys');
    expect(inputErrorMessage(() => crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2383 }))).toContain(
      'EPSG:2383',
    );
    expect(inputErrorMessage(() => crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4610 }))).toContain(
      'EPSG:4610',
    );
  });

  // Skipped only where the GDAL command-line tools (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
  describe.skipIf(!GDAL_TRANSLATE)(`GeoTIFFs re-labelled by gdal_translate ${GDAL_TRANSLATE ? '' : SKIP_REASON}`, () => {
    let dir = '';
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siting-geokeys-'));
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function keysFor(srs: string, name: string): Promise<Record<string, unknown>> {
      const out = path.join(dir, name);
      gdalTranslate([
        '-a_srs', srs,
        '-a_ullr', '500000', '3400000', '519200', '3383200',
        testData('wuhan/wuhan_core_pop60plus_100m.tif'),
        out,
      ]);
      const tiff = await fromFile(out);
      return (await tiff.getImage()).getGeoKeys() as Record<string, unknown>;
    }

    it('EPSG:4547 (ProjectedCSTypeGeoKey)', async () => {
      expect(crsFromGeoKeys(await keysFor('EPSG:4547', 'a.tif')).id).toBe('EPSG:4547');
    });

    it('user-defined transverse Mercator on GRS80 with CM 114 matches EPSG:4547; CM 114.5 stays custom', async () => {
      const gk = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
      expect(crsFromGeoKeys(await keysFor(gk, 'b.tif')).id).toBe('EPSG:4547');
      const local = crsFromGeoKeys(await keysFor(gk.replace('lon_0=114', 'lon_0=114.5'), 'c.tif'));
      expect(local).toMatchObject({ kind: 'custom', datum: 'CGCS2000' });
      expect(createTransformToWgs84(local)(500000, 3386000)[0]).toBeCloseTo(114.5, 9);
    });
  });
});
