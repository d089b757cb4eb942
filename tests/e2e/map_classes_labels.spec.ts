/**
 * Reading the map (issue 15): population classes for the current view follow the camera and the
 * painted colours match the legend (canvas pixels of real sample cells); gaps are an outline that
 * leaves the class colours untouched; name labels are placed; an analysis of another scenario is
 * taken off the map. Screenshots in English and Chinese go to <tmpdir>/siting-shots/map.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { testData } from '../helpers/test_data';
import { SAMPLE_DIR } from '../helpers/paths';
import { importTestFacilities } from './test_facilities';
import { createScenario, mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'map');
mkdirSync(SHOTS, { recursive: true });

interface Cell {
  lon: number;
  lat: number;
  elderly: number;
}

/** The sample's cells (centre, 60+ count) read from the raw CSV, independently of the importer. */
function sampleCells(): Cell[] {
  const [header, ...rows] = readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const [lon, lat, elderly] = ['lon', 'lat', 'pop60plus'].map((name) => columns.indexOf(name));
  return rows.map((row) => row.split(',')).map((cells) => ({ lon: Number(cells[lon]), lat: Number(cells[lat]), elderly: Number(cells[elderly]) }));
}

/** Quantile bounds the textbook way (rank floor(i·n/5) of the sorted values, rounded as shown). */
function quintiles(values: number[]): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const round = (v: number) => (v >= 10 ? Math.round(v) : Math.round(v * 10) / 10);
  const out: number[] = [];
  for (let i = 1; i < 5; i++) {
    const value = round(sorted[Math.floor((i * sorted.length) / 5)]);
    if (value > (out.at(-1) ?? sorted[0]) && value <= sorted[sorted.length - 1]) out.push(value);
  }
  return out;
}

async function canvasColor(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(([px, py]) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas.maplibregl-canvas');
    if (!canvas) throw new Error('no map canvas');
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(canvas, 0, 0);
    return [...context.getImageData(Math.round((px - box.left) * scale), Math.round((py - box.top) * scale), 1, 1).data];
  }, [x, y]);
}

/** Wheel-zooms around (lon, lat) until the map's zoom reaches `target`. */
async function zoomTo(page: Page, lon: number, lat: number, target: number): Promise<void> {
  const map = page.getByTestId('map');
  for (let i = 0; i < 30 && Number(await map.getAttribute('data-zoom')) < target; i++) {
    const at = await mapPixel(page, lon, lat);
    const zoom = await map.getAttribute('data-zoom');
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => await map.getAttribute('data-zoom')).not.toBe(zoom);
    let settled = await map.getAttribute('data-zoom');
    await expect
      .poll(async () => {
        const now = await map.getAttribute('data-zoom');
        const same = now === settled;
        settled = now;
        return same;
      }, { intervals: [300] })
      .toBe(true);
  }
  await waitForMap(page);
}

const hex = (color: string) => [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));

