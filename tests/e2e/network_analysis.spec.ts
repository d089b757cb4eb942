/**
 * Walking-network analysis in the browser worker on the real Gothenburg OSM network (20 227 ways)
 * with a made-up 250 m demand grid and 30 made-up day-care centres plus one without a recorded
 * capacity (test fixtures: there is no population raster for Gothenburg). The figures equal `siting
 * analyze --mode network` on the same project file — per threshold, everyone's walking time up to
 * the statistics horizon, the not-covered split, facilities off the network, capacity per facility —
 * for walking times and for network distances with another steps factor; a second run reuses the
 * worker's prepared network; cells are coloured by walking time (or distance); the network site
 * suggestion equals `siting optimize --mode network`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, readMeasures, startServer, test, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { en, expectCapacity, expectEveryonesWalk, expectNetworkNotes, expectNotCovered, type CliNetwork } from './analysis_network_figures';
import { GOTHENBURG_PATH, gothenburgGrid, randomFacilities } from '../unit/engine_network/gothenburg_fixture';
import { openTab } from './tabs';

/** Display names of the project's facilities, by id (the warning lists names). */
const facilityNames = new Map<string, string>();

/** A Gothenburg project made with the CLI: roads, the fixture grid, the fixture facilities (one without capacity). */
async function makeProject(workDir: string): Promise<string> {
  const project = join(workDir, 'gothenburg.gpkg');
  const { grid } = gothenburgGrid(250, 7);
  const cells = ['cell_id,lon,lat,population,elderly'];
  for (let i = 0; i < grid.count; i++) cells.push(`${i},${grid.lon[i]},${grid.lat[i]},${grid.population[i]},${grid.elderly[i]}`);
  writeFileSync(join(workDir, 'cells.csv'), cells.join('\n'));
  const facilities: Array<{ id: string; name: string; lon: number; lat: number; capacity: number | null }> = [
    ...randomFacilities(30, 3, 'dc').map((f) => ({ ...f, name: `Test day care ${f.id}` })),
    { id: 'dc-nocap', name: 'Test day care without places', lon: 11.97, lat: 57.705, capacity: null },
  ];
  for (const f of facilities) facilityNames.set(f.id, f.name);
  const rows = facilities.map((f) => `${f.id},${f.name},day_care,${f.lon},${f.lat},${f.capacity ?? ''},1`);
  writeFileSync(join(workDir, 'facilities.csv'), ['id,name,kind,lon,lat,capacity,illustrative', ...rows].join('\n'));
  await sitingJson(['new', project]);
  await sitingJson(['import', project, 'roads', GOTHENBURG_PATH]);
  await sitingJson(['import', project, 'population', join(workDir, 'cells.csv')]);
  await sitingJson(['import', project, 'facilities', join(workDir, 'facilities.csv')]);
  return project;
}

async function thresholdRows(page: import('@playwright/test').Page) {
  await openTab(page, 'analyse');
  const rows = page.getByTestId('access-threshold-row');
  return rows.evaluateAll((elements) =>
    elements.map((row) => ({ covered: Number(row.getAttribute('data-covered')), cells: Number(row.getAttribute('data-cells')), cellsText: row.textContent ?? '' })),
  );
}

