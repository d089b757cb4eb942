/**
 * The review on the map (issue 12), on the Wuhan sample with the illustrative estates, two made-up
 * care homes and illustrative street / community rectangles: an estate clicked on the map before any
 * review says it has none; after "Review all estates" a click on an estate opens its row and outlines
 * it, a row chosen in the table brings its estate into view; the stored review comes back after a
 * reload with its preset and date; the per-area chooser offers the boundary levels of the project
 * and gives the rows of `siting check --by-area`; a row with failing units draws them on the map.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, repoRoot, test, waitForMap } from './fixtures';
import { contains, mapBounds, sitingJson } from './analysis_helpers';
import { mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

interface CliReview {
  preset: { id: string; version: number };
  estates: Array<{ id: string; verdict: string; checks: Array<{ rule: string; verdict: string }> }>;
}
interface CliCheck {
  byArea?: string;
  checks: Array<{ rule: string; scope: string; group?: string; value: number | null; target: number | null; verdict: string; failing: string[] }>;
}

/** Test fixtures, not real institutions: two made-up care homes with beds inside the sample extent. */
const CARE_HOMES_CSV = ['name,lon,lat,kind,beds,nursing_beds,illustrative', '测试养老院 甲,114.2700,30.5900,care_home,120,60,1', '测试养老院 乙,114.3050,30.5500,care_home,80,20,1'].join('\n');
const ESTATES_CSV = join(repoRoot, 'data', 'samples', 'wuhan-core', 'illustrative_estates.csv');

