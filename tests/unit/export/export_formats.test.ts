/**
 * Exports from a real project (Wuhan grid, boundary, illustrative facilities and estates, Gothenburg
 * roads) as GeoPackage, KML, GeoJSON and CSV, in WGS84 and in other systems, opened with GDAL (counts,
 * geometry types, SRS, positions) and imported back with the app's own importers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { getCrsDefinition } from '../../../shared/geodesy/crs_definitions';
import { haversineM } from '../../../shared/geodesy/haversine';
import type { LayerName } from '../../../shared/schemas/entities';
import { crsWkt } from '../../../electron/services/export/crs_wkt';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { exportLayerBytes, exportLayerToFile, type ExportFormat } from '../../../electron/services/layer_export';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { ogrFeatures, ogrSummary } from '../import/gdal_reference';
import { FIXTURES, hasGdalTool, rejection, testData } from '../import/import_test_paths';

const GDAL = hasGdalTool('ogrinfo');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-export-'));
let store: ProjectStore;

beforeAll(async () => {
  store = ProjectStore.create(path.join(scratch, 'wuhan.gpkg'));
  await importLayer(store, 'population', { path: testData('wuhan/wuhan_core_grid_100m.csv') }, {});
  await importLayer(store, 'boundaries', { path: testData('wuhan/wuhan_boundary_shp/wuhan-boundary.shp') }, {});
  await importLayer(store, 'facilities', { path: path.join(FIXTURES, 'facilities_wuhan.geojson') }, { illustrative: true });
  await importLayer(store, 'estates', { path: path.join(FIXTURES, 'estates_wuhan.geojson') }, {});
  await importLayer(store, 'roads', { path: testData('gothenburg_osm/gothenburg_ways.geojson') }, {});
});
afterAll(() => {
  store.close();
  rmSync(scratch, { recursive: true, force: true });
});

function exportTo(layer: LayerName, format: ExportFormat, crs?: string): string {
  const file = path.join(scratch, `${layer}${crs ? `_${crs.replace(/\W/g, '')}` : ''}.${format}`);
  exportLayerToFile(store, layer, format, file, { crs });
  return file;
}

/** First position of every stored feature of a layer, WGS84. */
function storedPositions(layer: LayerName): [number, number][] {
  return store.listFeatures(layer).map((f) => {
    let node: unknown = f.geometry.coordinates;
    while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
    return node as [number, number];
  });
}

describe('GeoPackage export', () => {
  it('every layer in WGS84 imports back to the same records', async () => {
    for (const layer of ['population', 'boundaries', 'facilities', 'estates', 'roads'] as const) {
      const file = exportTo(layer, 'gpkg');
      const back = await parseLayerFile(layer, path.basename(file), readFileSync(file), {});
      expect(back.detected.crs).toBe('EPSG:4326');
      expect(back.records.length, layer).toBe(store.counts()[layer]);
      const original = store.listFeatures(layer);
      expect(back.records[0]).toMatchObject(layer === 'population' ? { cellId: original[0].properties.cell_id } : { id: original[0].properties.id });
    }
  });

  // Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(GDAL)('opens in GDAL with the layer name, count, geometry type and EPSG:4326', () => {
    const expected: [LayerName, string][] = [
      ['population', 'Point'],
      ['boundaries', 'Multi Polygon'],
      ['facilities', 'Point'],
      ['estates', 'Unknown (any)'],
      ['roads', 'Line String'],
    ];
    for (const [layer, geometry] of expected) {
      const [summary] = ogrSummary(exportTo(layer, 'gpkg'));
      expect(summary).toEqual({ layer, count: store.counts()[layer], geometry, srs: '4326' });
    }
    const gdal = ogrFeatures(exportTo('facilities', 'gpkg'));
    expect(gdal.map((f) => f.properties.name)).toEqual(store.listFeatures('facilities').map((f) => f.properties.name));
    expect(gdal[0].properties.illustrative).toBe(true);
  });

  // Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(GDAL)('in CGCS2000 Gauss-Kruger (EPSG:4547): GDAL sees EPSG:4547 and the positions within 1 cm', async () => {
    for (const layer of ['facilities', 'boundaries', 'estates'] as const) {
      const file = exportTo(layer, 'gpkg', 'EPSG:4547');
      const [summary] = ogrSummary(file);
      expect(summary.srs).toBe('4547');
      const gdal = ogrFeatures(file);
      const stored = storedPositions(layer);
      gdal.forEach((feature, i) => {
        let node: unknown = feature.geometry!.coordinates;
        while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
        const [lon, lat] = node as number[];
        expect(haversineM(lon, lat, stored[i][0], stored[i][1])).toBeLessThan(0.01);
      });
      const back = await parseLayerFile(layer, 'back.gpkg', readFileSync(file), {});
      expect(back.detected.crs).toBe('EPSG:4547');
      expect(back.records).toHaveLength(stored.length);
    }
  });

  // Runs only where gdalinfo (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(hasGdalTool('gdalinfo'))('writes the WKT GDAL writes for each supported system', () => {
    for (const code of [4326, 4490, 3857, 4547, 4526, 4502, 4491, 32650, 32750]) {
      const gdal = execFileSync('gdalsrsinfo', ['-o', 'wkt1', `EPSG:${code}`], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(crsWkt(getCrsDefinition(code)!).replace(/\s+/g, ''), `EPSG:${code}`).toBe(gdal);
    }
  });
});

