/**
 * GeoPackage import: files written by ogr2ogr with several layers in different systems (CGCS2000
 * Gauss–Krüger, WGS84), the choice of the table, and damaged or foreign SQLite files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { haversineM } from '../../../shared/geodesy/haversine';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { FIXTURES, hasGdalTool, rejection, testData } from './import_test_paths';

const GDAL = hasGdalTool('ogrinfo');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-gpkg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL)('GeoPackages written by ogr2ogr', () => {
  const file = path.join(scratch, 'planning.gpkg');
  const build = () => {
    rmSync(file, { force: true });
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-overwrite', file, path.join(FIXTURES, 'facilities_wuhan.geojson'), '-nln', 'facilities_4547', '-t_srs', 'EPSG:4547']);
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-update', file, testData('wuhan/wuhan_boundary_osm.geojson'), '-nln', 'city_boundary']);
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-update', file, path.join(FIXTURES, 'estates_wuhan.geojson'), '-nln', 'estates_utm', '-t_srs', 'EPSG:32650']);
    return readFileSync(file);
  };

  it('several tables: refused without a choice (listing them), read with --source-layer in their own CRS', async () => {
    const bytes = build();
    const error = await rejection(parseLayerFile('facilities', 'planning.gpkg', bytes, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'planning.gpkg, field sourceLayer: the GeoPackage has 3 feature tables; choose one with --source-layer: city_boundary, estates_utm, facilities_4547 (expected city_boundary, estates_utm, facilities_4547)',
    );
    const facilities = await parseLayerFile('facilities', 'planning.gpkg', bytes, { sourceLayer: 'facilities_4547' });
    expect(facilities.format).toBe('gpkg');
    expect(facilities.detected).toMatchObject({ crs: 'EPSG:4547', sourceLayers: ['city_boundary', 'estates_utm', 'facilities_4547'] });
    const original = JSON.parse(readFileSync(path.join(FIXTURES, 'facilities_wuhan.geojson'), 'utf8')).features;
    facilities.records.forEach((f, i) => {
      expect(f.id).toBe(original[i].properties['编号']);
      expect(f.name).toBe(original[i].properties['名称']);
      expect(haversineM(f.lon, f.lat, original[i].geometry.coordinates[0], original[i].geometry.coordinates[1])).toBeLessThan(0.01);
    });
    const boundary = await parseLayerFile('boundaries', 'planning.gpkg', bytes, { sourceLayer: 'city_boundary' });
    expect(boundary.detected.crs).toBe('EPSG:4326');
    expect(boundary.records[0]).toMatchObject({ name: '武汉市', level: 'city' });
    const estates = await parseLayerFile('estates', 'planning.gpkg', bytes, { sourceLayer: 'estates_utm' });
    expect(estates.detected.crs).toBe('EPSG:32650');
    expect(estates.records.map((e) => [e.id, e.areaType, e.geometry.type])).toEqual([
      ['E-1', 'new', 'Polygon'],
      ['E-2', 'old', 'MultiPolygon'],
    ]);
    const hole = (estates.records[0].geometry.coordinates as number[][][])[1][0];
    expect(haversineM(hole[0], hole[1], 114.253, 30.622)).toBeLessThan(0.01);
    const unknown = await rejection(parseLayerFile('estates', 'planning.gpkg', bytes, { sourceLayer: 'roads' }));
    expect(unknown.message).toContain('there is no feature table "roads"; tables: city_boundary, estates_utm, facilities_4547');
  });

  it('a truncated GeoPackage, a plain SQLite database and empty geometries are reported', async () => {
    const bytes = build();
    const cut = await rejection(parseLayerFile('facilities', 'cut.gpkg', bytes.subarray(0, 8192), { sourceLayer: 'facilities_4547' }));
    expect(cut.message).toMatch(/^cut\.gpkg: (cannot open the GeoPackage|not a GeoPackage): /);

    const plainFile = path.join(scratch, 'plain.sqlite');
    const plain = new Database(plainFile);
    plain.exec('CREATE TABLE t (a INTEGER)');
    plain.close();
    const notGpkg = await rejection(parseLayerFile('facilities', 'plain.gpkg', readFileSync(plainFile), {}));
    expect(notGpkg.message).toContain('plain.gpkg: not a GeoPackage: no such table: gpkg_contents');

    const emptyFile = path.join(scratch, 'empty_geom.gpkg');
    rmSync(emptyFile, { force: true });
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-lco', 'SPATIAL_INDEX=NO', emptyFile, path.join(FIXTURES, 'facilities_wuhan.geojson'), '-nln', 'f']);
    const db = new Database(emptyFile);
    db.prepare('UPDATE f SET geom = NULL WHERE fid = 3').run();
    db.close();
    const nullGeometry = await rejection(parseLayerFile('facilities', 'empty_geom.gpkg', readFileSync(emptyFile), {}));
    expect(nullGeometry.message).toBe('empty_geom.gpkg/f, feature 2, field geometry: null geometry (expected a geometry)');
  });
});
