/**
 * Facilities by status on the map and in the legend: existing ones are solid dots, planned and
 * proposed ones carry a dark ring (drawn by MapLibre in its own layer, checked through the map's
 * probe at the stored positions), proposed ones are faded. The legend lists each status present
 * with its count and the same picture; the status filter hides the ring with its facility.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForMap } from './fixtures';
import { haversineM } from './import_helpers';
import { openTab } from './tabs';

/** Test fixtures, not real facilities: made-up sites at real Wuhan coordinates, marked illustrative. */
const STATUS_CSV = [
  'name,lon,lat,kind,status,illustrative',
  '测试现状中心,114.2700,30.5900,day_care,existing,1',
  '测试规划中心,114.2760,30.5900,day_care,planned,1',
  '测试拟建站点,114.2820,30.5900,community_station,proposed,1',
].join('\n');

interface DrawnPoint {
  lon: number;
  lat: number;
}

async function drawn(page: Page, layerId: string): Promise<DrawnPoint[]> {
  await waitForMap(page);
  return page
    .getByTestId('map')
    .evaluate((element, id) => (element as HTMLElement & { sitingMapProbe: { drawnPoints(id: string): DrawnPoint[] } }).sitingMapProbe.drawnPoints(id), layerId);
}

test('planned and proposed facilities are ringed on the map, with legend rows per status', async ({ page, server, workDir }, testInfo) => {
  await page.goto(server.url);
  await waitForMap(page);
  const csvPath = join(workDir, 'status_facilities.csv');
  writeFileSync(csvPath, STATUS_CSV + '\n', 'utf8');
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('facilities');
  await page.getByTestId('import-file-input').setInputFiles(csvPath);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');

  // Legend: one row per status present, with its count.
  const rows = page.getByTestId('legend-statuses').locator('li');
  await expect(rows).toHaveText(['Existing (solid) (1)', 'Planned (ringed) (1)', 'Proposed (faded, ringed) (1)']);
  await expect(rows.nth(1).locator('[data-status-swatch="planned"]')).toHaveCount(1);

  // Street level at the planned centre: rings around the planned and the proposed one only.
  await page.getByTestId('facility-list').locator('summary').click();
  await page.getByTestId('facility-list').getByRole('button', { name: /测试规划中心/ }).click();
  await page.locator('.maplibregl-popup-close-button').click();
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-rendered-facilities', '3');
  const rings = await drawn(page, 'facilities-status-ring');
  const near = (points: DrawnPoint[], lon: number, lat: number) => points.some((p) => haversineM(p.lon, p.lat, lon, lat) < 1);
  expect(rings).toHaveLength(2);
  expect(near(rings, 114.276, 30.59)).toBe(true);
  expect(near(rings, 114.282, 30.59)).toBe(true);
  expect(near(rings, 114.27, 30.59)).toBe(false);
  await page.getByTestId('legend').screenshot({ path: testInfo.outputPath('legend_status_en.png') });
  await page.screenshot({ path: testInfo.outputPath('facility_status_en.png') });

  // The status filter hides a planned facility together with its ring.
  await page.getByTestId('layers-panel').locator('summary').click();
  await page.getByTestId('layer-status-planned').uncheck();
  await expect(map).toHaveAttribute('data-rendered-facilities', '2');
  const filtered = await drawn(page, 'facilities-status-ring');
  expect(filtered).toHaveLength(1);
  expect(near(filtered, 114.282, 30.59)).toBe(true);
  await page.getByTestId('layer-status-planned').check();
  await expect(map).toHaveAttribute('data-rendered-facilities', '3');
  expect(await drawn(page, 'facilities-status-ring')).toHaveLength(2);
  // A close-up of the three (zoomed in one step, centred on the planned one; legend folded away).
  await page.getByTestId('legend').locator('summary').click();
  await page.locator('.maplibregl-ctrl-zoom-in').click();
  await waitForMap(page);
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no box');
  await page.screenshot({ path: testInfo.outputPath('facility_status_closeup_en.png'), clip: { x: box.x + box.width / 2 - 360, y: box.y + box.height / 2 - 60, width: 720, height: 120 } });

  // In Chinese.
  await page.getByTestId('legend').locator('summary').click();
  await page.getByTestId('language-select').selectOption('zh');
  await expect(rows).toHaveText(['现状（实心） (1)', '规划（外圈） (1)', '拟建（浅色、外圈） (1)']);
});
