/**
 * A planner's first day, in Chinese (issue 15): a new empty project → the population grid (the
 * shipped Wuhan WorldPop-derived sample) → an AutoNavi-style facility export with Chinese kinds and
 * GCJ-02 coordinates (tests/data/autonavi_poi: the sample's points shifted with the app's own
 * conversion, kinds and names illustrative) mapped in the preview → boundaries (ILLUSTRATIVE units of
 * tests/helpers/study_area_units.ts) → the analysis within a study area → suggested sites saved as
 * a scenario's proposals → a printed map exported as PDF. Each step is checked against the CLI on the
 * same project file, and screenshotted to <tmpdir>/siting-shots/firstday/ (looked at when the test was written).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import * as turf from '@turf/turf';
import type { Page } from '@playwright/test';
import { expect, node22, repoRoot, startServer, test, waitForCoverage, waitForMap } from './fixtures';
import { sitingJson } from './analysis_helpers';
import { cliExportLayer, haversineM, openImportPreview, waitForCurrentPreview } from './import_helpers';
import { openTab } from './tabs';
import { SAMPLE_DIR } from '../helpers/paths';
import { testData } from '../helpers/test_data';
import { ILLUSTRATIVE_UNITS, illustrativeUnitsGeoJson } from '../helpers/study_area_units';

/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'firstday');
const run = promisify(execFile);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The sample's facility points (WGS84) by name number, to check the GCJ-02 rows came back to them. */
function sampleFacilityPoints(): Array<[number, number]> {
  const [header, ...rows] = readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const lon = columns.indexOf('lon');
  const lat = columns.indexOf('lat');
  return rows.map((row) => {
    const cells = row.split(',');
    return [Number(cells[lon]), Number(cells[lat])];
  });
}

interface CliAnalysis {
  studyArea: { ids: string[]; cellsInside: number; elderly: number } | null;
  elderly: { total: number; covered: number };
}

