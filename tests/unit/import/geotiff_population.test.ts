import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../../../shared/errors';
import { PopulationCell } from '../../../shared/schemas/entities';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { hasGdalTool, readTestData, rejection, testData } from './import_test_paths';

const CORE = 'wuhan/wuhan_core_pop60plus_100m.tif';
const FULL = 'wuhan/wuhan_pop60plus_100m.tif';
const LZW_BAND = 'wuhan/worldpop_agesex_60plus/pop_60_f_wuhan.tif';
const GDAL = hasGdalTool('gdal_translate') && hasGdalTool('gdalinfo');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-geotiff-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Reference {
  valid: number;
  sum: number;
  /** GDAL geotransform [originLon, pixelWidth, 0, originLat, 0, -pixelHeight] */
  geoTransform: number[];
  width: number;
}

/**
 * Count and sum of valid cells read by GDAL (an independent decoder): the raster is converted to
 * raw Float32 (ENVI) and scanned here; nodata from gdalinfo. Without GDAL: the SOURCES.md numbers,
 * which are rounded (`rounding`: half a unit of their last digit), so the comparison is only as close.
 */
function reference(
  relative: string,
  documented: { valid: number; sum: number; rounding: number },
): (Reference & { rounding: 0 }) | (typeof documented & { geoTransform: null }) {
  if (!GDAL) return { ...documented, geoTransform: null };
  const source = testData(relative);
  const info = JSON.parse(execFileSync('gdalinfo', ['-json', source], { encoding: 'utf8' })) as {
    geoTransform: number[];
    size: [number, number];
    bands: { noDataValue?: number | string }[];
  };
  const raw = path.join(scratch, `${path.basename(relative)}.bin`);
  execFileSync('gdal_translate', ['-q', '-of', 'ENVI', '-ot', 'Float32', source, raw]);
  const bytes = readFileSync(raw);
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const noData = Math.fround(Number(info.bands[0].noDataValue));
  let valid = 0;
  let sum = 0;
  for (const v of values) {
    if (v === noData || Number.isNaN(v) || v <= -1e30) continue;
    valid++;
    sum += v;
  }
  return { valid, sum, geoTransform: info.geoTransform, width: info.size[0], rounding: 0 };
}

