/**
 * GCJ-02 basemap mode (for AutoNavi tiles): with the setting on, every facility is drawn at its
 * WGS84 → GCJ-02 position (compared through the map's read-only probe with shared/geodesy), the map
 * says which system its basemap uses, a click on the drawn facility still finds it, and a proposal
 * placed by clicking where GCJ-02 draws a place is stored at that place's WGS84 position.
 */
import type { Page } from '@playwright/test';
import { wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, haversineM } from './import_helpers';
import { importTestFacilities } from './test_facilities';
import { cliProposals, createScenario } from './workspace_helpers';

interface DrawnPoint {
  id: string | number | undefined;
  lon: number;
  lat: number;
}

/** The map element's probe (renderer/map/display_shift.ts MapProbe). */
type ProbedElement = HTMLElement & {
  sitingMapProbe: {
    crs(): string;
    project(lon: number, lat: number): { x: number; y: number };
    drawnPoints(layerId: string): DrawnPoint[];
  };
};

async function drawnFacilities(page: Page): Promise<DrawnPoint[]> {
  await waitForMap(page);
  return page.getByTestId('map').evaluate((element) => (element as ProbedElement).sitingMapProbe.drawnPoints('facilities-circle'));
}

/** Page pixel of a position in the map's drawing system. */
async function pagePixel(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map has no box');
  const point = await page.getByTestId('map').evaluate((element, [x, y]) => (element as ProbedElement).sitingMapProbe.project(x, y), [lon, lat] as const);
  return { x: box.x + point.x, y: box.y + point.y };
}

/** A block of Jianghan about 700 m north-east of test facility B, in view when the map is centred on B. */
const SITE = { lon: 114.3005, lat: 30.5765 };

test('GCJ-02 basemap mode draws facilities shifted by the GCJ-02 offset and keeps edits in WGS84', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-display-crs', 'wgs84');
  await expect(page.getByTestId('basemap-crs-badge')).toHaveCount(0);

  // Street level at facility B (the list centres the map on it): drawn positions are precise there.
  await page.getByTestId('facility-list').locator('summary').click();
  await page.getByTestId('facility-list').getByRole('button', { name: /测试日间照料中心 B/ }).click();
  await expect(page.getByTestId('facility-popup')).toBeVisible();
  const inWgs84 = await drawnFacilities(page);
  expect(inWgs84.length).toBeGreaterThan(0);
  for (const point of inWgs84) {
    const nearest = Math.min(...stored.map((f) => haversineM(f.coordinates[0], f.coordinates[1], point.lon, point.lat)));
    expect(nearest).toBeLessThan(1);
  }

  await page.getByTestId('settings-section').locator('summary').click();
  await page.getByTestId('basemap-crs-gcj02').check();
  await expect(map).toHaveAttribute('data-display-crs', 'gcj02');
  await expect(page.getByTestId('basemap-crs-badge')).toHaveAttribute('data-crs', 'gcj02');
  await expect(page.getByTestId('basemap-crs-badge')).toContainText('GCJ-02');

  // Each drawn facility sits at wgs84ToGcj02 of its stored position, several hundred metres away.
  await page.getByTestId('facility-list').getByRole('button', { name: /测试日间照料中心 B/ }).click();
  const shifted = await drawnFacilities(page);
  expect(shifted.length).toBeGreaterThan(0);
  for (const point of shifted) {
    const distances = stored.map((f) => {
      const [gLon, gLat] = wgs84ToGcj02(f.coordinates[0], f.coordinates[1]);
      return { f, toGcj: haversineM(gLon, gLat, point.lon, point.lat), gcj: [gLon, gLat] as const };
    });
    const match = distances.reduce((best, candidate) => (candidate.toGcj < best.toGcj ? candidate : best));
    expect(match.toGcj).toBeLessThan(1);
    const offsetM = haversineM(match.f.coordinates[0], match.f.coordinates[1], point.lon, point.lat);
    expect(offsetM).toBeGreaterThan(300);
    expect(offsetM).toBeLessThan(800);
    // On screen: the feature is drawn on the pixel of its GCJ-02 position.
    const drawnPixel = await pagePixel(page, point.lon, point.lat);
    const expectedPixel = await pagePixel(page, match.gcj[0], match.gcj[1]);
    expect(Math.hypot(drawnPixel.x - expectedPixel.x, drawnPixel.y - expectedPixel.y)).toBeLessThan(1);
  }
  await page.getByRole('complementary').evaluate((panel) => panel.scrollTo(0, panel.scrollHeight));
  await page.screenshot({ path: 'docs/screenshots/basemap_gcj02_en.png' });

  // A click on the drawn facility (now at the map centre) opens its popup.
  await page.locator('.maplibregl-popup-close-button').click();
  const box = await map.boundingBox();
  if (!box) throw new Error('map has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('facility-popup')).toContainText('测试日间照料中心 B');
  await page.locator('.maplibregl-popup-close-button').click();

  // A proposal placed where GCJ-02 draws SITE is stored at SITE in WGS84.
  await createScenario(page, 'GCJ-02 测试方案');
  await page.getByTestId('proposal-place').click();
  const [siteLon, siteLat] = wgs84ToGcj02(SITE.lon, SITE.lat);
  const target = await pagePixel(page, siteLon, siteLat);
  if (target.x < box.x || target.x > box.x + box.width || target.y < box.y || target.y > box.y + box.height) {
    throw new Error('SITE is outside the map view at this zoom');
  }
  // Ground size of a screen pixel at SITE, from the pixels 0.001° of longitude span there.
  const left = await pagePixel(page, siteLon, siteLat);
  const right = await pagePixel(page, siteLon + 0.001, siteLat);
  const metresPerPixel = haversineM(siteLon, siteLat, siteLon + 0.001, siteLat) / Math.abs(right.x - left.x);
  await page.mouse.click(target.x, target.y);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');
  const [proposal] = await cliProposals(server.projectPath, workDir, 'GCJ-02 测试方案');
  // Within the pixel rounding of the click, far from the ~500 m an unconverted click would be off.
  expect(haversineM(SITE.lon, SITE.lat, proposal.lon, proposal.lat)).toBeLessThan(2 * metresPerPixel + 0.5);

  // Back to WGS84: facilities are drawn at their stored positions again.
  await page.getByTestId('basemap-crs-wgs84').check();
  await expect(map).toHaveAttribute('data-display-crs', 'wgs84');
  for (const point of await drawnFacilities(page)) {
    expect(Math.min(...stored.map((f) => haversineM(f.coordinates[0], f.coordinates[1], point.lon, point.lat)))).toBeLessThan(1);
  }
});