test('network analysis equals siting analyze --mode network and colours cells by walking time', async ({ page, workDir }) => {
  test.setTimeout(300_000);
  const project = await makeProject(workDir);
  const server = await startServer(project);
  try {
    await page.goto(server.url);
    await waitForMap(page);
    await openTab(page, 'analyse');
    await expect(page.getByTestId('access-network-disabled')).toHaveCount(0);
    // The radio is drawn as a segment: the planner clicks its label.
    await page.getByTestId('access-mode-network').locator('xpath=..').click();
    await expect(page.getByTestId('access-mode-network')).toBeChecked();
    await page.getByTestId('access-minutes').fill('15');
    await expect(page.getByTestId('access-speed')).toHaveValue('1');
    await page.getByTestId('access-run').click();
    await expect(page.getByTestId('access-result')).toHaveAttribute('data-mode', 'network', { timeout: 120_000 });

    const cli = await sitingJson<CliNetwork>(['analyze', project, '--mode', 'network', '--minutes', '15']);
    const rows = await thresholdRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0].covered).toBeCloseTo(cli.thresholds[0].elderly.covered, 6);
    expect(rows[0].cells).toBe(cli.thresholds[0].cells.covered);
    expect(cli.thresholds[0].cells.covered).toBeGreaterThan(0);
    const first = page.getByTestId('access-threshold-row').first();
    // Mean and 90th percentile of those covered (at most the threshold), labelled so.
    await expect(page.getByTestId('access-of-covered')).toHaveText('Of those covered');
    await expect(first.locator('td').nth(2)).toHaveText(en.minutes(cli.thresholds[0].meanMinutes.elderly!));
    await expect(first.locator('td').nth(3)).toHaveText(en.minutes(cli.thresholds[0].p90Minutes.elderly!));
    expect(cli.thresholds[0].p90Minutes.elderly!).toBeLessThanOrEqual(15);
    // Everyone's walk, searched up to 2 × 15 min: fewer than 90 % are reached, so "> 30 min".
    expect(cli.travelTime.horizonMinutes).toBe(30);
    expect(cli.travelTime.elderly.p90Minutes).toBeNull();
    await expectEveryonesWalk(page, cli);
    await expectNotCovered(page, cli);
    await expectNetworkNotes(page, cli, 300, facilityNames);
    await expect(page.getByTestId('access-network')).toContainText(new Intl.NumberFormat('en').format(cli.network.ways));

    // Life circles 5/10/15 min with capacity: the same per threshold; the network is reused.
    await page.getByTestId('access-minutes').fill('5, 10, 15');
    await page.getByTestId('access-capacity').check();
    await page.getByTestId('access-run').click();
    await expect(page.getByTestId('access-threshold-row')).toHaveCount(3, { timeout: 120_000 });
    await expect(page.getByTestId('access-panel')).toHaveAttribute('data-phase', 'idle');
    const cli3 = await sitingJson<CliNetwork>(['analyze', project, '--mode', 'network', '--minutes', '5,10,15', '--capacity']);
    const rows3 = await thresholdRows(page);
    rows3.forEach((row, t) => {
      expect(row.covered).toBeCloseTo(cli3.thresholds[t].elderly.covered, 6);
      expect(row.cells).toBe(cli3.thresholds[t].cells.covered);
    });
    expect(Number(await page.getByTestId('access-capacity-totals').getAttribute('data-served'))).toBeCloseTo(cli3.capacity!.totals.served, 6);
    expect(cli3.capacity!.totals.facilitiesWithoutCapacity).toBe(1);
    await expectCapacity(page, cli3);
    await expectEveryonesWalk(page, cli3);

    // Walking-time colours: an image over the grid, classes ≤ 5, 5–10, 10–15 min, beyond, off network.
    const map = page.getByTestId('map');
    await expect(map).toHaveAttribute('data-travel-time', 'image');
    await expect(map).toHaveAttribute('data-travel-time-cells', '2750');
    await expect(page.getByTestId('analysis-legend-travel-classes').locator('li')).toHaveCount(5);
    await expect(map).toHaveAttribute('data-service-areas', '3');

    const runs = (await readMeasures(page)).filter((entry) => entry.name === 'siting:accessibility-run').map((entry) => entry.ms);
    console.log(`Gothenburg network (20 227 ways), 2 750 cells, 31 facilities: first run (builds the network) ${runs[0]} ms, second run (reuses it) ${runs[1]} ms`);

    // For the picture: gaps off (the made-up grid scatters them), then street level around a facility.
    await page.getByTestId('analysis-legend-gaps').uncheck();
    await openTab(page, 'data');
    await page.getByTestId('facility-list').locator('summary').click();
    await page.getByTestId('facility-list').getByRole('button', { name: /Test day care dc24\b/ }).click();
    await page.locator('.maplibregl-popup-close-button').click();
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await waitForMap(page);
    await scrollPanelTo(page, 'access-result');
    await page.screenshot({ path: 'docs/screenshots/network-travel-time-en.png' });

    // 45 minutes with cells and facilities up to 2 km from a way, at a 50 % uptake: 90 % of older
    // people are reached within the horizon (a finite 90th percentile, longer than the threshold),
    // and places run short in some catchments.
    await openTab(page, 'analyse');
    await page.getByTestId('access-minutes').fill('45');
    await page.getByTestId('access-max-snap').fill('2000');
    await page.getByTestId('access-uptake').fill('50');
    await page.getByTestId('access-run').click();
    await expect(page.getByTestId('access-threshold-row')).toHaveCount(1, { timeout: 120_000 });
    await expect(page.getByTestId('access-panel')).toHaveAttribute('data-phase', 'idle');
    const cli45 = await sitingJson<CliNetwork>(['analyze', project, '--mode', 'network', '--minutes', '45', '--max-snap-m', '2000', '--capacity', '--uptake', '0.5']);
    expect(Number(await page.getByTestId('access-threshold-row').getAttribute('data-covered'))).toBeCloseTo(cli45.thresholds[0].elderly.covered, 6);
    expect(cli45.travelTime.elderly.p90Minutes).toBeGreaterThan(45);
    await expectEveryonesWalk(page, cli45);
    await expectNotCovered(page, cli45);
    await expectNetworkNotes(page, cli45, 2000, facilityNames);
    expect(cli45.capacity!.totals.unservedWithinReach).toBeGreaterThan(0);
    await expectCapacity(page, cli45);

    // Site suggestion on the walking network: max-coverage of 3 new sites within 15 minutes.
    const cliOptimize = sitingJson<{ objective: number; selected: string[] }>(['optimize', project, '--problem', 'max-coverage', '--sites', '3', '--mode', 'network', '--minutes', '15', '--candidates', 'grid']);
    await page.getByTestId('suggest-mode-network').locator('xpath=..').click();
    await page.getByTestId('suggest-minutes').fill('15');
    await page.getByTestId('suggest-run').click();
    await expect(page.getByTestId('suggest-result')).toBeVisible({ timeout: 200_000 });
    const optimum = await cliOptimize;
    expect(Number(await page.getByTestId('suggest-result').getAttribute('data-objective'))).toBeCloseTo(optimum.objective, 6);
    expect(await page.getByTestId('suggest-site').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')))).toEqual(optimum.selected);
  } finally {
    await server.stop();
  }
});

