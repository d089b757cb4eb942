/**
 * The Wuhan sample opens on the map with its legend, attributions and the coverage figures of a
 * project without facilities (nothing covered, all older people in the gap).
 */
import { cliAnalyze, expect, parseCount, readMeasures, test, waitForCoverage, waitForMap } from './fixtures';
import { openTab } from './tabs';

test('map shows the Wuhan sample with legend and coverage figures', async ({ page, server }) => {
  const started = Date.now();
  await page.goto(server.url);
  // The session token is taken from the address and removed from the address bar.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('app-title')).toHaveText('Siting Planner');
  await waitForMap(page);

  const mapReadyMs = Date.now() - started;
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-population-cells', '24470');
  // Timings of the real sample (24 470 cells), printed, never asserted.
  const measures = await readMeasures(page);
  console.log(`Wuhan sample, 24 470 population cells: page open → map drawn ${mapReadyMs} ms`);
  for (const { name, ms } of measures) console.log(`  ${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms`);
  expect(measures.map((entry) => entry.name)).toContain('siting:population-render');
  await expect(map).toHaveAttribute('data-facilities', '0');

  const legend = page.getByTestId('legend');
  await expect(legend).toBeVisible();
  const classes = page.getByTestId('legend-classes').locator('li');
  // Five quantile classes (+ the "quantile classes" caption).
  await expect(classes).toHaveCount(6);
  await expect(classes.first()).toContainText('–');

  await expect(page.locator('.maplibregl-ctrl-scale')).toBeVisible();
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('WorldPop');
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');

  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-elderly-covered')).toHaveText('0');
  const totalText = await page.getByTestId('coverage-elderly-total').innerText();
  const total = parseCount(totalText);
  expect(Math.abs(total - 518_264)).toBeLessThanOrEqual(1);
  // Formatted with grouping in the active (English) locale.
  expect(totalText).toContain(new Intl.NumberFormat('en').format(total));
  await expect(page.getByTestId('coverage-ratio')).toHaveText('0.0%');
  expect(parseCount(await page.getByTestId('coverage-elderly-uncovered').innerText())).toBe(total);
  await expect(page.getByTestId('coverage-facilities')).toHaveText('0');

  // The figures are the CLI's for the same project file.
  const cli = await cliAnalyze(server.projectPath);
  expect(Math.round(cli.elderly.total)).toBe(total);
  expect(cli.elderly.covered).toBe(0);

  await page.screenshot({ path: 'docs/screenshots/main-map-en.png' });
});