/** Illustrative units over the sample grid (not real streets or communities): two streets, six communities. */
function unitsGeoJson(): string {
  const rect = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  const [west, east, south, north, midLon, midLat] = [114.199, 114.361, 30.499, 30.64, 114.2804, 30.5704];
  const columns = [west, 114.2534, 114.3067, east];
  const features = [
    { type: 'Feature', properties: { name: 'West street (illustrative)', level: 'street', urban: 'urban' }, geometry: rect(west, south, midLon, north) },
    { type: 'Feature', properties: { name: 'East street (illustrative)', level: 'street', urban: 'urban' }, geometry: rect(midLon, south, east, north) },
  ];
  for (let c = 0; c < 3; c++) {
    features.push({ type: 'Feature', properties: { name: `C${c + 1} north (illustrative)`, level: 'community', urban: 'urban' }, geometry: rect(columns[c], midLat, columns[c + 1], north) });
    features.push({ type: 'Feature', properties: { name: `C${c + 1} south (illustrative)`, level: 'community', urban: 'rural' }, geometry: rect(columns[c], south, columns[c + 1], midLat) });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Facilities of the sample and the care homes: an estate clicked on the map must lie clear of them (a facility's popup wins). */
function facilityPositions(): [number, number][] {
  const [header, ...lines] = readFileSync(join(repoRoot, 'data', 'samples', 'wuhan-core', 'illustrative_facilities.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
  const homes = CARE_HOMES_CSV.split('\n').slice(1).map((line) => line.split(','));
  return [...lines.map((cells) => [Number(cells[header.indexOf('lon')]), Number(cells[header.indexOf('lat')])] as [number, number]), ...homes.map((cells) => [Number(cells[1]), Number(cells[2])] as [number, number])];
}

/** Farther than `km` from every facility (local flat approximation at 30.5° N). */
function clearOf(at: [number, number], facilities: readonly [number, number][], km = 0.8): boolean {
  return facilities.every(([lon, lat]) => Math.hypot((lon - at[0]) * 95.9, (lat - at[1]) * 110.9) > km);
}

async function importFile(page: import('@playwright/test').Page, layer: string, path: string, count: number): Promise<void> {
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption(layer);
  await page.getByTestId('import-file-input').setInputFiles(path);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(count));
}

/** The estates' positions from the sample CSV (the columns up to lon, lat carry no quoted commas). */
function estatePositions(): Map<string, [number, number]> {
  const [header, ...lines] = readFileSync(ESTATES_CSV, 'utf8').trim().split('\n').map((line) => line.split(','));
  const at = (name: string) => header.indexOf(name);
  return new Map(lines.map((cells) => [cells[at('id')], [Number(cells[at('lon')]), Number(cells[at('lat')])]]));
}

test('estates on the map open their review, the review comes back after a reload, failing units show per area', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await importFile(page, 'estates', ESTATES_CSV, 8);
  const homes = join(workDir, 'care_homes.csv');
  writeFileSync(homes, CARE_HOMES_CSV + '\n', 'utf8');
  await importFile(page, 'facilities', homes, 2);
  const units = join(workDir, 'units.geojson');
  writeFileSync(units, unitsGeoJson(), 'utf8');
  await importFile(page, 'boundaries', units, 8);
  const positions = estatePositions();
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-idle', 'true');

  // Before any review: an estate clicked on the map says it has not been reviewed.
  const facilities = facilityPositions();
  const [firstId, firstAt] = [...positions.entries()].find(([, at]) => clearOf(at, facilities))!;
  let pixel = await mapPixel(page, firstAt[0], firstAt[1]);
  await page.mouse.click(pixel.x, pixel.y);
  const popup = page.getByTestId('estate-popup');
  await expect(popup).toHaveAttribute('data-estate', firstId);
  await expect(popup).toContainText('Not reviewed yet');
  await page.keyboard.press('Escape');

  await openTab(page, 'review');
  await page.getByTestId('review-preset').selectOption('nanhai');
  await page.getByTestId('review-run').click();
  await expect(page.getByTestId('review-result')).toHaveAttribute('data-preset', 'nanhai');
  await expect(map).toHaveAttribute('data-review-estates', '8');
  await expect(map).toHaveAttribute('data-idle', 'true');
  // The preset named: the app stores its choice in the project a moment after the selection, and the CLI
  // may start before that (under load it did, and checked with the previous preset).
  const cli = await sitingJson<CliReview>(['review', server.projectPath, '--preset', 'nanhai']);

  // A click on a non-compliant estate on the map opens its row with its checks, in view, and outlines it.
  const failing = cli.estates.find((estate) => estate.verdict === 'non_compliant' && estate.id !== firstId && clearOf(positions.get(estate.id)!, facilities))!;
  expect(failing).toBeDefined();
  const failingAt = positions.get(failing.id)!;
  pixel = await mapPixel(page, failingAt[0], failingAt[1]);
  await page.mouse.click(pixel.x, pixel.y);
  const row = page.locator(`[data-testid="review-estate-row"][data-estate="${failing.id}"]`);
  await expect(row).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`[data-testid="review-estate-checks"][data-estate="${failing.id}"] [data-testid="review-check-row"]`)).toHaveCount(failing.checks.length);
  await expect(row).toBeInViewport();
  await expect(map).toHaveAttribute('data-review-selected', failing.id);
  await expect(page.getByTestId('estate-popup')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('review_map_selected.png') });

  // A row chosen in the table: its estate outlined and brought into view, zoomed in.
  const other = cli.estates.find((estate) => estate.id !== failing.id && estate.id !== firstId)!;
  const otherAt = positions.get(other.id)!;
  const before = await mapBounds(page);
  await page.locator(`[data-testid="review-estate-row"][data-estate="${other.id}"]`).click();
  await expect(map).toHaveAttribute('data-review-selected', other.id);
  await expect.poll(async () => (await mapBounds(page))[2] - (await mapBounds(page))[0], { timeout: 15_000 }).toBeLessThan(before[2] - before[0]);
  await expect(map).toHaveAttribute('data-idle', 'true');
  expect(contains(await mapBounds(page), [otherAt[0], otherAt[1], otherAt[0], otherAt[1]])).toBe(true);

  // After a reload the stored review is shown, with its preset and date.
  await page.reload();
  await waitForMap(page);
  const result = page.getByTestId('review-result');
  await expect(result).toHaveAttribute('data-preset', 'nanhai');
  await expect(page.getByTestId('review-estate-row')).toHaveCount(cli.estates.length);
  for (const [k, estate] of cli.estates.entries()) {
    await expect(page.getByTestId('review-estate-row').nth(k)).toHaveAttribute('data-verdict', estate.verdict);
  }
  await expect(page.getByTestId('review-stored')).toHaveAttribute('data-presets', `nanhai@${cli.preset.version}`);
  await expect(page.getByTestId('review-stored')).toContainText('Last review');
  const reviewedAt = await page.getByTestId('review-stored').getAttribute('data-reviewed-at');
  expect(Number.isNaN(Date.parse(reviewedAt ?? ''))).toBe(false);
  await expect(page.getByTestId('map')).toHaveAttribute('data-review-estates', String(cli.estates.length));

  // The stored review as a workbook (a download in the browser): one row per estate and rule, with the date.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-export-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('estate_reviews.xlsx');
  const saved = join(workDir, 'estate_reviews.xlsx');
  await download.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  const sheet = workbook.worksheets[0];
  expect(sheet.rowCount - 1).toBe(cli.estates.reduce((sum, estate) => sum + Math.max(1, estate.checks.length), 0));
  expect(sheet.getRow(1).getCell(14).value).toBe('reviewed_at');
  expect(sheet.getRow(2).getCell(14).value).toBe(reviewedAt);
  await expect(page.getByTestId('review-exported')).toContainText('estate_reviews.xlsx');

  // Per area: the chooser offers the levels of the boundaries layer; the rows are those of the CLI.
  const chooser = page.getByTestId('compliance-by-area');
  // The sample's own boundary (武汉市) is a city; the fixture adds streets and communities.
  await expect(chooser.locator('option')).toHaveText(['Whole project only', 'Project and each City', 'Project and each Street', 'Project and each Community']);
  await page.getByTestId('review-preset').selectOption('doumen');
  await chooser.selectOption('street');
  await page.getByTestId('compliance-run').click();
  await expect(page.getByTestId('compliance-result')).toHaveAttribute('data-by-area', 'street');
  const district = await sitingJson<CliCheck>(['check', server.projectPath, '--by-area', 'street', '--preset', 'doumen']);
  expect(district.byArea).toBe('street');
  const rows = page.getByTestId('compliance-row');
  await expect(rows).toHaveCount(district.checks.length);
  for (const [k, check] of district.checks.entries()) {
    const shown = rows.nth(k);
    await expect(shown).toHaveAttribute('data-rule', check.rule);
    await expect(shown).toHaveAttribute('data-scope', check.scope);
    await expect(shown).toHaveAttribute('data-verdict', check.verdict);
    await expect(shown).toHaveAttribute('data-value', check.value === null ? '' : String(check.value));
    await expect(shown).toHaveAttribute('data-failing', String(check.failing.length));
  }
  expect(district.checks.some((check) => check.scope === 'West street (illustrative)')).toBe(true);

  // A row with failing units: they are drawn on the map (each name one unit of this fixture) and in the legend.
  const withFailing = district.checks.findIndex((check) => check.failing.length > 0 && check.group === 'urban_community');
  expect(withFailing).toBeGreaterThanOrEqual(0);
  const names = district.checks[withFailing].failing;
  expect(names.every((name) => name.endsWith('north (illustrative)'))).toBe(true);
  await rows.nth(withFailing).click();
  await expect(rows.nth(withFailing)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('map')).toHaveAttribute('data-idle', 'true');
  await page.screenshot({ path: test.info().outputPath('review_map_failing_units.png') });
  await expect(page.getByTestId('map')).toHaveAttribute('data-review-failing-units', String(names.length));
  await expect(page.getByTestId('review-legend-failing')).toHaveAttribute('data-count', String(names.length));
  await expect(rows.nth(withFailing).getByTestId('compliance-failing')).toContainText(names[0]);
  // The whole project's row of a per-street rule lists the failing streets: those are drawn then.
  const streetRow = district.checks.findIndex((check) => check.scope === 'district' && check.failing.some((name) => name.includes('street')));
  if (streetRow >= 0) {
    await rows.nth(streetRow).click();
    await expect(page.getByTestId('map')).toHaveAttribute('data-review-failing-units', String(district.checks[streetRow].failing.length));
  }
  await rows.nth(streetRow >= 0 ? streetRow : withFailing).click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-review-failing-units', '0');
});