test('network distances (life circles 300 / 500 / 1000 m) with steps at 3 × equal siting analyze --network-m --steps-factor', async ({ page, workDir }) => {
  test.setTimeout(240_000);
  const project = await makeProject(workDir);
  const server = await startServer(project);
  try {
    await page.goto(server.url);
    await waitForMap(page);
    await page.getByTestId('access-mode-network').locator('xpath=..').click();
    await page.getByTestId('access-basis-distance').locator('xpath=..').click();
    await expect(page.getByTestId('access-basis-distance')).toBeChecked();
    await openTab(page, 'analyse');
    await expect(page.getByTestId('access-minutes')).toHaveCount(0);
    await expect(page.getByTestId('access-network-m')).toHaveValue('300, 500, 1000');
    await expect(page.getByTestId('access-steps-factor')).toHaveValue('2');

    // Out-of-range inputs are refused, not silently clamped: the number field by the browser's own
    // range check (the form is not submitted), the distance list with the form's message.
    const steps = page.getByTestId('access-steps-factor');
    await steps.fill('11');
    await page.getByTestId('access-run').click();
    expect(await steps.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);
    await expect(page.getByTestId('access-result')).toHaveCount(0);
    await steps.fill('3');
    await page.getByTestId('access-network-m').fill('0, 500');
    await page.getByTestId('access-run').click();
    await expect(page.getByTestId('access-problem')).toContainText('network distances above 0 and up to 100,000 metres');
    await page.getByTestId('access-network-m-life').click();
    await page.getByTestId('access-capacity').check();
    await page.getByTestId('access-uptake').fill('50');
    await page.getByTestId('access-run').click();
    await expect(page.getByTestId('access-result')).toHaveAttribute('data-mode', 'network', { timeout: 120_000 });
    await expect(page.getByTestId('access-panel')).toHaveAttribute('data-phase', 'idle');

    const cli = await sitingJson<CliNetwork>(['analyze', project, '--mode', 'network', '--network-m', '300,500,1000', '--steps-factor', '3', '--capacity', '--uptake', '0.5']);
    expect(cli.thresholds.map((t) => t.networkM)).toEqual([300, 500, 1000]);
    const rows = page.getByTestId('access-threshold-row');
    await expect(rows).toHaveCount(3);
    for (let t = 0; t < 3; t++) {
      await expect(rows.nth(t).locator('th')).toHaveText(en.metres(cli.thresholds[t].networkM!));
      expect(Number(await rows.nth(t).getAttribute('data-covered'))).toBeCloseTo(cli.thresholds[t].elderly.covered, 6);
      await expect(rows.nth(t)).toHaveAttribute('data-cells', String(cli.thresholds[t].cells.covered));
      await expect(rows.nth(t).locator('td').nth(2)).toHaveText(en.minutes(cli.thresholds[t].meanMinutes.elderly!));
    }
    // The horizon of a distance analysis is 2 × 1000 m walked at 1 m/s.
    expect(cli.travelTime.horizonM).toBe(2000);
    await expectEveryonesWalk(page, cli);
    await expectNotCovered(page, cli);
    await expectNetworkNotes(page, cli, 300, facilityNames);
    await expect(page.getByTestId('access-unreachable-beyond').locator('xpath=preceding-sibling::dt[1]')).toHaveText(`path longer than ${en.metres(1000)}`);
    await expect(page.getByRole('heading', { name: `Capacity (${en.metres(1000)}, uptake ${en.percent(0.5)})` })).toBeVisible();
    await expectCapacity(page, cli);

    // The map colours walking distance, in the thresholds' own classes.
    const classes = page.getByTestId('analysis-legend-travel-classes');
    await expect(classes).toHaveAttribute('data-unit', 'metres');
    await expect(classes.locator('li')).toHaveCount(5);
    await expect(classes.locator('li').first()).toHaveText(`≤ ${en.metres(300)}`);
    await expect(page.getByTestId('analysis-legend-travel')).toBeChecked();
    await expect(page.getByTestId('map')).toHaveAttribute('data-service-areas', '3');

    // The same figures in Chinese, numbers formatted for zh-CN.
    await page.getByTestId('language-select').selectOption('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const zhMinutes = new Intl.NumberFormat('zh-CN', { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1, minimumFractionDigits: 0 });
    await expect(page.getByTestId('access-of-covered')).toHaveText('已覆盖者');
    await expect(page.getByTestId('access-travel-p90').locator('td[data-people="elderly"]')).toHaveText(`超过 ${zhMinutes.format(cli.travelTime.horizonMinutes)}`);
    await expect(page.getByTestId('access-network')).toContainText('台阶按长度的 3 倍计');
    await expect(page.getByTestId('access-capacity-unknown')).toContainText('1 处设施未登记容量');
    // Pictures for the reviewer (test output, not docs): the figures and the capacity table in Chinese.
    await scrollPanelTo(page, 'access-result');
    await page.screenshot({ path: test.info().outputPath('network-distance-zh.png') });
    await scrollPanelTo(page, 'access-capacity-totals');
    await page.screenshot({ path: test.info().outputPath('network-capacity-zh.png') });
  } finally {
    await server.stop();
  }
});