test('classes for the current view follow the camera and match the painted colours; labels are placed', async ({ page, server, workDir }) => {
  test.setTimeout(240_000);
  const cells = sampleCells();
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  const map = page.getByTestId('map');
  const classes = page.getByTestId('legend-classes');
  await expect(page.getByTestId('legend-class-caption')).toHaveText('quantile classes · classes for: whole project');
  const cityBreaks = (await classes.getAttribute('data-breaks')) as string;
  expect(cityBreaks.split(',').map(Number)).toEqual(quintiles(cells.map((cell) => cell.elderly)));

  // No facilities yet: no gaps are drawn (every cell would be one), the class colours stay as they are.
  await expect(page.getByTestId('legend-entry-uncovered')).toHaveCount(0);

  await page.getByTestId('legend-class-domain').selectOption('view');
  await zoomTo(page, 114.28, 30.59, 14);
  await expect(classes).toHaveAttribute('data-domain', 'view');
  await expect(page.getByTestId('legend-class-caption')).toHaveText('quantile classes · classes for: current view');
  // The breaks are those of the cells whose centre is in the view (computed here from the CSV).
  const bounds = ((await map.getAttribute('data-bounds')) as string).split(',').map(Number);
  const inView = cells.filter((cell) => cell.lon >= bounds[0] && cell.lon <= bounds[2] && cell.lat >= bounds[1] && cell.lat <= bounds[3]);
  expect(inView.length).toBeGreaterThan(100);
  await expect.poll(async () => (await classes.getAttribute('data-breaks'))?.split(',').map(Number)).toEqual(quintiles(inView.map((cell) => cell.elderly)));
  const viewBreaks = ((await classes.getAttribute('data-breaks')) as string).split(',').map(Number);
  expect(viewBreaks.join()).not.toBe(cityBreaks);
  const colors = ((await classes.getAttribute('data-colors')) as string).split(',');

  // Canvas pixels at cell centres near the middle of the view have the legend colour of their class.
  await waitForMap(page);
  const middle = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2];
  const probes = inView
    .filter((cell) => Math.abs(cell.lon - middle[0]) < (bounds[2] - bounds[0]) / 4 && Math.abs(cell.lat - middle[1]) < (bounds[3] - bounds[1]) / 4)
    .filter((cell) => viewBreaks.every((bound) => Math.abs(cell.elderly - bound) > 0.2))
    .slice(0, 12);
  expect(probes.length).toBeGreaterThanOrEqual(5);
  const classesSeen = new Set<number>();
  for (const cell of probes) {
    const at = await mapPixel(page, cell.lon, cell.lat);
    const index = viewBreaks.filter((bound) => cell.elderly >= bound).length;
    classesSeen.add(index);
    const [r, g, b] = await canvasColor(page, at.x, at.y);
    const [er, eg, eb] = hex(colors[index]);
    expect(Math.abs(r - er) + Math.abs(g - eg) + Math.abs(b - eb), `cell ${cell.lon},${cell.lat} (${cell.elderly}) class ${index}`).toBeLessThanOrEqual(9);
  }
  expect(classesSeen.size).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: `${SHOTS}/core-view-classes-en.png` });

  // Labels: facilities get their names, placed with collision handling.
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  await waitForMap(page);
  // With facilities the gaps are drawn, as outlines by default (the class colours stay as they are).
  await expect(page.getByTestId('legend-entry-uncovered')).toBeVisible();
  await expect(map).toHaveAttribute('data-uncovered-style', 'outline');
  await expect.poll(async () => /labels-facilities:([1-9])/.exec((await map.getAttribute('data-rendered-labels')) ?? '')?.[1]).toBeTruthy();
  await expect(page.getByTestId('legend-entry-labels')).toBeVisible();
  await page.getByTestId('legend-toggle-labels').uncheck();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-labels', /labels-facilities:0/);
  await expect(page.getByTestId('legend-entry-labels')).toHaveAttribute('data-drawn', 'false');
  await page.getByTestId('legend-toggle-labels').check();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-labels', /labels-facilities:[1-9]/);
  // Circles only round facilities in service; the count is the analysis's.
  await openTab(page, 'analyse');
  const counted = await page.getByTestId('coverage-facilities').innerText();
  await expect(page.getByTestId('legend-circles')).toHaveAttribute('data-count', counted.trim());
  // Estates (the sample's 8 illustrative ones, stored as points): drawn with their legend entry and names.
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('estates');
  await page.getByTestId('import-file-input').setInputFiles(join(SAMPLE_DIR, 'illustrative_estates.csv'));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('legend-entry-estates')).toHaveAttribute('data-count', '8');
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-labels', /labels-estates:[1-9]/);
  await page.screenshot({ path: `${SHOTS}/core-labels-outline-en.png` });
  await page.getByTestId('legend-uncovered-display').selectOption('hatch');
  await waitForMap(page);
  await page.screenshot({ path: `${SHOTS}/core-labels-hatch-en.png` });

  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('legend-class-caption')).toHaveText('分位数分级 · 分级范围：当前视图');
  await waitForMap(page);
  await page.screenshot({ path: `${SHOTS}/core-labels-hatch-zh.png` });
  await page.getByTestId('legend-class-domain').selectOption('project');
  await page.getByTestId('legend-uncovered-display').selectOption('outline');
  await waitForMap(page);
  await page.screenshot({ path: `${SHOTS}/core-project-classes-zh.png` });
});

test('an analysis of another scenario is taken off the map; circles count the scenario proposals', async ({ page, server, workDir }) => {
  test.setTimeout(240_000);
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  const map = page.getByTestId('map');
  await page.screenshot({ path: `${SHOTS}/sample-en.png` });

  await createScenario(page, '方案A');
  await page.getByTestId('proposal-add-centre').click();
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await waitForCoverage(page);
  // 4 illustrative day-care centres + the proposal: the legend says so, as the figures do.
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-facilities')).toHaveText('5');
  await expect(page.getByTestId('legend-circles')).toHaveAttribute('data-count', '5');
  await expect(page.getByTestId('legend-circles')).toHaveAttribute('data-proposals', '1');
  await expect(page.getByTestId('legend-entry-proposals')).toHaveAttribute('data-count', '1');

  await page.getByTestId('access-run').click();
  await expect(page.getByTestId('access-result')).toBeVisible({ timeout: 120_000 });
  await expect(map).not.toHaveAttribute('data-service-areas', '0');
  await expect(map).toHaveAttribute('data-analysis-stale', 'false');
  await expect(page.getByTestId('analysis-legend')).toBeVisible();
  // While the analysis is shown, the coverage circles and gaps are off the map and out of the legend.
  await expect(page.getByTestId('legend-circles')).toHaveCount(0);
  await expect(page.getByTestId('legend-entry-uncovered')).toHaveCount(0);

  // Another scenario: the old result leaves the map and its legend; circles and gaps come back.
  await openTab(page, 'plan');
  await page.getByTestId('scenario-select').selectOption({ index: 0 });
  await expect(map).toHaveAttribute('data-analysis-stale', 'true');
  await expect(map).toHaveAttribute('data-service-areas', '0');
  await expect(map).toHaveAttribute('data-gaps', '0');
  await openTab(page, 'analyse');
  await expect(page.getByTestId('analysis-legend')).toBeHidden();
  await waitForCoverage(page);
  await expect(page.getByTestId('legend-circles')).toHaveAttribute('data-count', '4');
  await page.getByTestId('language-select').selectOption('zh');
  await waitForMap(page);
  await page.screenshot({ path: `${SHOTS}/sample-zh.png` });
});
