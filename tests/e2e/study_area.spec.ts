/**
 * A study area chosen in the Analyse panel (zh, then en): the ILLUSTRATIVE district of
 * tests/helpers/study_area_units.ts over the Wuhan sample with the four illustrative test facilities.
 * The choice is stored in the project (`siting analyze` without flags then counts the same cells), the
 * coverage figures, the analysis and the suggested sites are the study area's and say so, the sites
 * lie inside it and get readable names; the default scenario name is Chinese in the zh UI.
 * Screenshots: <tmpdir>/siting-shots/plan/ (looked at when the test was written).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as turf from '@turf/turf';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { importTestFacilities } from './test_facilities';
import { ILLUSTRATIVE_UNITS, illustrativeUnitsGeoJson } from '../helpers/study_area_units';
import { openTab } from './tabs';

/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'plan');

interface CliAnalysis {
  studyArea: { ids: string[]; cellsInside: number; elderly: number } | null;
  thresholds: Array<{ elderly: { covered: number; total: number }; cells: { covered: number; total: number } }>;
}

interface CliOptimize {
  selected: string[];
  objective: number;
  studyArea: { ids: string[]; cellsInside: number } | null;
  sites: Array<{ lon: number; lat: number }>;
}

test('choosing a study area limits coverage, analysis and suggestions to it, in zh and en', async ({ page, server, workDir }) => {
  test.setTimeout(480_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await page.getByTestId('language-select').selectOption('zh');
  await importTestFacilities(page, workDir);
  const units = join(workDir, 'units.geojson');
  writeFileSync(units, illustrativeUnitsGeoJson(), 'utf8');
  await page.getByTestId('import-layer').selectOption('boundaries');
  await page.getByTestId('import-file-input').setInputFiles(units);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');

  // The chooser: whole project first, then the district.
  await openTab(page, 'analyse');
  const chooser = page.getByTestId('study-area-select');
  await expect(chooser).toHaveValue('');
  await expect(chooser.locator('option').first()).toHaveText('整个项目');
  await chooser.selectOption('test-district');
  await expect(page.getByTestId('study-area')).toHaveAttribute('data-area-ids', 'test-district');

  // Stored in the project: the CLI without flags counts the same cells.
  const cli = await sitingJson<CliAnalysis>(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station']);
  expect(cli.studyArea?.ids).toEqual(['test-district']);
  const district = turf.feature(ILLUSTRATIVE_UNITS[0].geometry);
  expect(cli.studyArea!.cellsInside).toBeGreaterThan(500);

  // The coverage panel says it counts the study area only.
  await waitForCoverage(page);
  await expect(page.getByTestId('coverage-study-area')).toHaveAttribute('data-cells', String(cli.studyArea!.cellsInside));
  await expect(page.getByTestId('coverage-study-area')).toContainText('示意区 (illustrative)范围内');

  // The analysis: the same figures as the CLI, within the study area.
  await page.getByTestId('access-run').click();
  await expect(page.getByTestId('access-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('access-study-area')).toHaveAttribute('data-cells', String(cli.studyArea!.cellsInside));
  const rows = page.getByTestId('access-threshold-row');
  await expect(rows).toHaveCount(3);
  for (let t = 0; t < 3; t++) {
    expect(Number(await rows.nth(t).getAttribute('data-covered'))).toBeCloseTo(cli.thresholds[t].elderly.covered, 6);
    expect(Number(await rows.nth(t).getAttribute('data-cells'))).toBe(cli.thresholds[t].cells.covered);
  }
  await scrollPanelTo(page, 'study-area');
  await page.screenshot({ path: `${SHOTS}/study-area-analysis-zh.png` });

  // Suggested sites within the study area: as the CLI finds them, inside, with readable names.
  const cliRun = sitingJson<CliOptimize>(['optimize', server.projectPath, '--problem', 'max-coverage', '--sites', '2', '--radius-m', '1000', '--candidates', 'grid', '--grid-m', '500']);
  await expect(page.getByTestId('suggest-candidates-outside')).not.toBeChecked();
  await page.getByTestId('suggest-k').fill('2');
  await page.getByTestId('suggest-radius').fill('1000');
  await page.getByTestId('suggest-grid').fill('500');
  await page.getByTestId('suggest-run').click();
  const result = page.getByTestId('suggest-result');
  await expect(result).toBeVisible({ timeout: 300_000 });
  const cliSites = await cliRun;
  expect(cliSites.studyArea?.ids).toEqual(['test-district']);
  const sites = page.getByTestId('suggest-site');
  await expect(sites).toHaveCount(2);
  expect(await sites.evaluateAll((list) => list.map((row) => row.getAttribute('data-id')))).toEqual(cliSites.selected);
  expect(Number(await result.getAttribute('data-objective'))).toBeCloseTo(cliSites.objective, 6);
  for (const site of cliSites.sites) expect(turf.booleanPointInPolygon([site.lon, site.lat], district)).toBe(true);
  await expect(page.getByTestId('suggest-study-area')).toBeVisible();
  await expect(sites.first()).toContainText(/(示意区|示意北街道) \(illustrative\) 建议点 1/);
  await expect(page.getByTestId('suggest-scenario-name')).toHaveValue(/^最大覆盖 2 处 · \d{1,2}月\d{1,2}日 \d\d:\d\d$/);
  await scrollPanelTo(page, 'suggest-result');
  await page.screenshot({ path: `${SHOTS}/study-area-suggest-zh.png` });

  // English: the same choice, in English words.
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('study-area-select').locator('option').first()).toHaveText('Whole project');
  await expect(page.getByTestId('suggest-study-area')).toContainText('Within 示意区 (illustrative)');
  await expect(sites.first()).toContainText(/(示意区|示意北街道) \(illustrative\) suggested site 1/);
  await expect(page.getByTestId('suggest-scenario-name')).toHaveValue(/^Max coverage, 2 sites · [A-Z][a-z]{2} \d{1,2} \d\d:\d\d$/);
  await scrollPanelTo(page, 'suggest-result');
  await page.screenshot({ path: `${SHOTS}/study-area-suggest-en.png` });
  await scrollPanelTo(page, 'study-area');
  await page.screenshot({ path: `${SHOTS}/study-area-analysis-en.png` });

  // Back to the whole project: the coverage counts every cell again.
  await page.getByTestId('study-area-select').selectOption('');
  await expect(page.getByTestId('study-area')).toHaveAttribute('data-area-ids', '');
  await waitForCoverage(page);
  await expect(page.getByTestId('coverage-study-area')).toHaveCount(0);

  // Layer candidates: basements are left out by default, and the panel says how many and why.
  const candidates = join(workDir, 'candidates.csv');
  // ILLUSTRATIVE candidate sites (made up, not real buildings).
  writeFileSync(
    candidates,
    ['id,name,lon,lat,floor_area_m2,floor_level', 'g,test ground (illustrative),114.24,30.56,400,1', 'b,test basement (illustrative),114.28,30.59,500,-1', 'u,test upper (illustrative),114.23,30.595,350,2', ''].join('\n'),
    'utf8',
  );
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('candidates');
  await page.getByTestId('import-file-input').setInputFiles(candidates);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '3');
  await openTab(page, 'analyse');
  await page.getByTestId('suggest-candidates-layer').check();
  await page.getByTestId('suggest-max-level').fill('2');
  await page.getByTestId('suggest-min-floor').fill('');
  await expect(page.getByTestId('suggest-exclude-basements')).toBeChecked();
  await page.getByTestId('suggest-k').fill('1');
  await page.getByTestId('suggest-run').click();
  const excluded = page.getByTestId('suggest-excluded-reason');
  await expect(excluded).toHaveCount(1, { timeout: 120_000 });
  await expect(excluded).toHaveAttribute('data-reason', 'floor-level-low');
  await expect(excluded).toHaveAttribute('data-count', '1');
  await expect(excluded).toContainText('basement');
  expect(await page.getByTestId('suggest-site').getAttribute('data-id')).not.toBe('b');
  await scrollPanelTo(page, 'suggest-form');
  await page.screenshot({ path: `${SHOTS}/basement-rule-en.png` });
  await page.getByTestId('language-select').selectOption('zh');
  await expect(excluded).toContainText('地下室');
  await scrollPanelTo(page, 'suggest-result');
  await page.screenshot({ path: `${SHOTS}/basement-rule-zh.png` });
});
