/**
 * A shapefile as planning offices send it: CGCS2000 3° Gauss–Krüger (EPSG:4547), GBK attributes, and
 * uploaded as its separate .shp/.shx/.dbf/.prj/.cpg files. Written by GDAL in the test; the dialog
 * detects the CRS from the .prj and the encoding from the .cpg, and the imported points land within
 * 0.01 m of the WGS84 originals (read back from the project file with the CLI).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, haversineM, openImportPreview } from './import_helpers';

/** Test fixtures, not real facilities: made-up centres at Wuhan coordinates inside the sample extent. */
const FACILITIES = [
  { name: '测试日间照料中心甲', kind: 'day_care', beds: 20, lon: 114.265, lat: 30.587 },
  { name: '测试社区养老服务站乙', kind: 'community_station', beds: 8, lon: 114.295, lat: 30.572 },
  { name: '测试日间照料中心丙', kind: 'day_care', beds: 15, lon: 114.312, lat: 30.548 },
  { name: '测试日间照料中心丁', kind: 'day_care', beds: 12, lon: 114.238, lat: 30.605 },
];

function hasGdal(): boolean {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('a shapefile uploaded as several files imports with its CRS detected and exact positions', async ({ page, server, workDir }) => {
  // Skipped where GDAL is not installed (CI installs gdal-bin): ogr2ogr writes the test shapefile.
  test.skip(!hasGdal(), 'needs ogr2ogr (apt-get install gdal-bin) to write the test shapefile');
  const source = join(workDir, 'facilities_wgs84.geojson');
  writeFileSync(
    source,
    JSON.stringify({
      type: 'FeatureCollection',
      features: FACILITIES.map(({ lon, lat, ...properties }) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } })),
    }),
  );
  const folder = join(workDir, 'shape');
  mkdirSync(folder);
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4547', '-lco', 'ENCODING=GBK', join(folder, '养老设施.shp'), source]);
  const parts = readdirSync(folder).sort();
  expect(parts.map((name) => name.slice(name.lastIndexOf('.')))).toEqual(['.cpg', '.dbf', '.prj', '.shp', '.shx']);

  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openImportPreview(
    page,
    'facilities',
    parts.map((name) => join(folder, name)),
  );
  const summary = page.getByTestId('import-preview-summary');
  await expect(summary).toHaveAttribute('data-format', 'shapefile');
  await expect(summary).toHaveAttribute('data-crs', 'EPSG:4547');
  await expect(summary).toHaveAttribute('data-encoding', 'gbk');
  await expect(summary).toHaveAttribute('data-rows', String(FACILITIES.length));
  await expect(summary).toContainText('Point 4');
  await expect(page.getByTestId('import-crs').locator('option:checked')).toHaveText('As the file declares: EPSG:4547');
  await expect(page.getByTestId('import-preview-rows').locator('tbody tr').first()).toContainText(FACILITIES[0].name);
  await expect(page.getByTestId('import-preview-rows').locator('th[data-column="beds"]')).toHaveAttribute('data-field', 'beds');
  await page.screenshot({ path: 'docs/screenshots/import_preview_shapefile_en.png' });

  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(FACILITIES.length));
  await expect(page.getByTestId('import-detected')).toHaveAttribute('data-crs', 'EPSG:4547');
  await expect(page.getByTestId('import-report')).toContainText('养老设施.{cpg, dbf, prj, shp, shx}');

  const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
  expect(stored).toHaveLength(FACILITIES.length);
  for (const facility of FACILITIES) {
    const feature = stored.find((candidate) => candidate.properties.name === facility.name);
    if (!feature) throw new Error(`${facility.name} was not imported`);
    expect(feature.properties.beds).toBe(facility.beds);
    expect(feature.properties.kind).toBe(facility.kind);
    expect(haversineM(facility.lon, facility.lat, feature.coordinates[0], feature.coordinates[1])).toBeLessThan(0.01);
  }
});
