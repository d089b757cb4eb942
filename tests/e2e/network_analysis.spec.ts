/**
 * Walking-network analysis in the browser worker on the real Gothenburg OSM network (20 227 ways)
 * with a made-up 250 m demand grid and 30 made-up day-care centres (test fixtures: there is no
 * population raster for Gothenburg). The figures equal `siting analyze --mode network` on the same
 * project file; a second run reuses the worker's prepared network; cells are coloured by walking time;
 * the network site suggestion equals `siting optimize --mode network`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, readMeasures, startServer, test, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { GOTHENBURG_PATH, gothenburgGrid, randomFacilities } from '../unit/engine_network/gothenburg_fixture';

interface CliThreshold {
  label: string;
  elderly: { covered: number; total: number };
  cells: { covered: number };
  meanMinutes: { elderly: number | null };
  p90Minutes: { elderly: number | null };
}
interface CliNetwork {
  thresholds: CliThreshold[];
  unreachable: { cells: number; elderly: number; offNetworkCells: number };
  network: { ways: number };
  capacity: { totals: { served: number; demand: number } } | null;
}

/** A Gothenburg project made with the CLI: roads, the fixture grid, the fixture facilities. */
async function makeProject(workDir: string): Promise<string> {
  const project = join(workDir, 'gothenburg.gpkg');
  const { grid } = gothenburgGrid(250, 7);
  const cells = ['cell_id,lon,lat,population,elderly'];
  for (let i = 0; i < grid.count; i++) cells.push(`${i},${grid.lon[i]},${grid.lat[i]},${grid.population[i]},${grid.elderly[i]}`);
  writeFileSync(join(workDir, 'cells.csv'), cells.join('\n'));
  const facilities = randomFacilities(30, 3, 'dc');
  writeFileSync(join(workDir, 'facilities.csv'), ['id,name,kind,lon,lat,capacity,illustrative', ...facilities.map((f) => `${f.id},Test day care ${f.id},day_care,${f.lon},${f.lat},${f.capacity},1`)].join('\n'));
  await sitingJson(['new', project]);
  await sitingJson(['import', project, 'roads', GOTHENBURG_PATH]);
  await sitingJson(['import', project, 'population', join(workDir, 'cells.csv')]);
  await sitingJson(['import', project, 'facilities', join(workDir, 'facilities.csv')]);
  return project;
}

async function thresholdRows(page: import('@playwright/test').Page) {
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
    const format = (minutes: number) => new Intl.NumberFormat('en', { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(minutes);
    await expect(first.locator('td').nth(2)).toHaveText(format(cli.thresholds[0].meanMinutes.elderly!));
    await expect(first.locator('td').nth(3)).toHaveText(format(cli.thresholds[0].p90Minutes.elderly!));
    const unreachable = page.getByTestId('access-unreachable');
    expect(Number(await unreachable.getAttribute('data-elderly'))).toBeCloseTo(cli.unreachable.elderly, 6);
    await expect(unreachable).toHaveAttribute('data-cells', String(cli.unreachable.cells));
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

    // Walking-time colours: an image over the grid, classes ≤ 5, 5–10, 10–15 min, beyond, off network.
    const map = page.getByTestId('map');
    await expect(map).toHaveAttribute('data-travel-time', 'image');
    await expect(map).toHaveAttribute('data-travel-time-cells', '2750');
    await expect(page.getByTestId('analysis-legend-travel-classes').locator('li')).toHaveCount(5);
    await expect(map).toHaveAttribute('data-service-areas', '3');

    const runs = (await readMeasures(page)).filter((entry) => entry.name === 'siting:accessibility-run').map((entry) => entry.ms);
    console.log(`Gothenburg network (20 227 ways), 2 750 cells, 30 facilities: first run (builds the network) ${runs[0]} ms, second run (reuses it) ${runs[1]} ms`);

    // For the picture: gaps off (the made-up grid scatters them), then street level around a facility.
    await page.getByTestId('analysis-legend-gaps').uncheck();
    await page.getByTestId('facility-list').locator('summary').click();
    await page.getByTestId('facility-list').getByRole('button', { name: /Test day care dc24\b/ }).click();
    await page.locator('.maplibregl-popup-close-button').click();
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await waitForMap(page);
    await scrollPanelTo(page, 'access-result');
    await page.screenshot({ path: 'docs/screenshots/network-travel-time-en.png' });

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
