/**
 * Export in the formats and coordinate systems other GIS software expects: a GeoPackage in
 * CGCS2000 / 3° Gauss–Krüger that GDAL opens with the right count, SRS and positions; the CRS choices
 * each format allows (KML WGS84 only, GCJ-02 for CSV only); a GCJ-02 CSV with the shifted positions;
 * and the proposals of one scenario.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, haversineM } from './import_helpers';
import { importTestFacilities } from './test_facilities';
import { createScenario, mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

function hasGdal(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Exports with the panel's current choices and saves the download in `dir`; returns its path. */
async function exportDownload(page: Page, dir: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await openTab(page, 'data');
  await page.getByTestId('export-submit').click();
  const download = await downloading;
  const path = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return path;
}

test('export a GeoPackage in EPSG:4547 that GDAL opens, and the CRS each format allows', async ({ page, server, workDir }) => {
  // Skipped where GDAL is not installed (CI installs gdal-bin): ogrinfo/ogr2ogr open the exported files.
  test.skip(!hasGdal(), 'needs ogrinfo/ogr2ogr (apt-get install gdal-bin) to open the export');
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
  expect(stored).toHaveLength(4);

  await page.getByTestId('export-section').locator('summary').click();
  await page.getByTestId('export-layer').selectOption('facilities');
  const crs = page.getByTestId('export-crs');
  // KML is WGS84 by specification: no choice.
  await page.getByTestId('export-format').selectOption('kml');
  await expect(crs).toBeDisabled();
  await expect(page.getByTestId('export-crs-hint')).toContainText('KML is always WGS 84');
  // CSV also takes GCJ-02 and BD-09; GeoPackage names EPSG systems only.
  await page.getByTestId('export-format').selectOption('csv');
  await expect(crs).toBeEnabled();
  await expect(crs.locator('option[value="gcj02"]')).toHaveCount(1);
  await page.getByTestId('export-format').selectOption('gpkg');
  await expect(crs.locator('option[value="gcj02"]')).toHaveCount(0);
  await crs.selectOption('EPSG:4547');

  const gpkg = await exportDownload(page, workDir);
  expect(gpkg.endsWith('facilities.gpkg')).toBe(true);
  await expect(page.getByTestId('export-result')).toContainText('4 features exported as facilities.gpkg (EPSG:4547)');
  await page.getByTestId('export-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/export_gpkg_en.png' });
  const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', gpkg], { encoding: 'utf8' });
  expect(info).toMatch(/Feature Count: 4\b/);
  expect(info).toContain('CGCS2000 / 3-degree Gauss-Kruger CM 114E');
  // GDAL brings the Gauss–Krüger metres back to the stored WGS84 positions.
  const back = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '/vsistdout/', gpkg], { encoding: 'utf8' })) as {
    features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }>;
  };
  expect(back.features).toHaveLength(4);
  for (const feature of back.features) {
    const original = stored.find((candidate) => candidate.properties.name === feature.properties.name);
    if (!original) throw new Error(`${String(feature.properties.name)} is not in the project`);
    expect(haversineM(original.coordinates[0], original.coordinates[1], feature.geometry.coordinates[0], feature.geometry.coordinates[1])).toBeLessThan(0.01);
  }

  // A CSV for AutoNavi tools: the positions shifted to GCJ-02.
  await page.getByTestId('export-format').selectOption('csv');
  await crs.selectOption('gcj02');
  const csv = readFileSync(await exportDownload(page, workDir), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = header.split(',');
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    const cells = line.split(',');
    const name = cells[columns.indexOf('name')];
    const original = stored.find((candidate) => candidate.properties.name === name);
    if (!original) throw new Error(`${name} is not in the project`);
    const [gcjLon, gcjLat] = wgs84ToGcj02(original.coordinates[0], original.coordinates[1]);
    expect(Number(cells[columns.indexOf('lon')])).toBeCloseTo(gcjLon, 6);
    expect(Number(cells[columns.indexOf('lat')])).toBeCloseTo(gcjLat, 6);
  }
});

test('a CSV download has the UTF-8 byte-order mark and shows formula-like names as text', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  // made-up facilities at Wuhan coordinates; the first name is a spreadsheet formula
  const source = join(workDir, 'formula_names.csv');
  writeFileSync(source, ['name,lon,lat,kind,illustrative,floor_level', '"=HYPERLINK(""http://x"",""y"")",114.2650,30.5870,day_care,1,-1', '测试日间照料中心 B,114.2950,30.5720,day_care,1,2', ''].join('\n'));
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('facilities');
  await page.getByTestId('import-file-input').setInputFiles(source);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '2');

  await page.getByTestId('export-section').locator('summary').click();
  await page.getByTestId('export-layer').selectOption('facilities');
  await page.getByTestId('export-format').selectOption('csv');
  const bytes = readFileSync(await exportDownload(page, workDir));
  // like `siting export`: Excel needs the BOM to read the Chinese name as UTF-8
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  const columns = lines[0].split(',');
  expect(columns.slice(0, 5)).toEqual(['fid', 'lon', 'lat', 'id', 'name']);
  expect(lines[1]).toMatch(/^\d+,114\.265,30\.587,[^,]*,"'=HYPERLINK\(""http:\/\/x"",""y""\)",day_care,/);
  expect(lines[1].split(',')[columns.indexOf('floor_level') + 1]).toBe('-1'); // +1: the name holds one comma
  expect(lines[2]).toContain(',测试日间照料中心 B,day_care,');
});

test('export the proposals of one scenario', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await createScenario(page, '导出测试方案');
  await page.getByTestId('proposal-place').click();
  const at = await mapPixel(page, 114.2745, 30.6165);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');

  await openTab(page, 'data');
  await page.getByTestId('export-section').locator('summary').click();
  await page.getByTestId('export-layer').selectOption('proposals');
  const scenario = page.getByTestId('export-scenario');
  await expect(scenario.locator('option:checked')).toHaveText('导出测试方案');
  await page.getByTestId('export-format').selectOption('geojson');
  const exported = JSON.parse(readFileSync(await exportDownload(page, workDir), 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
  expect(exported.features).toHaveLength(1);
  expect(exported.features[0].properties.name).toBe('Proposal 1');

  // The baseline scenario has no proposals.
  await scenario.selectOption({ index: 0 });
  await expect(scenario.locator('option:checked')).not.toHaveText('导出测试方案');
  await exportDownload(page, workDir);
  await expect(page.getByTestId('export-result')).toContainText('0 features exported as proposals.geojson');
});
