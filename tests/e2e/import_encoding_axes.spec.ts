/**
 * What Chinese planning offices' spreadsheets look like: a GBK-encoded CSV with Chinese headers is
 * previewed and imported with its encoding detected (in the Chinese UI), and a CSV with latitude and
 * longitude swapped is refused until the dialog's "swap lon/lat" offer is taken, then lands where it
 * should.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, csvRecords, openImportPreview, waitForCurrentPreview } from './import_helpers';

/** Test fixture, not real facilities: made-up centres at Wuhan coordinates inside the sample extent. */
const CHINESE_CSV = [
  '名称,经度,纬度,类型,床位,地址',
  '测试日间照料中心甲,114.2650,30.5870,日间照料中心,20,江汉区（测试）',
  '测试社区养老服务站乙,114.2950,30.5720,社区养老服务站,8,江汉区（测试）',
  '测试日间照料中心丙,114.3120,30.5480,日间照料中心,15,武昌区（测试）',
].join('\r\n');

test('a GBK CSV with Chinese headers imports with its encoding detected', async ({ page, server, workDir }) => {
  const csvPath = join(workDir, '养老设施_gbk.csv');
  writeFileSync(csvPath, iconv.encode(CHINESE_CSV + '\r\n', 'gbk'));
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');

  await openImportPreview(page, 'facilities', [csvPath]);
  const summary = page.getByTestId('import-preview-summary');
  await expect(summary).toHaveAttribute('data-encoding', 'gbk');
  await expect(page.getByTestId('import-encoding').locator('option:checked')).toHaveText('自动识别：GBK');
  const rows = page.getByTestId('import-preview-rows');
  const expected: Record<string, string> = { 名称: 'name', 经度: 'lon', 纬度: 'lat', 类型: 'kind', 床位: 'beds', 地址: 'address' };
  for (const [column, field] of Object.entries(expected)) {
    await expect(rows.locator(`th[data-column="${column}"]`)).toHaveAttribute('data-field', field);
  }
  await expect(rows.locator('tbody tr').first()).toContainText('测试日间照料中心甲');
  await expect(page.getByTestId('import-unmapped')).toHaveText('文件的每一列都对应了字段。');
  await expect(page.getByTestId('import-mapping').locator('tr[data-field="beds"]')).toContainText('张床位');
  await page.getByTestId('import-illustrative').check();
  await page.screenshot({ path: 'docs/screenshots/import_preview_gbk_zh.png' });

  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('import-detected')).toHaveAttribute('data-encoding', 'gbk');

  const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
  const byName = new Map(stored.map((feature) => [feature.properties.name, feature]));
  for (const record of csvRecords(CHINESE_CSV)) {
    const feature = byName.get(record['名称']);
    expect(feature?.properties.beds).toBe(Number(record['床位']));
    expect(feature?.properties.address).toBe(record['地址']);
    expect(feature?.properties.kind).toBe(record['类型'] === '日间照料中心' ? 'day_care' : 'community_station');
    expect(feature?.coordinates[0]).toBeCloseTo(Number(record['经度']), 9);
    expect(feature?.coordinates[1]).toBeCloseTo(Number(record['纬度']), 9);
  }
});

/** Test fixture: the same made-up centres written latitude first under lon/lat headers. */
const SWAPPED = [
  { name: '测试设施 A', lon: 114.265, lat: 30.587 },
  { name: '测试设施 B', lon: 114.295, lat: 30.572 },
  { name: '测试设施 C', lon: 114.312, lat: 30.548 },
];

test('a CSV with swapped lon/lat shows the swap offer and imports correctly with it', async ({ page, server, workDir }) => {
  const csvPath = join(workDir, 'swapped.csv');
  writeFileSync(csvPath, ['name,lon,lat,kind', ...SWAPPED.map((f) => `${f.name},${f.lat},${f.lon},day_care`)].join('\n') + '\n', 'utf8');
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);

  await openImportPreview(page, 'facilities', [csvPath]);
  // The numbers fit WGS84 only with the axes exchanged: the best suggestion says so, the offer shows.
  const best = page.getByTestId('import-crs-suggestions').locator('li').first();
  await expect(best).toHaveAttribute('data-swap', 'true');
  await expect(best).toHaveAttribute('data-crs', 'EPSG:4326');
  await expect(page.getByTestId('import-swap-offer')).toBeVisible();
  await expect(page.getByTestId('import-swap-axes')).not.toBeChecked();

  // Without the swap the host refuses the file, naming it and the exchanged values.
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'error');
  await expect(page.getByTestId('import-error')).toContainText('swapped.csv');
  await expect(page.getByTestId('import-error')).toContainText('look swapped');
  await expect(page.getByTestId('import-swap-hint')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/import_preview_swapped_en.png' });

  await page.getByTestId('import-swap-axes').check();
  await waitForCurrentPreview(page);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('map')).toHaveAttribute('data-facilities', '3');

  const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
  expect(stored).toHaveLength(3);
  for (const facility of SWAPPED) {
    const feature = stored.find((candidate) => candidate.properties.name === facility.name);
    expect(feature?.coordinates[0]).toBeCloseTo(facility.lon, 9);
    expect(feature?.coordinates[1]).toBeCloseTo(facility.lat, 9);
  }
});
