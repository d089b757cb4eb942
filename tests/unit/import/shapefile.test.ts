/**
 * Shapefiles: the real Wuhan boundary (sidecars given together, or zipped), and shapefiles written by
 * ogr2ogr in GBK text and CGCS2000 Gauss–Krüger metres (EPSG:4547), read back to the original WGS84
 * positions within 1 cm; polygons with holes; several shapefiles in one zip; damaged files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { haversineM } from '../../../shared/geodesy/haversine';
import { parseLayerFiles, type ImportFile } from '../../../electron/services/import/parse_layer_file';
import { ogrFeatures } from './gdal_reference';
import { FIXTURES, hasGdalTool, readTestData, rejection, testData } from './import_test_paths';

const WUHAN_SHP = 'wuhan/wuhan_boundary_shp';
const GDAL = hasGdalTool('ogrinfo');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-shp-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const wuhanFiles = (): ImportFile[] =>
  readdirSync(testData(WUHAN_SHP))
    .sort()
    .map((name) => ({ name, bytes: readTestData(`${WUHAN_SHP}/${name}`) }));

function filesIn(dir: string, keep: (name: string) => boolean = () => true): ImportFile[] {
  return readdirSync(dir)
    .filter(keep)
    .sort()
    .map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
}

/** ogr2ogr a fixture into a shapefile folder with the given layer creation options. */
function writeShapefile(fixture: string, name: string, options: string[]): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', ...options, path.join(dir, `${name}.shp`), path.join(FIXTURES, fixture)]);
  return dir;
}

describe('the real Wuhan boundary shapefile', () => {
  it('reads geometry, attributes (UTF-8 by its .cpg) and CRS (.prj), equal to the GeoJSON conversion', async () => {
    const parsed = await parseLayerFiles('boundaries', wuhanFiles(), {});
    expect(parsed.format).toBe('shapefile');
    expect(parsed.detected).toMatchObject({ crs: 'EPSG:4326', encoding: 'utf-8', mapping: { id: 'osm_id', name: 'name', level: 'admin_leve' } });
    expect(parsed.records).toHaveLength(1);
    const [wuhan] = parsed.records;
    expect(wuhan).toMatchObject({ name: '武汉市', level: 'city' });
    const reference = readTestData('wuhan/wuhan_boundary_osm.geojson');
    const geojson = JSON.parse(new TextDecoder().decode(reference)).features[0].geometry;
    const ring = geojson.type === 'Polygon' ? geojson.coordinates[0] : geojson.coordinates[0][0];
    // the shapefile's exterior ring is clockwise; the GeoJSON (RFC 7946) has it counter-clockwise
    const ours = [...wuhan.geometry.coordinates[0][0]].reverse();
    expect(ours).toHaveLength(ring.length);
    ours.forEach(([lon, lat], i) => {
      expect(Math.abs(lon - ring[i][0])).toBeLessThan(1e-7);
      expect(Math.abs(lat - ring[i][1])).toBeLessThan(1e-7);
    });
    // and vertex for vertex what GDAL reads from the shapefile (where gdal-bin is installed, as in CI)
    if (GDAL) {
      const gdal = ogrFeatures(testData(`${WUHAN_SHP}/wuhan-boundary.shp`))[0].geometry!.coordinates as number[][][];
      expect(wuhan.geometry.coordinates[0][0]).toEqual(gdal[0]);
    }
  });

  it('reads the same from a .zip (files in a folder), and lists several shapefiles as source layers', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const f of wuhanFiles()) entries[`boundary/${f.name}`] = f.bytes;
    const zipped = await parseLayerFiles('boundaries', [{ name: 'wuhan.zip', bytes: zipSync(entries) }], {});
    const plain = await parseLayerFiles('boundaries', wuhanFiles(), {});
    expect(zipped.records).toEqual(plain.records);
    expect(zipped.detected.sourceLayers).toBeUndefined();

    for (const f of wuhanFiles()) entries[`copy/${f.name.replace('wuhan-boundary', 'wuhan-copy')}`] = f.bytes;
    const two = zipSync(entries);
    const error = await rejection(parseLayerFiles('boundaries', [{ name: 'two.zip', bytes: two }], {}));
    expect(error.message).toBe('two.zip, field sourceLayer: the archive holds 2 shapefiles; choose one with --source-layer: wuhan-boundary, wuhan-copy (expected wuhan-boundary, wuhan-copy)');
    const chosen = await parseLayerFiles('boundaries', [{ name: 'two.zip', bytes: two }], { sourceLayer: 'wuhan-copy' });
    expect(chosen.detected.sourceLayers).toEqual(['wuhan-boundary', 'wuhan-copy']);
    expect(chosen.records[0].name).toBe('武汉市');
    const none = await rejection(parseLayerFiles('boundaries', [{ name: 'doc.zip', bytes: zipSync({ 'readme.txt': new TextEncoder().encode('hi') }) }], {}));
    expect(none.message).toContain('doc.zip: the ZIP holds no shapefile, KML or workbook; it has: readme.txt');
  });

  it('damaged files are refused naming the part: truncated .shp and .dbf, records that do not match', async () => {
    const files = wuhanFiles();
    const cut = (name: string, keep: number) => files.map((f) => (f.name.endsWith(name) ? { ...f, bytes: f.bytes.slice(0, keep) } : f));
    const shp = await rejection(parseLayerFiles('boundaries', cut('.shp', 40_000), {}));
    expect(shp.message).toMatch(/^wuhan-boundary\.shp: truncated \.shp: the header says 63804 bytes, the file has 40000/);
    const dbf = await rejection(parseLayerFiles('boundaries', cut('.dbf', 600), {}));
    expect(dbf.message).toMatch(/^wuhan-boundary\.dbf: truncated \.dbf: 1 records of \d+ bytes need \d+ bytes, the file has 600/);
    const header = await rejection(parseLayerFiles('boundaries', cut('.shp', 60), {}));
    expect(header.message).toContain('less than its 100-byte header');
    const damaged = files.map((f) => {
      if (!f.name.endsWith('.shp')) return f;
      const bytes = new Uint8Array(f.bytes);
      new DataView(bytes.buffer).setInt32(100 + 8 + 36, 7, true); // part count of record 1
      return { ...f, bytes };
    });
    const parts = await rejection(parseLayerFiles('boundaries', damaged, {}));
    expect(parts).toBeInstanceOf(InputError);
    expect((parts as InputError).location).toMatchObject({ file: 'wuhan-boundary.shp', feature: 0, field: 'geometry' });
    expect(parts.message).toContain('corrupt .shp record');
  });
});

// Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL)('shapefiles written by ogr2ogr', () => {
  it('GBK text and CGCS2000 Gauss-Kruger (EPSG:4547) metres read back to the WGS84 originals within 1 cm', async () => {
    const dir = writeShapefile('facilities_wuhan.geojson', 'facilities_gbk_4547', ['-lco', 'ENCODING=GBK', '-t_srs', 'EPSG:4547']);
    expect(readFileSync(path.join(dir, 'facilities_gbk_4547.cpg'), 'utf8').trim()).toBe('GBK');
    const original = JSON.parse(readFileSync(path.join(FIXTURES, 'facilities_wuhan.geojson'), 'utf8')).features;
    const parsed = await parseLayerFiles('facilities', filesIn(dir), {});
    expect(parsed.detected).toMatchObject({ crs: 'EPSG:4547', encoding: 'gbk', mapping: { id: '编号', name: '名称', kind: '类型', beds: '床位' } });
    expect(parsed.records.map((f) => f.kind)).toEqual(['day_care', 'community_station', 'care_home', 'health_station']);
    parsed.records.forEach((facility, i) => {
      expect(facility.name).toBe(original[i].properties['名称']);
      expect(facility.address).toBe(original[i].properties['地址']);
      expect(facility.floorAreaM2).toBe(original[i].properties['建筑面积']);
      const [lon, lat] = original[i].geometry.coordinates;
      expect(haversineM(facility.lon, facility.lat, lon, lat)).toBeLessThan(0.01);
    });

    // without the .cpg the GBK text is recognised from its bytes
    const noCpg = await parseLayerFiles('facilities', filesIn(dir, (n) => !n.endsWith('.cpg')), {});
    expect(noCpg.detected.encoding).toBe('gbk');
    expect(noCpg.records.map((f) => f.name)).toEqual(parsed.records.map((f) => f.name));
    // without the .prj the metres are not taken for degrees: the zone's systems are suggested
    const noPrj = await rejection(parseLayerFiles('facilities', filesIn(dir, (n) => !n.endsWith('.prj')), {}));
    expect(noPrj.message).toContain('facilities_gbk_4547.shp, feature 0, field geometry: x=');
    expect(noPrj.message).toContain('are not longitude/latitude degrees, and the file states no coordinate system');
    expect(noPrj.message).toContain('EPSG:4547');
    const chosen = await parseLayerFiles('facilities', filesIn(dir, (n) => !n.endsWith('.prj')), { crs: 'EPSG:4547' });
    expect(chosen.records[0].lon).toBeCloseTo(parsed.records[0].lon, 9);
  });

  it('UTF-8 shapefile in the zone-prefixed system EPSG:4526, polygons with holes and multipolygons (estates)', async () => {
    const dir = writeShapefile('estates_wuhan.geojson', 'estates_4526', ['-lco', 'ENCODING=UTF-8', '-t_srs', 'EPSG:4526']);
    // ogr2ogr cuts UTF-8 field names at 10 bytes: 配建面积 (12 bytes) arrives as 配建面
    const parsed = await parseLayerFiles('estates', filesIn(dir), { map: { care_floor_area_m2: '配建面' } });
    expect(parsed.detected.columns).toEqual(['编号', '名称', '类型', '户数', '配建面']);
    expect(parsed.detected).toMatchObject({ crs: 'EPSG:4526', encoding: 'utf-8' });
    const reference = ogrFeatures(path.join(dir, 'estates_4526.shp'));
    const [withHole, multi] = parsed.records;
    expect(withHole).toMatchObject({ id: 'E-1', name: '常青花园新区', areaType: 'new', households: 1200, careFloorAreaM2: 260 });
    expect(withHole.geometry.type).toBe('Polygon');
    expect((withHole.geometry.coordinates as number[][][]).length).toBe(2);
    expect(multi.geometry.type).toBe('MultiPolygon');
    expect(multi.careFloorAreaM2).toBeNull();
    // same rings and vertices as GDAL reads them (both reprojected to WGS84)
    const ours = withHole.geometry.coordinates as number[][][];
    const theirs = reference[0].geometry!.coordinates as number[][][];
    ours.forEach((ring, r) => ring.forEach(([lon, lat], v) => expect(haversineM(lon, lat, theirs[r][v][0], theirs[r][v][1])).toBeLessThan(0.01)));
    const original = JSON.parse(readFileSync(path.join(FIXTURES, 'estates_wuhan.geojson'), 'utf8')).features[0].geometry.coordinates;
    expect(haversineM(ours[1][0][0], ours[1][0][1], original[1][0][0], original[1][0][1])).toBeLessThan(0.01);
  });

  it('records flagged deleted in the .dbf are skipped and listed', async () => {
    const dir = writeShapefile('facilities_wuhan.geojson', 'facilities_deleted', ['-lco', 'ENCODING=UTF-8']);
    const files = filesIn(dir).map((f) => {
      if (!f.name.endsWith('.dbf')) return f;
      const bytes = new Uint8Array(f.bytes);
      const view = new DataView(bytes.buffer);
      const headerBytes = view.getUint16(8, true);
      const recordBytes = view.getUint16(10, true);
      bytes[headerBytes + recordBytes] = 0x2a; // record 2 deleted
      return { ...f, bytes };
    });
    const parsed = await parseLayerFiles('facilities', files, {});
    expect(parsed.records.map((f) => f.id)).toEqual(['F-1', 'F-3', 'F-4']);
    expect(parsed.skipped).toEqual([{ row: 2, reason: 'record 2 is marked deleted in the .dbf' }]);
    expect(parsed.skippedCount).toBe(1);
  });

  it('a .dbf paired with another .shp is refused', async () => {
    const a = writeShapefile('facilities_wuhan.geojson', 'pair_a', []);
    const b = writeShapefile('estates_wuhan.geojson', 'pair_b', []);
    const files = [...filesIn(a, (n) => !n.endsWith('.dbf')), { name: 'pair_a.dbf', bytes: readFileSync(path.join(b, 'pair_b.dbf')) }];
    const error = await rejection(parseLayerFiles('facilities', files, { kind: 'other' }));
    expect(error.message).toBe('pair_a.dbf: the .dbf has 2 records but the .shp has 4 shapes (expected a .dbf and .shp written together)');
  });
});
