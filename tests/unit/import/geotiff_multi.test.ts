/**
 * Several GeoTIFFs (and several bands) summed cell by cell: the ten WorldPop age/sex bands of Wuhan
 * against the derived 60+ raster; field inference from WorldPop names; grid checks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { parseLayerFile, parseLayerFiles } from '../../../electron/services/import/parse_layer_file';
import { planRasterFields, worldPopAgeSex } from '../../../electron/services/import/plan_raster_fields';
import { hasGdalTool, readTestData, rejection, testData } from './import_test_paths';

const BANDS = 'wuhan/worldpop_agesex_60plus';
const FULL = 'wuhan/wuhan_pop60plus_100m.tif';
const CORE60 = 'wuhan/wuhan_core_pop60plus_100m.tif';
const CORE65 = 'wuhan/wuhan_core_pop65plus_100m.tif';
const GDAL = hasGdalTool('gdal_translate');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-multi-tif-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bandFiles = () =>
  readdirSync(testData(BANDS))
    .filter((name) => name.endsWith('.tif'))
    .sort()
    .map((name) => ({ name, bytes: readTestData(`${BANDS}/${name}`) }));

describe('summing WorldPop age/sex bands (real Wuhan data)', () => {
  it('the ten bands give the 60+ total 1 942 653 and match wuhan_pop60plus_100m.tif cell by cell to 1e-3', async () => {
    const files = bandFiles();
    expect(files).toHaveLength(10);
    const summed = await parseLayerFiles('population', files, {});
    expect(summed.format).toBe('geotiff');
    expect(summed.detected.crs).toBe('EPSG:4326');
    expect(summed.detected.mapping).toEqual({ elderly: files.map((f) => f.name).join(' + ') });
    expect(summed.detected.warnings).toBeUndefined();
    expect(summed.records).toHaveLength(494_676);
    expect(summed.skippedCount).toBe(1662 * 1668 - 494_676);
    const total = summed.records.reduce((s, c) => s + (c.elderly as number), 0);
    expect(Math.abs(total - 1_942_653)).toBeLessThanOrEqual(1);

    const derived = await parseLayerFile('population', 'wuhan_pop60plus_100m.tif', readTestData(FULL), {});
    expect(derived.records).toHaveLength(summed.records.length);
    let worst = 0;
    for (let i = 0; i < derived.records.length; i++) {
      const a = summed.records[i];
      const b = derived.records[i];
      if (a.cellId !== b.cellId || a.lon !== b.lon || a.lat !== b.lat) throw new Error(`cell ${i}: ${a.cellId} vs ${b.cellId}`);
      worst = Math.max(worst, Math.abs((a.elderly as number) - (b.elderly as number)));
      if (a.population !== null || a.age65 !== null) throw new Error(`cell ${a.cellId} has counts outside elderly`);
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('the 65+ and 80+ subsets are recognised by their names and sum to the documented totals', async () => {
    const all = bandFiles();
    const age80 = await parseLayerFiles('population', all.filter((f) => worldPopAgeSex(f.name)!.age === 80), {});
    expect(Object.keys(age80.detected.mapping)).toEqual(['age80']);
    const sum80 = age80.records.reduce((s, c) => s + (c.age80 as number), 0);
    expect(Math.abs(sum80 - 187_844)).toBeLessThanOrEqual(1); // SOURCES.md: 80+ total 187 844
    const age65 = planRasterFields(all.filter((f) => worldPopAgeSex(f.name)!.age >= 65).map((f) => ({ name: f.name, bandCount: 1 })), {});
    // every band (the one band, 0-based) of each of the eight files feeds age65
    expect(age65.plans).toEqual([{ field: 'age65', parts: Array.from({ length: 8 }, (_, file) => ({ file, bands: [0] })) }]);
  });

  it('names that do not say which count the sum is need --map; with it the files are summed', async () => {
    const [f60, m60] = bandFiles();
    const renamed = [
      { name: 'a.tif', bytes: f60.bytes },
      { name: 'b.tif', bytes: m60.bytes },
    ];
    const error = await rejection(parseLayerFiles('population', renamed, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('a.tif, field map: 2 rasters are summed, but their names do not say which count the sum is');
    expect(error.message).toContain('--map elderly=all');
    // an incomplete age/sex set (60-64 only) is not 60+ either
    const partial = await rejection(parseLayerFiles('population', [f60, m60], {}));
    expect(partial.message).toContain('do not say which count');

    const summed = await parseLayerFiles('population', renamed, { map: { population: 'all' } });
    const female = await parseLayerFile('population', 'a.tif', f60.bytes, {});
    const male = await parseLayerFile('population', 'b.tif', m60.bytes, {});
    expect(summed.records).toHaveLength(female.records.length);
    for (let i = 0; i < summed.records.length; i += 101) {
      expect(summed.records[i].population).toBeCloseTo((female.records[i].population as number) + (male.records[i].population as number), 9);
    }
  });

  it('refuses rasters on different grids naming the file, and the same file twice', async () => {
    const [f60] = bandFiles();
    const core = { name: 'wuhan_core_pop60plus_100m.tif', bytes: readTestData(CORE60) };
    const error = await rejection(parseLayerFiles('population', [f60, core], { map: { elderly: 'all' } }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location.file).toBe('wuhan_core_pop60plus_100m.tif');
    expect(error.message).toContain("its grid differs from pop_60_f_wuhan.tif's, so the cells cannot be summed: 192 x 168 cells");
    const twice = await rejection(parseLayerFiles('population', [f60, f60], {}));
    expect(twice.message).toBe('pop_60_f_wuhan.tif: the same file is given twice (expected each raster once)');
    const mixed = await rejection(parseLayerFiles('population', [f60, { name: 'grid.csv', bytes: readTestData('wuhan/wuhan_core_grid_100m.csv') }], {}));
    expect(mixed.message).toContain('only several GeoTIFFs on one grid (summed) or the parts of one shapefile');
  });
});

// Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL)('multi-band rasters (written with gdal_translate)', () => {
  it('sums the bands by default with a warning, and --map sends bands to fields', async () => {
    const vrt = path.join(scratch, 'two.vrt');
    const tif = path.join(scratch, 'core_60_65.tif');
    execFileSync('gdalbuildvrt', ['-q', '-separate', vrt, testData(CORE60), testData(CORE65)]);
    execFileSync('gdal_translate', ['-q', vrt, tif, '-co', 'INTERLEAVE=PIXEL', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3']);
    const bytes = readFileSync(tif);
    const sixty = await parseLayerFile('population', 'c60.tif', readTestData(CORE60), {});
    const sixtyFive = await parseLayerFile('population', 'c65.tif', readTestData(CORE65), {});

    const summed = await parseLayerFile('population', 'core_60_65.tif', bytes, {});
    expect(summed.detected.mapping).toEqual({ population: 'band1+band2' });
    expect(summed.detected.warnings?.[0]).toContain('core_60_65.tif: its 2 bands were summed into population');
    expect(summed.records[5].population).toBeCloseTo((sixty.records[5].population as number) + (sixtyFive.records[5].population as number), 4);

    const mapped = await parseLayerFile('population', 'core_60_65.tif', bytes, { map: { elderly: 'band1', age65: 'band2' } });
    expect(mapped.detected.mapping).toEqual({ elderly: 'band1', age65: 'band2' });
    expect(mapped.records).toHaveLength(24_470);
    for (let i = 0; i < mapped.records.length; i += 53) {
      expect(mapped.records[i].elderly).toBe(sixty.records[i].population);
      expect(mapped.records[i].age65).toBe(sixtyFive.records[i].population);
    }
    const bad = await rejection(parseLayerFile('population', 'core_60_65.tif', bytes, { map: { elderly: 'band1+band3' } }));
    expect(bad.message).toContain('--map elderly=band1+band3: the raster has no band "band1+band3"; available columns: band1, band2, or all');
  });
});
