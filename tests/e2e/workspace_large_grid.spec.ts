/**
 * The population grid at city scale: the full Wuhan 60+ GeoTIFF (494 676 cells, imported with the
 * CLI before the app opens) is drawn as one image. Checked against the real data: the cell under a
 * known WorldPop cell centre of the core clip has that cell's count in its popup, and the map shows
 * it in the colour of its class. Prints the time to the first draw.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, node22, readMeasures, repoRoot, startServer, test, waitForMap } from './fixtures';
import { mapPixel } from './workspace_helpers';
import { testData } from '../helpers/test_data';

const run = promisify(execFile);

const CELLS = 494_676;

/** The core clip's cell with the most people aged 60+ (its centre and count), from the CSV. */
function densestCoreCell(): { lon: number; lat: number; elderly: number } {
  const [header, ...rows] = readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [lonAt, latAt, elderlyAt] = ['lon', 'lat', 'pop60plus'].map((name) => columns.indexOf(name));
  let best = { lon: 0, lat: 0, elderly: -1 };
  for (const row of rows) {
    const values = row.split(',').map(Number);
    if (values[elderlyAt] > best.elderly) best = { lon: values[lonAt], lat: values[latAt], elderly: values[elderlyAt] };
  }
  return best;
}

/** RGBA of the map canvas at a page pixel (the canvas keeps its drawing buffer). */
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

test('the full Wuhan 60+ grid (494 676 cells) draws as one image, in the right place', async ({ page, workDir }) => {
  test.setTimeout(300_000);
  const projectPath = join(workDir, 'wuhan-city.gpkg');
  const cli = (...args: string[]) => run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), ...args], { cwd: repoRoot, timeout: 120_000 });
  await cli('new', projectPath);
  await cli('import', projectPath, 'population', testData('wuhan/wuhan_pop60plus_100m.tif'));
  const server = await startServer(projectPath);
  try {
    const started = Date.now();
    await page.goto(server.url);
    const map = page.getByTestId('map');
    await expect(map).toHaveAttribute('data-population-cells', String(CELLS), { timeout: 120_000 });
    await waitForMap(page);
    const drawnMs = Date.now() - started;
    const measures = await readMeasures(page);
    console.log(`Full Wuhan grid, ${CELLS} cells (1662 × 1668 raster): page open → map drawn ${drawnMs} ms`);
    for (const { name, ms } of measures.filter((m) => /population|class-breaks|live-figures-build/.test(m.name))) console.log(`  ${name.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms`);
    await expect(page.getByTestId('legend-classes').locator('li')).toHaveCount(6);
    await page.screenshot({ path: 'docs/screenshots/workspace_large_grid_en.png' });

    // Zoom in on the densest cell of the core (wheel zoom around it) until cells are ~20 px wide.
    const cell = densestCoreCell();
    expect(cell.elderly).toBeCloseTo(39.56, 2);
    // No facility in the project: no gaps are drawn over the classes (every cell would be one).
    await expect(page.getByTestId('legend-entry-uncovered')).toHaveCount(0);
    for (let i = 0; i < 30 && Number(await map.getAttribute('data-zoom')) < 15; i++) {
      const at = await mapPixel(page, cell.lon, cell.lat);
      const zoom = await map.getAttribute('data-zoom');
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, -300);
      // The wheel zoom has ended when the published zoom changed and stays put.
      await expect.poll(async () => await map.getAttribute('data-zoom')).not.toBe(zoom);
      let settled = await map.getAttribute('data-zoom');
      await expect.poll(async () => {
        const now = await map.getAttribute('data-zoom');
        const same = now === settled;
        settled = now;
        return same;
      }, { intervals: [300] }).toBe(true);
    }
    await waitForMap(page);
    const zoom = Number(await map.getAttribute('data-zoom'));
    expect(zoom).toBeGreaterThanOrEqual(15);
    expect(zoom).toBeLessThan(17.5);
    const at = await mapPixel(page, cell.lon, cell.lat);
    // The densest cell is in the top class: the darkest red of the ramp.
    const [r, g, b, a] = await canvasColor(page, at.x, at.y);
    expect([r, g, b, a]).toEqual([0xbd, 0x00, 0x26, 255]);

    // Its popup shows the WorldPop count of that cell.
    await page.mouse.click(at.x, at.y);
    const popup = page.getByTestId('cell-popup');
    await expect(popup).toBeVisible();
    await expect(popup).toContainText(`Older people (60+)${new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(cell.elderly)}`);
    await page.screenshot({ path: test.info().outputPath('zoomed-cell.png') });
  } finally {
    await server.stop();
  }
});
