/**
 * Find and the layers panel on the Wuhan sample: a facility found by part of its name opens at
 * street level with its popup; the largest coverage gap is found by rank, zoomed to and receives a
 * proposal that shrinks the uncovered figure; the city boundary is found by name. Layers switch off
 * and on (checked on what MapLibre drew), change opacity and order, show another age group (the
 * legend's classes follow the real 80+ counts) and filter facilities by status.
 */
import { readFileSync } from 'node:fs';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { createScenario } from './workspace_helpers';
import { testData } from '../helpers/test_data';
import { openTab } from './tabs';

const GRID_CSV = testData('wuhan/wuhan_core_grid_100m.csv');

function column(name: string): number[] {
  const [header, ...rows] = readFileSync(GRID_CSV, 'utf8').trim().split(/\r?\n/);
  const at = header.split(',').indexOf(name);
  if (at < 0) throw new Error(`${GRID_CSV} has no column ${name}`);
  return rows.map((row) => Number(row.split(',')[at]));
}

test('find a facility, a gap and an area; switch, fade and reorder layers', async ({ page, server, workDir }) => {
  // Many steps, each saved and read back with the CLI: give a busy machine time.
  test.setTimeout(300_000);
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  await createScenario(page, '缺口补点方案');
  const map = page.getByTestId('map');
  await waitForMap(page);

  // A facility by part of its name (keyboard: type, Enter).
  const find = page.getByTestId('find-input');
  await find.fill('中心 c');
  await expect(page.getByTestId('find-results').getByRole('option').first()).toContainText('测试日间照料中心 C');
  await find.press('Enter');
  await expect(page.getByTestId('facility-popup')).toContainText('测试日间照料中心 C');
  await page.locator('.maplibregl-popup-close-button').click();
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThanOrEqual(14);

  // The largest coverage gap: zoom to it and propose a site at its centre of older people.
  const uncoveredBefore = Number(await page.getByTestId('figure-uncovered').getAttribute('data-after'));
  await find.fill('gap');
  const gap = page.getByTestId('find-results').getByRole('option').first();
  await expect(gap).toContainText('Coverage gap 1');
  await expect(gap).toContainText('older people uncovered');
  await gap.getByTestId('find-propose-gap').click();
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');
  await expect(page.getByTestId('proposal-note')).toHaveValue('Coverage gap 1');
  const uncoveredAfter = Number(await page.getByTestId('figure-uncovered').getAttribute('data-after'));
  expect(uncoveredAfter).toBeLessThan(uncoveredBefore);

  // Layers: facilities off (nothing drawn), on again; the panel and the legend agree.
  await openTab(page, 'data');
  await page.getByTestId('layers-panel').locator('summary').click();
  await page.getByTestId('facility-list').evaluate((element) => element.scrollIntoView());
  await page.getByTestId('layer-visible-facilities').uncheck();
  await expect(page.getByTestId('legend-toggle-facilities')).not.toBeChecked();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-facilities', '0');
  await page.getByTestId('legend-toggle-facilities').check();
  await expect(page.getByTestId('layer-visible-facilities')).toBeChecked();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-facilities', '4');

  // Status filter: without "existing" no facility is drawn.
  await page.getByTestId('layer-status-existing').uncheck();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-facilities', '0');
  await page.getByTestId('layer-status-existing').check();
  await waitForMap(page);
  await expect(map).toHaveAttribute('data-rendered-facilities', '4');

  // Opacity and order.
  const opacity = page.getByTestId('layer-opacity-population');
  await opacity.focus();
  for (let i = 0; i < 8; i++) await opacity.press('ArrowLeft');
  await expect(page.getByTestId('layer-opacity-population')).toHaveAttribute('aria-valuetext', '60%');
  const rows = page.getByTestId('layers-panel').locator('li.layer-row');
  const order = async () => (await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid'))));
  const before = await order();
  expect(before.indexOf('layer-proposals')).toBeLessThan(before.indexOf('layer-facilities'));
  await page.getByTestId('layer-down-proposals').click();
  await expect.poll(order).not.toEqual(before);
  const after = await order();
  expect(after.indexOf('layer-proposals')).toBe(before.indexOf('layer-proposals') + 1);

  // Age group 80+: the legend's classes now span the real 80+ counts of the cells.
  await page.getByTestId('layer-age-group').selectOption('age80');
  const legend = page.getByTestId('legend');
  await expect(legend).toContainText('Aged 80+');
  const age80 = column('pop80plus');
  const max80 = Math.max(...age80);
  const ranges = page.getByTestId('legend-classes').locator('li');
  await expect(ranges.nth(4)).toContainText(`– ${max80 >= 10 ? Math.round(max80) : (Math.round(max80 * 10) / 10).toString()}`);
  await waitForMap(page);
  await page.getByTestId('layers-panel').evaluate((element) => element.scrollIntoView());
  await page.screenshot({ path: 'docs/screenshots/workspace_layers_en.png' });

  // The city by its boundary's name: the view fits the whole boundary.
  await find.fill('武汉');
  await page.getByTestId('find-results').getByTestId('find-result-boundary').click();
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeLessThan(10);
});
