/**
 * "Suggest sites" on the Wuhan sample with the four illustrative test facilities: maximal coverage of
 * older people with 3 new sites within 1000 m, grid candidates every 250 m. The optimiser runs in the
 * browser worker (HiGHS WebAssembly for the LP bound) and must give what `siting optimize` gives on
 * the same project file. Saving the sites as a scenario makes the coverage figures count them.
 * Second test: the capacitated option with an excluded boundary against the CLI, then Cancel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, parseCount, readMeasures, test, waitForCoverage, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { importTestFacilities } from './test_facilities';
import { openTab } from './tabs';

interface CliOptimize {
  objective: number;
  bound: number;
  exact: boolean;
  selected: string[];
  marginalGains: number[];
  candidates: { eligible: number; considered: number };
  totalSeconds: number;
}

interface CliAnalysis {
  facilities: number;
  elderly: { covered: number };
  scenario: string | null;
}

test('max-coverage k=3 gives the CLI optimum, and saving it as a scenario counts the sites', async ({ page, server, workDir }) => {
  test.setTimeout(360_000);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  const coveredBefore = parseCount(await page.getByTestId('coverage-elderly-covered').innerText());

  const cliRun = sitingJson<CliOptimize>(['optimize', server.projectPath, '--problem', 'max-coverage', '--sites', '3', '--radius-m', '1000', '--candidates', 'grid']);
  await expect(page.getByTestId('suggest-problem')).toHaveValue('max-coverage');
  await page.getByTestId('suggest-k').fill('3');
  await page.getByTestId('suggest-radius').fill('1000');
  await expect(page.getByTestId('suggest-candidates-grid')).toBeChecked();
  await expect(page.getByTestId('suggest-grid')).toHaveValue('250');
  await expect(page.getByTestId('suggest-method')).toHaveValue('auto');
  await page.getByTestId('suggest-run').click();
  await expect(page.getByTestId('suggest-progress')).toBeVisible();
  const result = page.getByTestId('suggest-result');
  await expect(result).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('suggest-panel')).toHaveAttribute('data-phase', 'idle');
  const cli = await cliRun;

  const sites = page.getByTestId('suggest-site');
  await expect(sites).toHaveCount(3);
  expect(Number(await result.getAttribute('data-objective'))).toBeCloseTo(cli.objective, 6);
  expect(await sites.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')))).toEqual(cli.selected);
  const gains = await sites.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-gain'))));
  gains.forEach((gain, i) => expect(gain).toBeCloseTo(cli.marginalGains[i], 6));
  expect(parseCount(await page.getByTestId('suggest-objective').innerText())).toBe(Math.round(cli.objective));
  await expect(page.getByTestId('suggest-exact')).toHaveText(cli.exact ? 'yes' : 'no');
  await expect(page.getByTestId('suggest-candidates')).toContainText(new Intl.NumberFormat('en').format(cli.candidates.eligible));
  await expect(page.getByTestId('map')).toHaveAttribute('data-sites', '3');
  const measures = await readMeasures(page);
  const run = measures.find((entry) => entry.name === 'siting:suggest-run');
  console.log(
    `max-coverage k=3, 24 470 demand cells × ${cli.candidates.eligible} grid candidates: worker ${run?.ms ?? '?'} ms, CLI ${Math.round(cli.totalSeconds * 1000)} ms`,
  );
  await waitForMap(page);
  await scrollPanelTo(page, 'suggest-result');
  await page.screenshot({ path: 'docs/screenshots/suggest-sites-en.png' });

  // Save as a scenario: the workspace switches to it, the coverage counts the three new sites.
  const name = 'Suggested sites e2e';
  await page.getByTestId('suggest-scenario-name').fill(name);
  await page.getByTestId('suggest-save').click();
  await expect(page.getByTestId('suggest-saved')).toContainText(name);
  const rows = page.getByTestId('access-threshold-row');
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('access-panel')).toHaveAttribute('data-phase', 'idle');
  expect(Number(await rows.first().getAttribute('data-covered'))).toBeCloseTo(cli.objective, 6);
  await expect(page.getByTestId('access-result-for')).toContainText('7 facilities');

  const analysed = await sitingJson<CliAnalysis>(['analyze', server.projectPath, '--radius-m', '1000', '--kinds', 'day_care,community_station', '--scenario', name]);
  expect(analysed.facilities).toBe(7);
  expect(analysed.elderly.covered).toBeCloseTo(cli.objective, 6);
  // The coverage panel follows the workspace's scenario (now the saved one).
  await expect(page.getByTestId('coverage-facilities')).toHaveText('7', { timeout: 30_000 });
  await waitForCoverage(page);
  const coveredAfter = parseCount(await page.getByTestId('coverage-elderly-covered').innerText());
  expect(coveredAfter).toBe(Math.round(analysed.elderly.covered));
  expect(coveredAfter).toBeGreaterThan(coveredBefore);
});

/** Test fixture, not a real area: a made-up exclusion zone over the densest cells of the sample. */
const ZONE_NAME = '测试排除区 (test)';
const ZONE: [number, number][] = [
  [114.245, 30.615],
  [114.275, 30.615],
  [114.275, 30.64],
  [114.245, 30.64],
  [114.245, 30.615],
];

