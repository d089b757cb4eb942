/**
 * Importing a facility CSV through the file input draws service circles and updates the coverage
 * figures, which equal what `siting analyze` computes for the same project file.
 */
import { cliAnalyze, expect, parseCount, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { openTab } from './tabs';

test('importing facilities draws circles and updates coverage like the CLI', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-elderly-covered')).toHaveText('0');

  await importTestFacilities(page, workDir);

  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-facilities', '4');
  await expect(map).toHaveAttribute('data-circles', '4');
  await expect(page.getByTestId('legend-circles')).toHaveAttribute('data-count', '4');
  await waitForMap(page);
  // MapLibre really drew them: distinct circle and facility features in the rendered view.
  await expect(map).toHaveAttribute('data-rendered-circles', '4');
  await expect(map).toHaveAttribute('data-rendered-facilities', '4');
  await expect(page.getByTestId('legend-facilities')).toContainText('(illustrative)');

  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-facilities')).toHaveText('4');
  const covered = parseCount(await page.getByTestId('coverage-elderly-covered').innerText());
  expect(covered).toBeGreaterThan(0);

  const cli = await cliAnalyze(server.projectPath);
  expect(cli.facilities).toBe(4);
  expect(covered).toBe(Math.round(cli.elderly.covered));
  const shownPercent = parseCount(await page.getByTestId('coverage-ratio').innerText());
  expect(Math.abs(shownPercent - (cli.elderly.ratio ?? 0) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
  const [cellsCovered, cellsTotal] = (await page.getByTestId('coverage-cells').innerText()).split('/').map(parseCount);
  expect(cellsCovered).toBe(cli.cells.covered);
  expect(cellsTotal).toBe(cli.cells.total);
  // Uncovered cells on the map are the cells the analysis did not cover.
  await expect(map).toHaveAttribute('data-uncovered-cells', String(cli.cells.total - cli.cells.covered));

  await waitForMap(page);
  await page.getByRole('complementary').evaluate((panel) => panel.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/after-import-en.png' });

  // A facility from the list: the map centres on it and its popup shows its fields.
  await openTab(page, 'data');
  await page.getByTestId('facility-list').locator('summary').click();
  await page.getByTestId('facility-list').getByRole('button', { name: /测试日间照料中心 B/ }).click();
  const popup = page.getByTestId('facility-popup');
  await expect(popup).toBeVisible();
  await expect(popup).toContainText('测试日间照料中心 B (illustrative)');
  await expect(popup).toContainText('Day-care centre');
  await expect(popup).toContainText('江汉区（测试）');
  await waitForMap(page);
  await page.screenshot({ path: 'test-results/facility-popup-en.png' });

  // Clicking the facility on the map (now at the centre) opens the same popup.
  await page.locator('.maplibregl-popup-close-button').click();
  await expect(popup).toHaveCount(0);
  const box = await map.boundingBox();
  if (!box) throw new Error('map has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('facility-popup')).toContainText('测试日间照料中心 B');
});
