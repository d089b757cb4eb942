/**
 * The raster decoder against GDAL: the Wuhan core clip rewritten by gdal_translate with every
 * compression, predictor, sample type, byte order and block layout the fast path handles (and one it
 * hands to geotiff.js), then read back cell by cell; projected rasters (gdalwarp to CGCS2000
 * Gauss–Krüger and UTM) placed by reprojecting each cell centre, checked against gdaltransform.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { gdalRaster, gdalTransform, validCells } from './gdal_reference';
import { hasGdalTool, readTestData, rejection, testData } from './import_test_paths';

const CORE60 = 'wuhan/wuhan_core_pop60plus_100m.tif';
const GDAL = hasGdalTool('gdal_translate') && hasGdalTool('gdalinfo');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-tif-decode-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VARIANTS: { name: string; options: string[] }[] = [
  { name: 'lzw_predictor2_float', options: ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2'] },
  { name: 'deflate_fp_predictor_tiled_64x32', options: ['-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=64', '-co', 'BLOCKYSIZE=32'] },
  { name: 'lzw_big_endian', options: ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=LZW'] },
  { name: 'int32_lzw_predictor2_big_endian', options: ['-ot', 'Int32', '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2', '-co', 'ENDIANNESS=BIG'] },
  { name: 'float64_deflate_fp_predictor_big_endian', options: ['-ot', 'Float64', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3', '-co', 'ENDIANNESS=BIG'] },
  { name: 'uint16_deflate_predictor2_tiled', options: ['-ot', 'UInt16', '-a_nodata', '65535', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2', '-co', 'TILED=YES'] },
  { name: 'uncompressed_strips_of_7', options: ['-co', 'BLOCKYSIZE=7'] },
  { name: 'packbits_via_geotiffjs', options: ['-co', 'COMPRESS=PACKBITS'] },
];

// Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL)('decoding agrees with GDAL cell by cell', () => {
  for (const variant of VARIANTS) {
    it(variant.name, async () => {
      const file = path.join(scratch, `${variant.name}.tif`);
      execFileSync('gdal_translate', ['-q', ...variant.options, testData(CORE60), file]);
      const reference = validCells(gdalRaster(file));
      const parsed = await parseLayerFile('population', `${variant.name}.tif`, readFileSync(file), {});
      expect(parsed.records).toHaveLength(reference.size);
      expect(reference.size).toBeGreaterThan(20_000);
      for (const cell of parsed.records) {
        const [, row, col] = /^r(\d+)c(\d+)$/.exec(cell.cellId)!.map(Number);
        const expected = reference.get(row * 192 + col);
        if (expected === undefined || cell.population !== expected) throw new Error(`${cell.cellId}: ${cell.population} vs GDAL ${expected}`);
      }
    });
  }

  it('a flipped byte inside compressed data is reported, not read as wrong numbers', async () => {
    const bytes = new Uint8Array(readTestData('wuhan/worldpop_agesex_60plus/pop_60_f_wuhan.tif'));
    // damage the middle of the file: inside some LZW strip
    for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i] ^= 0x5a;
    const error = await rejection(parseLayerFile('population', 'damaged.tif', bytes, {}));
    expect(isInputError(error)).toBe(true);
    expect(error.message).toMatch(/^damaged\.tif: corrupt GeoTIFF: data block \d+ /);
  });
});

// Runs only where GDAL with gdalwarp (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL && hasGdalTool('gdalwarp'))('projected rasters are reprojected cell by cell', () => {
  for (const crs of ['EPSG:4547', 'EPSG:32650', 'EPSG:3857']) {
    it(`${crs}: every valid cell, centres as gdaltransform puts them, local cell size in degrees`, async () => {
      const file = path.join(scratch, `core_${crs.replace(':', '_')}.tif`);
      execFileSync('gdalwarp', ['-q', '-overwrite', '-t_srs', crs, '-tr', '100', '100', '-r', 'near', '-co', 'COMPRESS=LZW', testData(CORE60), file]);
      const raster = gdalRaster(file);
      const reference = validCells(raster);
      const parsed = await parseLayerFile('population', 'projected_60plus.tif', readFileSync(file), {});
      expect(parsed.detected.crs).toBe(crs);
      expect(parsed.records).toHaveLength(reference.size);
      const [x0, dx, , y0, , dy] = raster.geoTransform;
      const sample = parsed.records.filter((_, i) => i % 997 === 0);
      const centres = sample.map((cell) => {
        const [, row, col] = /^r(\d+)c(\d+)$/.exec(cell.cellId)!.map(Number);
        expect(cell.elderly).toBe(reference.get(row * raster.width + col));
        return [x0 + (col + 0.5) * dx, y0 + (row + 0.5) * dy] as [number, number];
      });
      const expected = gdalTransform(crs, 'EPSG:4326', centres);
      sample.forEach((cell, i) => {
        expect(Math.abs(cell.lon - expected[i][0])).toBeLessThan(1e-8);
        expect(Math.abs(cell.lat - expected[i][1])).toBeLessThan(1e-8);
        // 100 m in degrees at this latitude (the exact local size differs by the grid's rotation and scale)
        const widthDeg = 100 / (111_320 * Math.cos((cell.lat * Math.PI) / 180));
        const scale = crs === 'EPSG:3857' ? Math.cos((cell.lat * Math.PI) / 180) : 1;
        expect(cell.cellWidthDeg! / (widthDeg * scale)).toBeGreaterThan(0.99);
        expect(cell.cellWidthDeg! / (widthDeg * scale)).toBeLessThan(1.01);
        expect(cell.cellHeightDeg! / ((100 / 110_850) * scale)).toBeGreaterThan(0.99);
        expect(cell.cellHeightDeg! / ((100 / 110_850) * scale)).toBeLessThan(1.01);
      });
    });
  }

  it('--crs overrides the GeoKeys and says so', async () => {
    const parsed = await parseLayerFile('population', 'core.tif', readTestData(CORE60), { crs: 'gcj02' });
    expect(parsed.detected.crs).toBe('GCJ02');
    expect(parsed.detected.warnings?.[0]).toBe('core.tif: the GeoTIFF says EPSG:4326; GCJ02 was used as chosen');
    const plain = await parseLayerFile('population', 'core.tif', readTestData(CORE60), {});
    // GCJ-02 → WGS84 moves Wuhan points by roughly -0.005° lon, +0.002° lat
    const dLon = parsed.records[0].lon - plain.records[0].lon;
    const dLat = parsed.records[0].lat - plain.records[0].lat;
    expect(dLon).toBeLessThan(-0.003);
    expect(dLon).toBeGreaterThan(-0.008);
    expect(dLat).toBeGreaterThan(0.0005);
    expect(dLat).toBeLessThan(0.004);
  });
});