describe('KML export', () => {
  it('imports back: facilities with their columns, boundaries as multipolygons', async () => {
    const facilities = await parseLayerFile('facilities', 'f.kml', readFileSync(exportTo('facilities', 'kml')), {});
    const original = store.listFeatures('facilities');
    expect(facilities.records.map((f) => [f.id, f.name, f.kind, f.beds, f.illustrative])).toEqual(
      original.map((f) => [f.properties.id, f.properties.name, f.properties.kind, f.properties.beds, true]),
    );
    facilities.records.forEach((f, i) => expect([f.lon, f.lat]).toEqual(original[i].geometry.coordinates));
    const boundary = await parseLayerFile('boundaries', 'b.kml', readFileSync(exportTo('boundaries', 'kml')), {});
    expect(boundary.records[0].geometry).toEqual(store.listFeatures('boundaries')[0].geometry);
  });

  // Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(GDAL)('opens in GDAL with its count, geometry and attributes', () => {
    const file = exportTo('estates', 'kml');
    const [summary] = ogrSummary(file);
    expect(summary).toMatchObject({ layer: 'estates', count: 2 });
    const gdal = ogrFeatures(file);
    expect(gdal.map((f) => f.properties.area_type)).toEqual(['new', 'old']);
    expect(gdal.map((f) => f.geometry!.type)).toEqual(['Polygon', 'MultiPolygon']);
  });

  it('is WGS84 only: another --crs is refused before anything is written', async () => {
    const file = path.join(scratch, 'refused.kml');
    const error = await rejection(Promise.resolve().then(() => exportLayerToFile(store, 'facilities', 'kml', file, { crs: 'EPSG:4547' })));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('field crs: KML is WGS84 longitude/latitude by specification and cannot hold EPSG:4547');
    expect(existsSync(file)).toBe(false);
  });
});

describe('GeoJSON and CSV in other systems', () => {
  it('GeoJSON in EPSG:4526 carries a legacy "crs" member that GDAL and the importer honour', async () => {
    const file = exportTo('facilities', 'geojson', 'EPSG:4526');
    const document = JSON.parse(readFileSync(file, 'utf8'));
    expect(document.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } });
    expect(document.features[0].geometry.coordinates[0]).toBeGreaterThan(38_000_000);
    const back = await parseLayerFile('facilities', 'back.geojson', readFileSync(file), {});
    expect(back.detected.crs).toBe('EPSG:4526');
    const stored = storedPositions('facilities');
    back.records.forEach((f, i) => expect(haversineM(f.lon, f.lat, ...stored[i])).toBeLessThan(0.01));
    if (GDAL) expect(ogrSummary(file)[0].srs).toBe('4526');
    const gcj = await rejection(Promise.resolve().then(() => exportLayerBytes(store, 'facilities', 'geojson', { crs: 'gcj02' })));
    expect(gcj.message).toContain('GeoJSON can only name EPSG coordinate systems, not GCJ-02');
  });

  it('CSV in GCJ-02 (for AutoNavi users) and in Gauss-Kruger x/y columns read back with --crs', async () => {
    const gcjFile = exportTo('facilities', 'csv', 'gcj02');
    const gcj = await parseLayerFile('facilities', 'gcj.csv', readFileSync(gcjFile), { crs: 'gcj02' });
    const stored = storedPositions('facilities');
    gcj.records.forEach((f, i) => expect(haversineM(f.lon, f.lat, ...stored[i])).toBeLessThan(0.5));
    // the file itself holds the shifted GCJ-02 positions, hundreds of metres away
    const [, lon, lat] = readFileSync(gcjFile, 'utf8').split('\r\n')[1].split(',').map(Number);
    expect(haversineM(lon, lat, ...stored[0])).toBeGreaterThan(100);
    const gkFile = exportTo('population', 'csv', 'EPSG:4547');
    const header = readFileSync(gkFile, 'utf8').split('\r\n')[0];
    expect(header).toBe('\uFEFFfid,x,y,cell_id,population,elderly,age65,age80,cell_width_deg,cell_height_deg');
    const gk = await parseLayerFile('population', 'gk.csv', readFileSync(gkFile), { crs: 'EPSG:4547' });
    const grid = storedPositions('population');
    expect(gk.records).toHaveLength(grid.length);
    for (let i = 0; i < grid.length; i += 211) expect(haversineM(gk.records[i].lon, gk.records[i].lat, ...grid[i])).toBeLessThan(0.01);
  });

  it('refuses a Gauss-Kruger zone far from the data, and overwriting the project itself', async () => {
    const zone = await rejection(Promise.resolve().then(() => exportLayerBytes(store, 'roads', 'gpkg', { crs: 'EPSG:4547' })));
    expect(zone.message).toMatch(/^field crs: feature 1 of roads lies at longitude 11\.\d+, outside EPSG:4547/);
    const self = await rejection(Promise.resolve().then(() => exportLayerToFile(store, 'facilities', 'gpkg', store.path)));
    expect(self.message).toContain('the export would overwrite the open project file');
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