test('first day in zh: new project, AutoNavi facilities, study area, suggestion as proposals, PDF map', async ({ page, workDir }) => {
  test.setTimeout(600_000);
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer(join(workDir, 'unused.gpkg'), { openProject: false });
  const projectPath = join(workDir, 'config', 'projects', 'first-day.gpkg');
  try {
    await page.goto(server.url);
    await page.getByTestId('language-select').selectOption('zh');

    // 1. A new project without the sample.
    await page.getByTestId('project-with-sample').uncheck();
    await page.getByTestId('project-path-input').fill('first-day.gpkg');
    await page.getByTestId('project-submit').click();
    await expect(page.getByTestId('project-path')).toHaveText(projectPath);
    await waitForMap(page);
    const card = page.getByTestId('getting-started');
    await expect(card).toBeVisible();
    await expect(page.getByTestId('start-step-population')).toHaveAttribute('data-done', 'false');
    await expect(page.getByTestId('map')).toHaveAttribute('data-population-cells', '0');
    await shot(page, '1-new-project-zh');

    // 2. One click from the card to the import; the population grid.
    await page.getByTestId('start-action-population').click();
    await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');
    await openImportPreview(page, 'population', [join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv')]);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok', { timeout: 120_000 });
    await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '24470');
    await expect(page.getByTestId('start-step-population')).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('start-step-facilities')).toHaveAttribute('data-done', 'false');
    await waitForMap(page);
    await expect(page.getByTestId('map')).toHaveAttribute('data-population-cells', '24470');
    await shot(page, '2-population-zh');

    // 3. The AutoNavi export: GCJ-02 recognised from its columns and source, with the reason said in
    // Chinese; office kinds mapped by the built-in synonyms; the one unknown value set to "other".
    const poi = testData('autonavi_poi/wuhan_core_autonavi_poi.csv');
    await openImportPreview(page, 'facilities', [poi]);
    await expect(page.getByTestId('import-crs-hint-applied')).toHaveAttribute('data-crs', 'GCJ02');
    // Why: said in Chinese (the AutoNavi columns named), no English sentence.
    await expect(page.getByTestId('import-crs-hint-applied')).toContainText('高德');
    await expect(page.getByTestId('import-crs-reason-0')).toContainText('高德 POI 导出');
    await expect(page.getByTestId('import-crs-reason-0')).not.toContainText(/\b(the|cannot|likely|AutoNavi)\b/);
    const rows = page.getByTestId('import-kind-row');
    const poiRows = readFileSync(poi, 'utf8').trim().split(/\r?\n/).length - 1;
    const counted = (await rows.evaluateAll((list) => list.map((row) => Number(row.getAttribute('data-count'))))).reduce((a, b) => a + b, 0);
    expect(counted).toBe(poiRows);
    await expect(page.locator('[data-testid="import-kind-row"][data-value="社区养老服务中心"]')).toHaveAttribute('data-kind', 'community_station');
    await expect(page.getByTestId('import-kind-unmapped')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('import-submit')).toBeDisabled();
    await page.getByTestId('import-kind-mapping').scrollIntoViewIfNeeded();
    await shot(page, '3-facilities-mapping-zh');
    await page.getByTestId('import-kind-unmapped-other').click();
    await expect(page.getByTestId('import-kind-unmapped')).toHaveCount(0);
    await waitForCurrentPreview(page);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(poiRows), { timeout: 60_000 });
    // Stored in WGS84: each of the sample's facility points is back within 0.2 m (exact GCJ-02 inverse).
    const stored = await cliExportLayer(projectPath, workDir, 'facilities');
    expect(stored).toHaveLength(poiRows);
    for (const [lon, lat] of sampleFacilityPoints()) {
      const nearest = Math.min(...stored.map((feature) => haversineM(lon, lat, feature.coordinates[0], feature.coordinates[1])));
      expect(nearest).toBeLessThan(0.2);
    }
    await page.getByTestId('import-report').scrollIntoViewIfNeeded();
    await shot(page, '4-facilities-imported-zh');

    // 4. Boundaries (illustrative units); the card is gone once population and facilities are in.
    const units = join(workDir, 'units.geojson');
    writeFileSync(units, illustrativeUnitsGeoJson(), 'utf8');
    await page.getByTestId('import-layer').selectOption('boundaries');
    await page.getByTestId('import-file-input').setInputFiles(units);
    await waitForCurrentPreview(page);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(ILLUSTRATIVE_UNITS.length));
    await expect(card).toHaveCount(0);

    // 5. Analyse within the study area: the figures are the CLI's on the same file (which now
    // uses the stored study area by itself); the map draws its outline and dims the rest.
    await openTab(page, 'analyse');
    await page.getByTestId('study-area-select').selectOption('test-district');
    await expect(page.getByTestId('study-area')).toHaveAttribute('data-area-ids', 'test-district');
    await waitForCoverage(page);
    const cli = await sitingJson<CliAnalysis>(['analyze', projectPath, '--radius-m', '1000', '--kinds', 'day_care,community_station']);
    expect(cli.studyArea?.ids).toEqual(['test-district']);
    await expect(page.getByTestId('coverage-study-area')).toHaveAttribute('data-cells', String(cli.studyArea!.cellsInside));
    await expect(page.getByTestId('coverage-study-area')).toContainText('范围内');
    await expect(page.getByTestId('map')).toHaveAttribute('data-study-area', '1');
    await expect(page.getByTestId('legend-entry-studyArea')).toBeVisible();
    await waitForMap(page);
    await shot(page, '5-study-area-zh');

    // 6. Suggested sites inside the study area, saved as a scenario's proposals with readable names.
    await page.getByTestId('suggest-k').fill('2');
    await page.getByTestId('suggest-radius').fill('1000');
    await page.getByTestId('suggest-grid').fill('500');
    await page.getByTestId('suggest-run').click();
    await expect(page.getByTestId('suggest-result')).toBeVisible({ timeout: 300_000 });
    const sites = page.getByTestId('suggest-site');
    await expect(sites).toHaveCount(2);
    await expect(sites.first()).toContainText('建议点 1');
    const district = turf.feature(ILLUSTRATIVE_UNITS[0].geometry);
    await expect(page.getByTestId('suggest-scenario-name')).toHaveValue(/^最大覆盖 2 处 · /);
    const scenarioName = await page.getByTestId('suggest-scenario-name').inputValue();
    await page.getByTestId('suggest-save').click();
    await expect(page.getByTestId('suggest-saved')).toContainText(scenarioName);
    await page.getByTestId('suggest-result').scrollIntoViewIfNeeded();
    await shot(page, '6-suggested-zh');
    await run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), 'export', projectPath, '--layer', 'proposals', '--scenario', scenarioName, '--out', join(workDir, 'proposals.geojson')], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    const proposals = JSON.parse(readFileSync(join(workDir, 'proposals.geojson'), 'utf8')) as { features: Array<{ geometry: { coordinates: [number, number] }; properties: { name: string } }> };
    expect(proposals.features).toHaveLength(2);
    for (const feature of proposals.features) {
      expect(turf.booleanPointInPolygon(feature.geometry.coordinates, district)).toBe(true);
      expect(feature.properties.name).toMatch(/建议点 \d/);
    }

    // 7. The scenario in Plan, with its two proposals.
    await openTab(page, 'plan');
    await page.getByTestId('scenario-select').selectOption({ label: scenarioName });
    await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('proposal-list')).toContainText('建议点 1');
    await shot(page, '7-plan-zh');

    // 8. A printed map of the scenario, exported as PDF (a download in the browser host).
    await openTab(page, 'map');
    const section = page.getByTestId('print-section');
    await section.locator('summary').click();
    await page.getByTestId('print-title').fill('示意区养老设施规划（示意）');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('print-export-pdf').click();
    const download = await downloading;
    const pdf = join(SHOTS, 'first-day-map.pdf');
    await download.saveAs(pdf);
    await expect(page.getByTestId('print-exported')).toContainText('已下载');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await shot(page, '8-map-export-zh');
  } finally {
    await server.stop();
  }
});
