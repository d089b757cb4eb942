/**
 * Several GeoTIFFs to add up, uploaded together: the ten real WorldPop age/sex rasters of Wuhan for
 * ages 60–64 … 80+ (f/m), clipped by GDAL in the test to a 12 × 10-cell window. The dialog recognises
 * the complete set as older people (60+), and its 65+ and 80+ subsets; after the import every cell
 * holds the sum of the ten rasters' values there (60+), as GDAL reads them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, openImportPreview, waitForCurrentPreview } from './import_helpers';
import { testData } from '../helpers/test_data';

const AGE_SEX = testData('wuhan/worldpop_agesex_60plus');

function hasGdal(): boolean {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** "lon,lat" of a cell centre, rounded so that GDAL's and the project's centres meet. */
const key = (lon: number, lat: number) => `${lon.toFixed(6)},${lat.toFixed(6)}`;

test('ten WorldPop age/sex GeoTIFFs upload together and import as their cell-by-cell sum', async ({ page, server, workDir }) => {
  // Skipped where GDAL is not installed (CI installs gdal-bin): gdal_translate clips the rasters.
  test.skip(!hasGdal(), 'needs gdal_translate (apt-get install gdal-bin) to clip the rasters');
  const folder = join(workDir, 'agesex');
  mkdirSync(folder);
  const names = readdirSync(AGE_SEX).filter((name) => name.endsWith('.tif')).sort();
  expect(names).toHaveLength(10);
  // Cell → sum of the rasters that have data there (WorldPop fills river cells with -3.4e38 nodata).
  const expected = new Map<string, number>();
  const cells = new Set<string>();
  for (const name of names) {
    const clipped = join(folder, name);
    execFileSync('gdal_translate', ['-q', '-srcwin', '800', '800', '12', '10', join(AGE_SEX, name), clipped]);
    const xyz = execFileSync('gdal_translate', ['-q', '-of', 'XYZ', clipped, '/vsistdout/'], { encoding: 'utf8' });
    for (const line of xyz.trim().split(/\r?\n/)) {
      const [x, y, value] = line.trim().split(/\s+/).map(Number);
      cells.add(key(x, y));
      if (value > -1e30) expected.set(key(x, y), (expected.get(key(x, y)) ?? 0) + value);
    }
  }
  expect(cells.size).toBe(120);
  expect(expected.size).toBeGreaterThan(100);

  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openImportPreview(
    page,
    'population',
    names.map((name) => join(folder, name)),
  );
  const summary = page.getByTestId('import-preview-summary');
  await expect(summary).toHaveAttribute('data-format', 'geotiff');
  await expect(summary).toHaveAttribute('data-crs', 'EPSG:4326');
  await expect(summary).toHaveAttribute('data-rows', '120');
  // the raster fields step ticks every count the complete age/sex set gives: 60+ (ten files), 65+ (eight), 80+ (two)
  await expect(page.getByTestId('raster-fields-step')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('raster-fields-total-elderly')).toHaveAttribute('data-count', '10');
  await expect(page.getByTestId('raster-fields-total-age65')).toHaveAttribute('data-count', '8');
  await expect(page.getByTestId('raster-fields-total-age80')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('raster-fields-total-population')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('import-crs')).toHaveCount(0);
  await page.getByTestId('import-replace').check();
  await waitForCurrentPreview(page);
  await page.screenshot({ path: 'docs/screenshots/import_preview_geotiff_en.png' });
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(expected.size));

  const stored = await cliExportLayer(server.projectPath, workDir, 'population');
  expect(stored).toHaveLength(expected.size);
  for (const cell of stored) {
    const [lon, lat] = cell.coordinates.length === 2 ? cell.coordinates : [Number(cell.properties.lon), Number(cell.properties.lat)];
    const sum = expected.get(key(lon, lat));
    if (sum === undefined) throw new Error(`cell at ${lon}, ${lat} is not a cell of the clipped rasters`);
    expect(Number(cell.properties.elderly)).toBeCloseTo(sum, 5);
  }
});
