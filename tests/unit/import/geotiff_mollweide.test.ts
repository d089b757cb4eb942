/**
 * GHS-POP rasters in World Mollweide. GDAL writes them as a user-defined model (GTModelTypeGeoKey
 * 32767) with the projection as an "ESRI PE String" WKT in the citation key; the importer reads that
 * WKT, and `--crs ESRI:54009` names the same system.
 *
 * The fixture, tests/fixtures/import/ghs_pop_mollweide_1km.tif (1.1 kB), holds made-up counts: an
 * AAIGrid of 12 x 10 cells of 1 km (xllcorner 10427000, yllcorner 3708000, nodata -200 in 4 cells,
 * near central Wuhan) converted by GDAL 3.6 exactly as GHS-POP files are written:
 *   gdal_translate -ot Float32 -a_srs ESRI:54009 -co COMPRESS=DEFLATE ghs.asc ghs_pop_mollweide_1km.tif
 */
import { describe, expect, it } from 'vitest';
import { createTransformToWgs84, crsFromGeoKeys, crsFromWkt, parseCrs } from '../../../shared/geodesy/crs';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readFixture } from './import_test_paths';

const FIXTURE = 'ghs_pop_mollweide_1km.tif';
const ESRI_WKT =
  'PROJCS["World_Mollweide",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Mollweide"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],' +
  'PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]';

/**
 * Cell centres of the fixture in WGS84, computed once by GDAL 3.6 / PROJ 9.1 from pixel/line
 * coordinates of the centres:
 *   printf "1.5 0.5\n11.5 9.5\n6.5 4.5\n" | gdaltransform -t_srs EPSG:4326 -output_xy ghs_pop_mollweide_1km.tif
 * and the values there with `gdallocationinfo -valonly ghs_pop_mollweide_1km.tif <col> <row>`.
 */
const GDAL_CELLS = [
  { cellId: 'r0c1', lon: 114.20342865598, lat: 30.6299165572589, value: 13.3299999237061 },
  { cellId: 'r9c11', lon: 114.256423693119, lat: 30.5528548450614, value: 135.330001831055 },
  { cellId: 'r4c6', lon: 114.233050723231, lat: 30.5956640470871, value: 167 },
];

describe('GHS-POP World Mollweide (ESRI:54009)', () => {
  it('reads the WKT GDAL puts in the citation of a user-defined GeoTIFF and places each cell where GDAL does', async () => {
    const parsed = await parseLayerFile('population', FIXTURE, readFixture(FIXTURE), {});
    expect(parsed.detected.crs).toBe('ESRI:54009');
    expect(parsed.records).toHaveLength(12 * 10 - 4);
    expect(parsed.skippedCount).toBe(4);
    expect(parsed.skipped).toEqual([
      { reason: '4 of 120 cells are nodata in the band (no population cell is made for them)', count: 4, code: 'raster_nodata', params: { count: 4, total: 120 } },
    ]);
    const byId = new Map(parsed.records.map((cell) => [cell.cellId, cell]));
    for (const expected of GDAL_CELLS) {
      const cell = byId.get(expected.cellId);
      expect(cell, expected.cellId).toBeDefined();
      // 1e-9 degrees is about 0.1 mm: the same PROJ formulas, printed to 15 digits
      expect(Math.abs((cell?.lon ?? 0) - expected.lon)).toBeLessThan(1e-9);
      expect(Math.abs((cell?.lat ?? 0) - expected.lat)).toBeLessThan(1e-9);
      expect(cell?.population).toBeCloseTo(expected.value, 5);
    }
    // The cell size in degrees at r4c6: from the centres of its left/right and top/bottom edges, by GDAL
    //   printf "6.0 4.5\n7.0 4.5\n6.5 4.0\n6.5 5.0\n" | gdaltransform -t_srs EPSG:4326 -output_xy <fixture>
    // → lon 114.22757638333 … 114.238525063133, lat 30.5999453603981 … 30.5913828052933
    expect(byId.get('r4c6')?.cellWidthDeg).toBeCloseTo(114.238525063133 - 114.22757638333, 9);
    expect(byId.get('r4c6')?.cellHeightDeg).toBeCloseTo(30.5999453603981 - 30.5913828052933, 6);
  });

  it('--crs ESRI:54009 (also "mollweide") names the same system, and wins over the file without a warning', async () => {
    expect(parseCrs('ESRI:54009')).toMatchObject({ kind: 'custom', id: 'ESRI:54009', label: 'ESRI:54009 World Mollweide', projected: true, datum: 'WGS84' });
    expect(parseCrs('esri 54009').id).toBe('ESRI:54009');
    expect(parseCrs('Mollweide').id).toBe('ESRI:54009');
    expect(parseCrs(parseCrs('ESRI:54009').id).id).toBe('ESRI:54009');
    expect(() => parseCrs('ESRI:102100')).toThrow(/ESRI:102100 is not supported/);
    const chosen = await parseLayerFile('population', FIXTURE, readFixture(FIXTURE), { crs: 'ESRI:54009' });
    expect(chosen.detected.crs).toBe('ESRI:54009');
    expect(chosen.detected.warnings).toBeUndefined();
    // the centre of cell r0c1 (x = 10427000 + 1.5 km, y = 3718000 − 0.5 km), where GDAL puts it
    const [lon, lat] = createTransformToWgs84(parseCrs('ESRI:54009'))(10428500, 3717500);
    expect(Math.abs(lon - GDAL_CELLS[0].lon)).toBeLessThan(1e-9);
    expect(Math.abs(lat - GDAL_CELLS[0].lat)).toBeLessThan(1e-9);
  });

  it('the ESRI WKT, GDAL WKT2 and the GeoTIFF keys all become ESRI:54009; other Mollweide parameters a proj4 string', () => {
    expect(crsFromWkt(ESRI_WKT).id).toBe('ESRI:54009');
    const wkt2 =
      'PROJCRS["World_Mollweide",BASEGEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],' +
      'PRIMEM["Greenwich",0,ANGLEUNIT["Degree",0.0174532925199433]]],CONVERSION["unnamed",METHOD["Mollweide"],' +
      'PARAMETER["Longitude of natural origin",0,ANGLEUNIT["Degree",0.0174532925199433],ID["EPSG",8802]],' +
      'PARAMETER["False easting",0,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],' +
      'CS[Cartesian,2],AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]],ID["ESRI",54009]]';
    expect(crsFromWkt(wkt2).id).toBe('ESRI:54009');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 32767, GTCitationGeoKey: 'World_Mollweide', PCSCitationGeoKey: `ESRI PE String = ${ESRI_WKT}` }).id).toBe('ESRI:54009');
    const shifted = crsFromWkt(ESRI_WKT.replace('PARAMETER["Central_Meridian",0.0]', 'PARAMETER["Central_Meridian",105.0]'));
    expect(shifted).toMatchObject({ kind: 'custom', id: '+proj=moll +lon_0=105 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs' });
    expect(() => crsFromGeoKeys({ GTModelTypeGeoKey: 32767, GTCitationGeoKey: 'World_Mollweide' })).toThrow(/model type 32767 is not supported/);
  });
});
