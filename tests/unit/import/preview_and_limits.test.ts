/**
 * The mapping preview (first rows, column types, fields with units, unmapped columns, missing fields,
 * CRS suggestions) on real files; size limits that refuse files too large for memory before reading
 * them; progress and cancellation of long imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../../../shared/errors';
import { LAYER_FIELD_ALIASES } from '../../../electron/services/import/field_aliases';
import { LAYER_FIELD_INFO } from '../../../electron/services/import/field_units';
import { parseLayerFile, parseLayerFiles } from '../../../electron/services/import/parse_layer_file';
import { previewLayerFiles } from '../../../electron/services/import/preview_layer_files';
import { readTestData, rejection, testData } from './import_test_paths';
import { osmFromGeoJson, osmXml } from './osm_test_files';

const text = (s: string) => new TextEncoder().encode(s);

describe('import preview', () => {
  it('the real Wuhan grid CSV: rows, types, mapped and unmapped columns, units, WGS84 suggested', async () => {
    const preview = await previewLayerFiles('population', [{ name: 'wuhan_core_grid_100m.csv', bytes: readTestData('wuhan/wuhan_core_grid_100m.csv') }], {});
    expect(preview).toMatchObject({ format: 'csv', crs: 'EPSG:4326', crsDeclared: false, encoding: 'utf-8', rowCount: 24_470, missing: [] });
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toMatchObject({ cell_id: '0', pop60plus: expect.any(String) });
    expect(preview.columns.map((c) => [c.name, c.type, c.field])).toEqual([
      ['cell_id', 'number', 'cell_id'],
      ['row', 'number', null],
      ['col', 'number', null],
      ['lon', 'number', 'lon'],
      ['lat', 'number', 'lat'],
      ['pop20plus', 'number', 'population'],
      ['pop60plus', 'number', 'elderly'],
      ['pop65plus', 'number', 'age65'],
      ['pop80plus', 'number', 'age80'],
    ]);
    expect(preview.unmappedColumns).toEqual(['row', 'col']);
    expect(preview.fields.find((f) => f.field === 'elderly')).toEqual({ field: 'elderly', description: 'older people aged 60 and over (老年人口)', unit: 'persons', column: 'pop60plus' });
    expect(preview.crsSuggestions[0]).toMatchObject({ crs: 'EPSG:4326', swapAxes: false, confidence: 'high' });
    expect(preview.crsSuggestions.map((s) => s.crs)).toContain('GCJ02');
  });

  it('says what is missing and which system projected numbers fit', async () => {
    const facilities = await previewLayerFiles('facilities', [{ name: 'f.csv', bytes: text('名称,床位,X,Y\n甲,20,38528770.2,3386666.3\n乙,,38529000.5,3386700.1\n') }], {});
    expect(facilities.missing).toEqual(['kind']);
    expect(facilities.columns.find((c) => c.name === '床位')).toEqual({ name: '床位', type: 'number', filled: 0.5, field: 'beds' });
    expect(facilities.fields.find((f) => f.field === 'beds')).toMatchObject({ unit: 'beds', column: '床位' });
    expect(facilities.crsSuggestions[0]).toMatchObject({ crs: 'EPSG:4526', swapAxes: false });
    const withKind = await previewLayerFiles('facilities', [{ name: 'f.csv', bytes: text('名称,X,Y\n甲,114.2,30.5\n') }], { kind: 'day_care' });
    expect(withKind.missing).toEqual([]);
    const roads = await previewLayerFiles('roads', [{ name: 'r.csv', bytes: text('name,highway\nA,footway\n') }], {});
    expect(roads.missing).toEqual(['wkt']);
  });

  it('vector files give geometry types; shapefiles their encoding and CRS; rasters their bands', async () => {
    const shp = ['shp', 'dbf', 'prj', 'cpg'].map((ext) => ({ name: `wuhan-boundary.${ext}`, bytes: readTestData(`wuhan/wuhan_boundary_shp/wuhan-boundary.${ext}`) }));
    const boundary = await previewLayerFiles('boundaries', shp, {});
    expect(boundary).toMatchObject({ format: 'shapefile', crs: 'EPSG:4326', crsDeclared: true, encoding: 'utf-8', rowCount: 1, geometryTypes: { Polygon: 1 } });
    expect(boundary.rows[0]).toMatchObject({ name: '武汉市', admin_leve: '5' });
    const bands = readdirSync(testData('wuhan/worldpop_agesex_60plus'))
      .sort()
      .map((name) => ({ name, bytes: readTestData(`wuhan/worldpop_agesex_60plus/${name}`) }));
    const raster = await previewLayerFiles('population', bands, {});
    expect(raster).toMatchObject({ format: 'geotiff', crs: 'EPSG:4326', rowCount: 1662 * 1668 });
    expect(raster.columns).toHaveLength(10);
    expect(raster.fields.find((f) => f.field === 'elderly')!.column).toContain('pop_60_f_wuhan.tif + pop_60_m_wuhan.tif');
  });

  it('every importable field has a description (and unit) for the dialog', () => {
    for (const [layer, fields] of Object.entries(LAYER_FIELD_ALIASES)) {
      expect(Object.keys(LAYER_FIELD_INFO[layer as keyof typeof LAYER_FIELD_INFO]).sort(), layer).toEqual(Object.keys(fields).sort());
    }
  });
});

/** A minimal little-endian TIFF whose header declares width x height float cells in one tiny strip. */
function tiffHeader(width: number, height: number): Uint8Array {
  const entries: [number, number, number, number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 32],
    [259, 3, 1, 1],
    [262, 3, 1, 1],
    [273, 4, 1, 8 + 2 + 12 * 10 + 4],
    [277, 3, 1, 1],
    [278, 4, 1, height],
    [279, 4, 1, 4],
    [339, 3, 1, 3],
  ];
  const bytes = new Uint8Array(8 + 2 + 12 * entries.length + 4 + 4);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + 12 * i;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    if (type === 3) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  });
  return bytes;
}

