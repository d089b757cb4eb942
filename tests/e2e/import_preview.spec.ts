/**
 * The import dialog's preview: the sample facility CSV shows its columns, their types and the fields
 * they feed; a mapping changed in the dialog is what gets imported (checked in the project file with
 * the CLI) and is preselected the next time a file with that column is imported into the layer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, csvRecords, openImportPreview, waitForCurrentPreview } from './import_helpers';

const SAMPLE_CSV = join(repoRoot, 'data', 'samples', 'wuhan-core', 'illustrative_facilities.csv');

test('the preview of the sample CSV shows its columns, types and automatic mapping', async ({ page, server }) => {
  const text = readFileSync(SAMPLE_CSV, 'utf8');
  const header = text.split(/\r?\n/)[0].split(',');
  const rows = csvRecords(text);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);

  await openImportPreview(page, 'facilities', [SAMPLE_CSV]);
  const summary = page.getByTestId('import-preview-summary');
  await expect(summary).toHaveAttribute('data-format', 'csv');
  await expect(summary).toHaveAttribute('data-encoding', 'utf-8');
  await expect(summary).toHaveAttribute('data-rows', String(rows.length));
  await expect(summary).toHaveAttribute('data-crs', 'EPSG:4326');

  // Every column of the file, in order, with its detected type and the field it feeds.
  const heads = page.getByTestId('import-preview-rows').locator('thead th');
  expect(await heads.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-column')))).toEqual(header);
  const typeOf = async (column: string) => page.getByTestId('import-preview-rows').locator(`th[data-column="${column}"]`).getAttribute('data-type');
  expect(await typeOf('name')).toBe('text');
  expect(await typeOf('lon')).toBe('number');
  expect(await typeOf('capacity')).toBe('number');
  // The sample's columns are named like the fields: each feeds its namesake.
  for (const column of header) {
    await expect(page.getByTestId('import-preview-rows').locator(`th[data-column="${column}"]`)).toHaveAttribute('data-field', column);
  }
  await expect(page.getByTestId('import-preview-rows').locator('tbody tr')).toHaveCount(rows.length);
  await expect(page.getByTestId('import-preview-rows').locator('tbody tr').first()).toContainText(rows[0].name);

  // The mapping table: automatic matches shown per field, with units; nothing missing, nothing left over.
  await expect(page.getByTestId('import-map-capacity').locator('option:checked')).toHaveText('capacity (found by name)');
  await expect(page.getByTestId('import-map-beds').locator('option:checked')).toHaveText('— none —');
  await expect(page.getByTestId('import-mapping').locator('tr[data-field="floor_area_m2"]')).toContainText('m²');
  await expect(page.getByTestId('import-mapping').locator('tr[data-field="capacity"]')).toContainText('places');
  await expect(page.getByTestId('import-mapping').locator('tr[data-missing="true"]')).toHaveCount(0);
  await expect(page.getByTestId('import-unmapped')).toHaveText('Every column of the file feeds a field.');
  await expect(page.getByTestId('import-missing')).toHaveCount(0);
  // Coordinates are not declared by a CSV: read as WGS84, and WGS84 is what they fit best.
  await expect(page.getByTestId('import-crs').locator('option:checked')).toHaveText('Not declared by the file: read as EPSG:4326');
  await expect(page.getByTestId('import-crs-suggestions').locator('li').first()).toHaveAttribute('data-crs', 'EPSG:4326');
  await expect(page.getByTestId('import-swap-offer')).toHaveCount(0);
  await expect(page.getByTestId('import-submit')).toBeEnabled();
  await page.screenshot({ path: 'docs/screenshots/import_preview_sample_en.png' });

  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(rows.length));
  await expect(page.getByTestId('map')).toHaveAttribute('data-facilities', String(rows.length));
});

/**
 * Test fixture, not real facilities: three made-up centres inside the Wuhan sample extent whose
 * day-place and floor-area columns have names the importer does not know.
 */
const UNUSUAL_COLUMNS_CSV = [
  'name,lon,lat,kind,日托名额,建筑规模,illustrative',
  '测试中心 甲,114.2650,30.5870,day_care,30,450,1',
  '测试中心 乙,114.2950,30.5720,day_care,25,380,1',
  '测试中心 丙,114.3120,30.5480,community_station,12,160,1',
].join('\n');

test('a mapping changed in the dialog is imported and remembered for the layer', async ({ page, server, workDir }) => {
  const csvPath = join(workDir, 'unusual_columns.csv');
  writeFileSync(csvPath, UNUSUAL_COLUMNS_CSV + '\n', 'utf8');
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);

  await openImportPreview(page, 'facilities', [csvPath]);
  await expect(page.getByTestId('import-unmapped')).toHaveText('Columns not imported: 日托名额, 建筑规模');
  await expect(page.getByTestId('import-remembered')).toHaveCount(0);

  await page.getByTestId('import-map-capacity').selectOption('日托名额');
  await page.getByTestId('import-map-floor_area_m2').selectOption('建筑规模');
  await waitForCurrentPreview(page);
  const rows = page.getByTestId('import-preview-rows');
  await expect(rows.locator('th[data-column="日托名额"]')).toHaveAttribute('data-field', 'capacity');
  await expect(rows.locator('th[data-column="建筑规模"]')).toHaveAttribute('data-field', 'floor_area_m2');
  await expect(page.getByTestId('import-unmapped')).toHaveText('Every column of the file feeds a field.');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('import-report-mapping')).toContainText('Day places ← 日托名额');

  // In the project file: the values of the chosen columns, in the fields they were mapped to.
  const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
  const byName = new Map(stored.map((feature) => [feature.properties.name, feature.properties]));
  for (const record of csvRecords(UNUSUAL_COLUMNS_CSV)) {
    expect(byName.get(record.name)?.capacity).toBe(Number(record['日托名额']));
    expect(byName.get(record.name)?.floor_area_m2).toBe(Number(record['建筑规模']));
  }

  // The same kind of file again: the mapping is preselected from the last import into this layer.
  await openImportPreview(page, 'facilities', [csvPath]);
  await expect(page.getByTestId('import-remembered')).toContainText('Day places ← 日托名额');
  await expect(page.getByTestId('import-map-capacity')).toHaveValue('日托名额');
  await expect(page.getByTestId('import-preview-rows').locator('th[data-column="建筑规模"]')).toHaveAttribute('data-field', 'floor_area_m2');
  await page.getByTestId('import-dialog-close').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
});