function insideZone(lon: number, lat: number): boolean {
  return lon >= ZONE[0][0] && lon <= ZONE[1][0] && lat >= ZONE[0][1] && lat <= ZONE[2][1];
}

test('capacitated suggestion with an excluded boundary gives the CLI optimum, and Cancel stops a later run', async ({ page, server, workDir }) => {
  test.setTimeout(360_000);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await importTestFacilities(page, workDir);
  const zonePath = join(workDir, 'exclusion_zone.geojson');
  writeFileSync(
    zonePath,
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: ZONE_NAME, level: 'community' }, geometry: { type: 'Polygon', coordinates: [ZONE] } }] }),
  );
  await page.getByTestId('import-layer').selectOption('boundaries');
  await page.getByTestId('import-file-input').setInputFiles(zonePath);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');

  const args = ['optimize', server.projectPath, '--problem', 'max-coverage', '--sites', '3', '--radius-m', '1000', '--candidates', 'grid', '--capacitated', '--site-capacity', '1000', '--uptake', '0.03'];
  const cliRun = sitingJson<CliOptimize & { sites: { lon: number; lat: number }[] }>([...args, '--exclude', `boundary:${ZONE_NAME}`]);
  const cliFree = sitingJson<CliOptimize & { sites: { lon: number; lat: number }[] }>(args);
  await openTab(page, 'analyse');
  await page.getByTestId('suggest-k').fill('3');
  await page.getByTestId('suggest-radius').fill('1000');
  await page.getByTestId('suggest-capacitated').check();
  await page.getByTestId('suggest-site-capacity').fill('1000');
  await page.getByTestId('suggest-uptake').fill('3');
  const zone = page.getByLabel(`${ZONE_NAME} (Community)`);
  await expect(page.getByTestId('suggest-exclude')).toHaveCount(2); // the sample's city and the test zone
  await zone.check();
  await scrollPanelTo(page, 'suggest-capacity');
  await page.screenshot({ path: 'docs/screenshots/suggest-sites-capacitated-en.png' });
  await page.getByTestId('suggest-run').click();
  const result = page.getByTestId('suggest-result');
  await expect(result).toBeVisible({ timeout: 300_000 });
  const [cli, free] = [await cliRun, await cliFree];

  // The zone binds: without it the CLI puts a site inside; with it neither the CLI nor the panel does.
  expect(free.sites.some((site) => insideZone(site.lon, site.lat))).toBe(true);
  expect(cli.sites.some((site) => insideZone(site.lon, site.lat))).toBe(false);
  const sites = page.getByTestId('suggest-site');
  await expect(sites).toHaveCount(3);
  expect(await sites.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')))).toEqual(cli.selected);
  const objective = Number(await result.getAttribute('data-objective'));
  expect(objective).toBeCloseTo(cli.objective, 6);
  expect(objective).toBeLessThan(free.objective);
  expect(parseCount(await page.getByTestId('suggest-objective').innerText())).toBe(Math.round(cli.objective));
  await expect(result).toContainText('day places taken up');

  // Cancel: a long run (p-median, 10 sites) stopped while the worker computes; the earlier result stays.
  const panel = page.getByTestId('suggest-panel');
  await page.getByTestId('suggest-problem').selectOption('p-median');
  await page.getByTestId('suggest-k').fill('10');
  await page.getByTestId('suggest-run').click();
  await expect(panel).toHaveAttribute('data-phase', 'computing', { timeout: 60_000 });
  await expect(page.getByTestId('suggest-progress-label')).toContainText('%');
  await page.getByTestId('suggest-progress-cancel').click();
  await expect(panel).toHaveAttribute('data-phase', 'idle');
  await expect(page.getByTestId('suggest-progress')).toHaveCount(0);
  await expect(page.getByTestId('suggest-error')).toHaveCount(0);
  await expect(result).toHaveAttribute('data-objective', String(objective));
  await expect(page.getByTestId('suggest-run')).toBeEnabled();
  await expect(page.getByTestId('map')).toHaveAttribute('data-sites', '3');
});