describe('files too large for memory are refused before they are read', () => {
  it('a raster of 100 000 x 100 000 cells', async () => {
    const error = await rejection(parseLayerFile('population', 'huge.tif', tiffHeader(100_000, 100_000), { crs: 'EPSG:4326' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('huge.tif: the raster has 100000 x 100000 cells; the import limit is 50 million cells (expected a raster clipped to the planning area (e.g. gdalwarp -cutline))');
  });

  it('a ZIP whose entry claims to unpack to 4 GB (a "zip bomb")', async () => {
    const zip = zipSync({ 'roads.shp': new Uint8Array(100), 'roads.dbf': new Uint8Array(100) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let at = 0; at + 4 < zip.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0xf0000000, true); // central directory: uncompressed size
    }
    const error = await rejection(parseLayerFile('roads', 'bomb.zip', zip, {}));
    expect(error.message).toMatch(/^bomb\.zip: the archive would unpack to \d+ MB; the limit is 1024 MB/);
  });
});

describe('progress and cancellation', () => {
  it('summing the ten WorldPop bands reports progress and stops when cancelled', async () => {
    const bands = readdirSync(testData('wuhan/worldpop_agesex_60plus'))
      .sort()
      .map((name) => ({ name, bytes: readTestData(`wuhan/worldpop_agesex_60plus/${name}`) }));
    const fractions: number[] = [];
    const controller = new AbortController();
    const error = await parseLayerFiles('population', bands, {}, (f) => {
      fractions.push(f);
      if (f > 0.3) controller.abort();
    }, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(Math.max(...fractions)).toBeLessThan(0.5);
  });

  it('a 12 MB OSM XML file streams with progress and stops when cancelled', async () => {
    const osm = osmFromGeoJson(JSON.parse(readFileSync(testData('gothenburg_osm/gothenburg_ways.geojson'), 'utf8')), Infinity);
    const bytes = text(osmXml(osm));
    expect(bytes.length).toBeGreaterThan(10 * 1048576);
    const fractions: number[] = [];
    const controller = new AbortController();
    const error = await parseLayerFile('roads', 'gothenburg.osm', bytes, {}, (f) => {
      fractions.push(f);
      if (f > 0.2) controller.abort();
    }, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(fractions.length).toBeGreaterThan(3);
    expect(Math.max(...fractions)).toBeLessThan(0.4);
  });
});
