/**
 * GCJ-02 basemap mode (for AutoNavi tiles): with the setting on, every facility is drawn at its
 * WGS84 → GCJ-02 position (compared through the map's read-only probe with shared/geodesy), the map
 * says which system its basemap uses, a click on the drawn facility still finds it, and a proposal
 * placed by clicking where GCJ-02 draws a place is stored at that place's WGS84 position. The camera
 * is spoken in WGS84 too: "Add at map centre" stores the WGS84 of the GCJ-02 centre, the proposal
 * list and Find centre the map on a proposal's GCJ-02 position, and the comparison maps (drawn in
 * WGS84) open on the same ground as the main map.
 */
import type { Page } from '@playwright/test';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, haversineM } from './import_helpers';
import { importTestFacilities } from './test_facilities';
import { cliProposals, createScenario } from './workspace_helpers';
import { openTab } from './tabs';

interface DrawnPoint {
  id: string | number | undefined;
  lon: number;
  lat: number;
}

/** The map element's probe (renderer/map/display_shift.ts MapProbe). */
type ProbedElement = HTMLElement & {
  sitingMapProbe: {
    crs(): string;
    center(): { lon: number; lat: number };
    project(lon: number, lat: number): { x: number; y: number };
    drawnPoints(layerId: string): DrawnPoint[];
  };
};

async function drawnFacilities(page: Page): Promise<DrawnPoint[]> {
  await waitForMap(page);
  return page.getByTestId('map').evaluate((element) => (element as ProbedElement).sitingMapProbe.drawnPoints('facilities-circle'));
}

/** The camera centre of map `testId`, in its drawing system. */
async function cameraCentre(page: Page, testId = 'map'): Promise<{ lon: number; lat: number }> {
  return page.getByTestId(testId).evaluate((element) => (element as ProbedElement).sitingMapProbe.center());
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

  await openTab(page, 'project');
  await page.getByTestId('settings-section').locator('summary').click();
  // A custom address (not one of the presets) and the system of its tiles.
  await page.getByTestId('basemap-choice-custom').check();
  await page.getByTestId('basemap-crs-gcj02').check();
  await expect(map).toHaveAttribute('data-display-crs', 'gcj02');
  await expect(page.getByTestId('basemap-crs-badge')).toHaveAttribute('data-crs', 'gcj02');
  await expect(page.getByTestId('basemap-crs-badge')).toContainText('GCJ-02');

  // Each drawn facility sits at wgs84ToGcj02 of its stored position, several hundred metres away.
  await openTab(page, 'data');
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

  // "Add at map centre": stored at the WGS84 of the GCJ-02 camera centre (within 1 m of the
  // inverse), not at the raw centre several hundred metres away.
  const centre = await cameraCentre(page);
  await page.getByTestId('proposal-add-centre').click();
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, 'GCJ-02 测试方案')).length).toBe(2);
  const atCentre = (await cliProposals(server.projectPath, workDir, 'GCJ-02 测试方案')).find((p) => p.name === 'Proposal 2');
  if (!atCentre) throw new Error('the proposal added at the centre is not in the file');
  const [centreLon, centreLat] = gcj02ToWgs84(centre.lon, centre.lat);
  expect(haversineM(centreLon, centreLat, atCentre.lon, atCentre.lat)).toBeLessThan(1);
  expect(haversineM(centre.lon, centre.lat, atCentre.lon, atCentre.lat)).toBeGreaterThan(300);

  // Going to a proposal (list, Find) centres the camera on its GCJ-02 position, where it is drawn.
  const centredOn = async (lon: number, lat: number) => {
    const [gLon, gLat] = wgs84ToGcj02(lon, lat);
    await expect.poll(async () => {
      const now = await cameraCentre(page);
      return haversineM(now.lon, now.lat, gLon, gLat);
    }).toBeLessThan(1);
  };
  await page.getByTestId('proposal-list').getByRole('button', { name: 'Proposal 1', exact: true }).click();
  await centredOn(proposal.lon, proposal.lat);
  await page.getByTestId('find-input').fill('Proposal 2');
  await page.getByTestId('find-input').press('Enter');
  await centredOn(atCentre.lon, atCentre.lat);

  // The comparison maps draw WGS84 and open on the same ground as the GCJ-02 main map.
  const mainCentre = await cameraCentre(page);
  const [mainLon, mainLat] = gcj02ToWgs84(mainCentre.lon, mainCentre.lat);
  await page.getByTestId('scenario-compare').click();
  await expect(page.getByTestId('compare-map-left')).toHaveAttribute('data-display-crs', 'wgs84');
  for (const side of ['compare-map-left', 'compare-map-right']) {
    await expect.poll(async () => {
      const other = await cameraCentre(page, side);
      return haversineM(other.lon, other.lat, mainLon, mainLat);
    }).toBeLessThan(1);
  }
  await page.getByTestId('compare-close').click();

  // Back to WGS84: facilities are drawn at their stored positions again.
  await openTab(page, 'project');
  await page.getByTestId('basemap-crs-wgs84').check();
  await expect(map).toHaveAttribute('data-display-crs', 'wgs84');
  for (const point of await drawnFacilities(page)) {
    expect(Math.min(...stored.map((f) => haversineM(f.coordinates[0], f.coordinates[1], point.lon, point.lat)))).toBeLessThan(1);
  }
});
