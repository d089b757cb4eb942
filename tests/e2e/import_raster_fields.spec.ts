/**
 * The import dialog's raster fields step with real rasters: the three Wuhan core clips (20+, 60+,
 * 65+ of WorldPop) go to three counts in one import; the project panel's population note then names
 * each count's file and its persons (summed here with geotiff.js), and says "not imported" for 80+.
 * In Chinese: rasters on different grids are refused in the preview, in Chinese, naming the file.
 * Screenshots (en, zh) go to <tmpdir>/siting-shots/raster/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fromArrayBuffer } from 'geotiff';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { openImportPreview, waitForCurrentPreview } from './import_helpers';
import { SAMPLE_DIR } from '../helpers/paths';
import { testData } from '../helpers/test_data';
import { openTab } from './tabs';

/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'raster');
const CORE = {
  population: join(SAMPLE_DIR, 'wuhan_core_pop20plus_100m.tif'),
  elderly: join(SAMPLE_DIR, 'wuhan_core_pop60plus_100m.tif'),
  age65: join(SAMPLE_DIR, 'wuhan_core_pop65plus_100m.tif'),
};

/** Persons in the raster and its cells with data, read with geotiff.js (nodata: GDAL_NODATA, NaN, ≤ -1e30). */
async function rasterTotal(path: string): Promise<{ total: number; cells: number }> {
  const bytes = readFileSync(path);
  const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)).getImage(0);
  const noData = image.getGDALNoData();
  const [band] = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  let total = 0;
  let cells = 0;
  for (let i = 0; i < band.length; i++) {
    const v = band[i];
    if (Number.isNaN(v) || (noData !== null && v === Math.fround(noData)) || v <= -1e30) continue;
    total += v;
    cells++;
  }
  return { total, cells };
}

test('three rasters to three counts in one import; the population note tells what each count holds', async ({ page, server }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await page.getByTestId('language-select').selectOption('en');
  // the sample's note: the total comes from the CSV's pop20plus column
  await expect(page.getByTestId('population-note-population')).toContainText('← pop20plus');

  await openImportPreview(page, 'population', [CORE.population, CORE.elderly, CORE.age65]);
  const step = page.getByTestId('raster-fields-step');
  await expect(step).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('raster-fields-row')).toHaveCount(3);
  const check = (field: string, file: string) => page.locator(`[data-testid="raster-field-check"][data-field="${field}"][data-file="${file}"]`);
  // suggested by the names: 20plus → total, 60plus → 60+, 65plus → 65+, nothing → 80+
  await expect(check('population', 'wuhan_core_pop20plus_100m.tif')).toBeChecked();
  await expect(check('elderly', 'wuhan_core_pop60plus_100m.tif')).toBeChecked();
  await expect(check('age65', 'wuhan_core_pop65plus_100m.tif')).toBeChecked();
  await expect(check('elderly', 'wuhan_core_pop20plus_100m.tif')).not.toBeChecked();
  await expect(page.getByTestId('raster-fields-total-age80')).toHaveText('not imported');
  // unticking the only count of the 65+ file leaves it feeding nothing: the preview names it, Import
  // waits, and the ticks stay there to be corrected
  await check('age65', 'wuhan_core_pop65plus_100m.tif').uncheck();
  await expect(page.getByTestId('import-preview-error')).toContainText('wuhan_core_pop65plus_100m.tif is not added to any count');
  await expect(page.getByTestId('import-submit')).toBeDisabled();
  await check('age65', 'wuhan_core_pop65plus_100m.tif').check();
  await expect(page.getByTestId('import-preview-error')).toHaveCount(0);
  await page.getByTestId('import-replace').check();
  await waitForCurrentPreview(page);
  await step.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'raster_fields_step_en.png') });
  await page.getByTestId('import-submit').click();
  const sixty = await rasterTotal(CORE.elderly);
  const twenty = await rasterTotal(CORE.population);
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', /\d+/);
  const imported = Number(await page.getByTestId('import-imported').getAttribute('data-count'));
  expect(imported).toBeGreaterThanOrEqual(Math.max(sixty.cells, twenty.cells));
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);

  // the note: each count's file and persons (rounded as shown), 80+ not imported
  const note = page.getByTestId('population-note');
  await page.getByTestId('population-note-toggle').click();
  await expect(page.getByTestId('population-note-elderly')).toBeVisible();
  const count = (n: number) => new Intl.NumberFormat('en').format(Math.round(n));
  await expect(page.getByTestId('population-note-elderly')).toContainText(`${count(sixty.total)} persons in ${count(sixty.cells)} cells ← wuhan_core_pop60plus_100m.tif`);
  await expect(page.getByTestId('population-note-population')).toContainText(`${count(twenty.total)} persons in ${count(twenty.cells)} cells ← wuhan_core_pop20plus_100m.tif`);
  await expect(page.getByTestId('population-note-age80')).toHaveAttribute('data-imported', 'false');
  await expect(page.getByTestId('population-note-age80')).toContainText('not imported');
  await expect(note).not.toContainText('wuhan_core_grid_100m.csv');
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'population_note_en.png') });

  // 中文: the same step, the note, and rasters on different grids refused in the preview
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('population-note-age80')).toContainText('未导入');
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'population_note_zh.png') });
  await openImportPreview(page, 'population', [CORE.population, CORE.elderly, CORE.age65]);
  await expect(page.getByTestId('raster-fields-total-age80')).toHaveText('不导入');
  await page.getByTestId('raster-fields-step').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'raster_fields_step_zh.png') });
  await page.getByTestId('import-dialog-close').click();
});

test('rasters on different grids: the preview refuses them in Chinese, naming the file', async ({ page, server }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await page.getByTestId('language-select').selectOption('zh');
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('population');
  await page.getByTestId('import-file-input').setInputFiles([CORE.elderly, testData('wuhan/worldpop_agesex_60plus/pop_60_f_wuhan.tif')]);
  const error = page.getByTestId('import-preview-error');
  await expect(error).toContainText('pop_60_f_wuhan.tif 的格网与 wuhan_core_pop60plus_100m.tif 不同');
  await expect(error).toContainText('未导入任何数据');
  await expect(page.getByTestId('import-submit')).toBeDisabled();
  await page.screenshot({ path: join(SHOTS, 'raster_grid_mismatch_zh.png') });
  await page.getByTestId('import-dialog-close').click();

  // only the 60+ raster, replacing the sample: the total population is "not imported", not "0 / 0 (—)"
  await openImportPreview(page, 'population', [CORE.elderly]);
  await page.getByTestId('import-replace').check();
  await waitForCurrentPreview(page);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-population')).toHaveAttribute('data-imported', 'false');
  await expect(page.getByTestId('coverage-population')).toHaveText('未导入');
  await page.getByTestId('population-note-toggle').click();
  await expect(page.getByTestId('population-note-population')).toHaveText('人口：未导入');
  await page.getByTestId('coverage-population').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'coverage_not_imported_zh.png') });
});
