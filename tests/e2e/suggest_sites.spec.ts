/**
 * "Suggest sites" on the Wuhan sample with the four illustrative test facilities: maximal coverage of
 * older people with 3 new sites within 1000 m, grid candidates every 250 m. The optimiser runs in the
 * browser worker (HiGHS WebAssembly for the LP bound) and must give what `siting optimize` gives on
 * the same project file. Saving the sites as a scenario makes the coverage figures count them.
 */
import { expect, parseCount, readMeasures, test, waitForCoverage, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { importTestFacilities } from './test_facilities';

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
  // An optimisation with the exact LP bound takes ~30 s in Node and in the worker.
  test.setTimeout(360_000);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
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
