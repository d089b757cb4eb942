import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../electron/services/export/export_feature';
import { geometryToWkt } from '../../../electron/services/export/geometry_to_wkt';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { parseWkt } from '../../../electron/services/import/parse_wkt';
import { hasGdalTool, readTestData, testData } from '../import/import_test_paths';

const loc = { file: 'test.csv', row: 1 };

describe('geometryToWkt', () => {
  it('writes every GeoJSON geometry type, and parseWkt reads it back', () => {
    const geometries = [
      { type: 'Point', coordinates: [114.2, 30.5] },
      { type: 'LineString', coordinates: [[11.95, 57.69], [11.96, 57.7]] },
      { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.1], [0.8, 0.1], [0.8, 0.7], [0.2, 0.1]]] },
      { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] },
      { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
      { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
    ] as const;
    expect(geometries.map((g) => geometryToWkt(g as never))).toEqual([
      'POINT (114.2 30.5)',
      'LINESTRING (11.95 57.69, 11.96 57.7)',
      'POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.8 0.1, 0.8 0.7, 0.2 0.1))',
      'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))',
      'MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))',
      'MULTIPOINT ((1 2), (3 4))',
    ]);
    for (const g of geometries) expect(parseWkt(geometryToWkt(g as never), loc, 'wkt')).toEqual(g);
    expect(geometryToWkt({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] })).toBe('GEOMETRYCOLLECTION (POINT (1 2))');
  });

  it('never writes exponent notation', () => {
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(-2.5e-10)).toBe('-0.00000000025');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(Number(formatNumber(1.2345678901234e-8))).toBe(1.2345678901234e-8);
    expect(geometryToWkt({ type: 'Point', coordinates: [1e-7, -0.5] })).toBe('POINT (0.0000001 -0.5)');
  });

  it('parseWkt accepts SRID prefixes, Z coordinates and odd spacing; rejects junk with the location', () => {
    expect(parseWkt('SRID=4326;POINT Z (114.2 30.5 12)', loc, 'wkt')).toEqual({ type: 'Point', coordinates: [114.2, 30.5, 12] });
    expect(parseWkt('  linestring(1 2,3   4 ) ', loc, 'wkt')).toEqual({ type: 'LineString', coordinates: [[1, 2], [3, 4]] });
    expect(parseWkt('MULTIPOINT (1 2, 3 4)', loc, 'wkt')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
    expect(() => parseWkt('POINT EMPTY', loc, 'wkt')).toThrow('test.csv, row 1, field wkt: invalid WKT: POINT EMPTY has no coordinates');
    expect(() => parseWkt('CIRCLE (1 2)', loc, 'wkt')).toThrow('unsupported geometry type CIRCLE');
    expect(() => parseWkt('POINT (1 2) trailing', loc, 'wkt')).toThrow('unexpected text after the geometry');
    expect(() => parseWkt('POINT (1 x)', loc, 'wkt')).toThrow('expected a number at character 10');
  });

  // Runs only where ogrinfo (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(hasGdalTool('ogrinfo'))('agrees with the WKT GDAL writes for the Wuhan boundary', async () => {
    const wuhan = await parseLayerFile('boundaries', 'w.geojson', readTestData('wuhan/wuhan_boundary_osm.geojson'), {});
    const ours = parseWkt(geometryToWkt(wuhan.records[0].geometry), loc, 'wkt');
    const out = execFileSync('ogrinfo', ['-ro', '-al', '-q', testData('wuhan/wuhan_boundary_osm.geojson')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const gdalWkt = /((?:MULTI)?POLYGON \(.*\))\s*$/m.exec(out)?.[1];
    expect(gdalWkt).toBeDefined();
    const gdal = parseWkt(gdalWkt as string, loc, 'wkt');
    const gdalPolygons = gdal.type === 'Polygon' ? [gdal.coordinates] : gdal.coordinates;
    expect(ours.coordinates).toEqual(gdalPolygons);
  });
});