describe('GeoTIFF population rasters (real WorldPop data)', () => {
  it('core 60+ clip (192x168, DEFLATE + float predictor): 24 470 cells, sum 518 264.5', async () => {
    const ref = reference(CORE, { valid: 24_470, sum: 518_264.5, rounding: 0.05 });
    const parsed = await parseLayerFile('population', 'wuhan_core_pop60plus_100m.tif', readTestData(CORE), {});
    expect(parsed.format).toBe('geotiff');
    expect(parsed.records).toHaveLength(ref.valid);
    expect(parsed.records).toHaveLength(24_470);
    expect(parsed.skippedCount).toBe(192 * 168 - 24_470);
    expect(parsed.skipped).toEqual([
      { reason: '7,786 of 32,256 cells are nodata in the band (no population cell is made for them)', count: 7786, code: 'raster_nodata', params: { count: 7786, total: 32256 } },
    ]);
    expect(parsed.detected).toEqual({ crs: 'EPSG:4326', encoding: null, columns: ['band1'], mapping: { elderly: 'band1' } });
    const sum = parsed.records.reduce((s, c) => s + (c.elderly as number), 0);
    expect(Math.abs(sum - ref.sum)).toBeLessThan(0.01 + ref.rounding);
    expect(Math.abs(sum - 518_264.5)).toBeLessThan(0.1);
    expect(parsed.records.every((c) => c.population === null && c.age65 === null && c.age80 === null)).toBe(true);
    for (const cell of parsed.records) PopulationCell.parse(cell);
  });

  it('places cell centres by the geotransform and takes the cell size from the pixel scale', async () => {
    const ref = reference(CORE, { valid: 24_470, sum: 518_264.5, rounding: 0.05 });
    const parsed = await parseLayerFile('population', 'wuhan_core_pop60plus_100m.tif', readTestData(CORE), {});
    // documented extent: lon 114.200416..114.360416, lat 30.499583..30.639583
    const gt = ref.geoTransform ?? [114.200416224117959, 0.000833333329993, 0, 30.639583412740915, 0, -0.00083333333001];
    for (const cell of parsed.records.slice(0, 50)) {
      const [, r, c] = /^r(\d+)c(\d+)$/.exec(cell.cellId)!.map(Number);
      expect(cell.lon).toBeCloseTo(gt[0] + (c + 0.5) * gt[1], 9);
      expect(cell.lat).toBeCloseTo(gt[3] + (r + 0.5) * gt[5], 9);
    }
    expect(parsed.records[0].cellWidthDeg).toBeCloseTo(gt[1], 12);
    expect(parsed.records[0].cellHeightDeg).toBeCloseTo(-gt[5], 12);
  });

  it('matches the CSV export of the same clip cell by cell (same centres, same 60+ counts)', async () => {
    const tif = await parseLayerFile('population', 'wuhan_core_pop60plus_100m.tif', readTestData(CORE), {});
    const csv = await parseLayerFile('population', 'wuhan_core_grid_100m.csv', readTestData('wuhan/wuhan_core_grid_100m.csv'), {});
    expect(tif.records).toHaveLength(csv.records.length);
    // both are in row-major order of the same clip
    for (let i = 0; i < csv.records.length; i += 97) {
      expect(Math.abs(tif.records[i].lon - csv.records[i].lon)).toBeLessThan(1e-6);
      expect(Math.abs(tif.records[i].lat - csv.records[i].lat)).toBeLessThan(1e-6);
      expect(Math.abs((tif.records[i].elderly as number) - (csv.records[i].elderly as number))).toBeLessThan(1e-4);
    }
  });

  it('full 60+ raster (1662x1668): 494 676 cells, sum 1 942 653', async () => {
    const ref = reference(FULL, { valid: 494_676, sum: 1_942_653, rounding: 0.5 });
    const parsed = await parseLayerFile('population', 'wuhan_pop60plus_100m.tif', readTestData(FULL), {});
    expect(parsed.records).toHaveLength(ref.valid);
    expect(parsed.records).toHaveLength(494_676);
    expect(parsed.skippedCount).toBe(1662 * 1668 - 494_676);
    const sum = parsed.records.reduce((s, c) => s + (c.elderly as number), 0);
    expect(Math.abs(sum - ref.sum)).toBeLessThan(0.05 + ref.rounding);
    expect(Math.abs(sum - 1_942_653)).toBeLessThan(1);
    expect(new Set(parsed.records.map((c) => c.cellId)).size).toBe(494_676);
  });

  it('reads the original LZW band (1-row strips, nodata -3.4e38) into population by default', async () => {
    const ref = reference(LZW_BAND, { valid: 494_676, sum: 321_181, rounding: 0.5 });
    const parsed = await parseLayerFile('population', 'pop_60_f_wuhan.tif', readTestData(LZW_BAND), {});
    expect(parsed.detected.mapping).toEqual({ population: 'band1' });
    expect(parsed.records).toHaveLength(ref.valid);
    const sum = parsed.records.reduce((s, c) => s + (c.population as number), 0);
    expect(Math.abs(sum - ref.sum)).toBeLessThan(0.5 + ref.rounding);
    expect(Math.abs(sum - 321_181)).toBeLessThan(1);
  });

  it('reports progress while reading and stops with CancelledError when aborted', async () => {
    const fractions: number[] = [];
    const controller = new AbortController();
    const error = await parseLayerFile('population', 'wuhan_pop60plus_100m.tif', readTestData(FULL), {}, (f) => {
      fractions.push(f);
      if (f > 0.4) controller.abort();
    }, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(fractions.length).toBeGreaterThan(3);
    expect(Math.max(...fractions)).toBeLessThan(0.6);
  });

  it('sends the band where --map says, and picks the field from the file name otherwise', async () => {
    const mapped = await parseLayerFile('population', 'wuhan_core_pop60plus_100m.tif', readTestData(CORE), { map: { age80: 'band1' } });
    expect(mapped.detected.mapping).toEqual({ age80: 'band1' });
    expect(mapped.records.every((c) => c.age80 !== null && c.elderly === null)).toBe(true);
    const byName = await parseLayerFile('population', 'wuhan_core_pop65plus_100m.tif', readTestData('wuhan/wuhan_core_pop65plus_100m.tif'), {});
    expect(byName.detected.mapping).toEqual({ age65: 'band1' });
    const sum65 = byName.records.reduce((s, c) => s + (c.age65 as number), 0);
    expect(Math.abs(sum65 - 350_339.4)).toBeLessThan(0.1);
    const adults = await parseLayerFile('population', 'wuhan_core_pop20plus_100m.tif', readTestData('wuhan/wuhan_core_pop20plus_100m.tif'), {});
    expect(adults.detected.mapping).toEqual({ population: 'band1' });
    const sum20 = adults.records.reduce((s, c) => s + (c.population as number), 0);
    expect(Math.abs(sum20 - 2_570_581.4)).toBeLessThan(0.1);

    const error = await rejection(parseLayerFile('population', 'core.tif', readTestData(CORE), { map: { elderly: 'band2' } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('core.tif');
    expect(error.message).toContain('band2');
    expect(error.message).toContain('band1');
  });
});

describe('GeoTIFF georeferencing rules (small rasters written with geotiff.js)', () => {
  const values = Float32Array.from([1, 2, -99999, 4, 5, 6]); // 3 x 2
  const base = {
    width: 3,
    height: 2,
    ModelPixelScale: [0.5, 0.25, 0],
    ModelTiepoint: [0, 0, 0, 114, 31, 0],
    GDAL_NODATA: '-99999',
    GTModelTypeGeoKey: 2,
    GeographicTypeGeoKey: 4326,
  };
  const tiff = (meta: Record<string, unknown>, data: Float32Array = values) => new Uint8Array(writeArrayBuffer(data, { ...base, ...meta }));

  it('PixelIsArea: centres half a pixel in; PixelIsPoint: the tie point is the first centre', async () => {
    const area = await parseLayerFile('population', 'a.tif', tiff({ GTRasterTypeGeoKey: 1 }), {});
    expect(area.records.map((c) => c.cellId)).toEqual(['r0c0', 'r0c1', 'r1c0', 'r1c1', 'r1c2']);
    expect(area.skippedCount).toBe(1);
    expect(area.records[0]).toMatchObject({ lon: 114.25, lat: 30.875, population: 1, cellWidthDeg: 0.5, cellHeightDeg: 0.25 });
    expect(area.records[4]).toMatchObject({ lon: 115.25, lat: 30.625, population: 6 });
    const point = await parseLayerFile('population', 'p.tif', tiff({ GTRasterTypeGeoKey: 2 }), {});
    expect(point.records[0]).toMatchObject({ lon: 114, lat: 31 });
    expect(point.detected.crs).toBe('EPSG:4326');
    const cgcs = await parseLayerFile('population', 'c.tif', tiff({ GeographicTypeGeoKey: 4490 }), {});
    expect(cgcs.detected.crs).toBe('EPSG:4490');
  });

  it('reprojects projected rasters (UTM 50N), refuses unknown systems naming the code, and negative counts naming the cell', async () => {
    // the first cell centre lies on UTM 50N's central meridian (easting 500 000 m = 117°E)
    const utm = await parseLayerFile(
      'population',
      'utm.tif',
      tiff({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32650, GeographicTypeGeoKey: undefined, ModelPixelScale: [100, 100, 0], ModelTiepoint: [0, 0, 0, 499950, 3400000, 0] }),
      {},
    );
    expect(utm.detected.crs).toBe('EPSG:32650');
    expect(Math.abs(utm.records[0].lon - 117)).toBeLessThan(1e-9);
    expect(utm.records[0].lat).toBeGreaterThan(30.7);
    expect(utm.records[0].lat).toBeLessThan(30.75);
    expect(utm.records[1].lon).toBeGreaterThan(117.001);
    // 100 grid metres are 100 / 0.9996 m on the ground on the central meridian; ~111.4 km per degree of longitude / cos(lat)
    const widthDeg = 100 / 0.9996 / (111_416 * Math.cos((utm.records[0].lat * Math.PI) / 180));
    expect(Math.abs(utm.records[0].cellWidthDeg! / widthDeg - 1)).toBeLessThan(0.002);

    const unknown = await rejection(
      parseLayerFile('population', 'odd.tif', tiff({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2000, GeographicTypeGeoKey: undefined }), {}),
    );
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.message).toContain("odd.tif, field crs: the GeoTIFF's projected system EPSG:2000 is not supported");
    expect(unknown.message).toContain('choose the coordinate system with --crs if you know it');

    const negative = await rejection(parseLayerFile('population', 'neg.tif', tiff({}, Float32Array.from([1, 2, 3, -4, 5, 6])), {}));
    expect(negative).toBeInstanceOf(InputError);
    expect(negative.message).toMatch(/neg\.tif, field band1: cell r1c0 .* holds -4/);
  });

  it('refuses GeoTIFFs for other layers', async () => {
    const error = await rejection(parseLayerFile('facilities', 'a.tif', tiff({}), {}));
    expect(error.message).toContain('only be imported into the population layer');
  });
});
