/**
 * From a coverage gap of the accessibility analysis to a proposal: choosing a gap in the list zooms
 * to it, and "Propose" adds a proposal at its centre of older people (the CLI's gap, same engine),
 * noted with the gap it closes; the live figures show fewer older people uncovered. Ctrl+Z and
 * Ctrl+Shift+Z then work from the button and after a checkbox, and the file follows each step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { sitingJson } from './analysis_helpers';
import { haversineM } from './import_helpers';
import { importTestFacilities } from './test_facilities';
import { cliProposals, createScenario } from './workspace_helpers';
import { openTab } from './tabs';

const SCENARIO = '缺口补点方案';

test('propose a facility from a gap of the accessibility analysis, then undo and redo it', async ({ page, server, workDir }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await importTestFacilities(page, workDir);
  await createScenario(page, SCENARIO);

  // In a scenario that can be edited, the gap list offers to propose once a gap is chosen.
  await openTab(page, 'analyse');
  await page.getByTestId('access-run').click();
  await expect(page.getByTestId('access-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('gap-propose-hint')).toBeVisible();

  const gapsPath = join(workDir, 'gaps.geojson');
  await sitingJson(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station', '--gaps', '--gaps-out', gapsPath]);
  const gaps = JSON.parse(readFileSync(gapsPath, 'utf8')) as { features: Array<{ properties: { rank: number; elderlyCentroid: [number, number] } }> };
  const gap1 = gaps.features.find((feature) => feature.properties.rank === 1);
  if (!gap1) throw new Error('the CLI lists no gap 1');
  const [lon, lat] = gap1.properties.elderlyCentroid;

  const uncoveredBefore = Number(await page.getByTestId('figure-uncovered').getAttribute('data-after'));
  await page.getByTestId('gap-1').click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-selected-gap', '1');
  await expect(page.getByTestId('gap-propose')).toHaveText('＋ Propose a facility in gap #1');
  await page.getByTestId('gap-propose').click();
  // (the proposal list is in the Plan tab: read as it stands, the focus stays on the button used)
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('proposal-note')).toHaveValue('Coverage gap 1 · 1,000 m');
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, SCENARIO)).length).toBe(1);
  const [stored] = await cliProposals(server.projectPath, workDir, SCENARIO);
  // At the gap's centre of older people (the draft rounds to 1e-7°, ~1 cm).
  expect(haversineM(stored.lon, stored.lat, lon, lat)).toBeLessThan(0.05);
  expect(Number(await page.getByTestId('figure-uncovered').getAttribute('data-after'))).toBeLessThan(uncoveredBefore);
  await waitForMap(page);
  await page.getByTestId('gap-list').evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: testInfo.outputPath('gap_proposal_en.png') });

  // Ctrl+Z with the focus on the button just used: the proposal goes, in the file too.
  await expect(page.getByTestId('gap-propose')).toBeFocused();
  await page.keyboard.press('Control+z');
  await openTab(page, 'plan');
  await expect(page.getByTestId('proposal-list')).toHaveCount(0);
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, SCENARIO)).length).toBe(0);

  // After switching a layer with its checkbox, Ctrl+Shift+Z still reaches the workspace. (With the
  // accessibility result on the map the coverage circles are off the map and out of the legend.)
  await expect(page.getByTestId('legend-toggle-circles')).toHaveCount(0);
  await page.getByTestId('legend-toggle-facilities').uncheck();
  await page.getByTestId('legend-toggle-facilities').check();
  await expect(page.getByTestId('legend-toggle-facilities')).toBeFocused();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, SCENARIO)).length).toBe(1);
});
