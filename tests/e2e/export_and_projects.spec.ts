/**
 * Export downloads the layer's real content; Save As switches to a copy of the project, and the
 * recent list opens the original again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { openProjectActions, openTab } from './tabs';

/** Picks New / Open / Save as the way a user does: by its label (the radio itself is styled away). */
async function chooseMode(page: Page, mode: 'new' | 'open' | 'saveAs'): Promise<void> {
  await page.locator('label', { has: page.getByTestId(`project-mode-${mode}`) }).click();
  await expect(page.getByTestId(`project-mode-${mode}`)).toBeChecked();
}

test('export a layer as a download, save as a copy, reopen the original from the recent list', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);

  // Export: the browser receives a GeoJSON file with the four imported facilities.
  await openTab(page, 'data');
  await page.getByTestId('export-section').locator('summary').click();
  await page.getByTestId('export-layer').selectOption('facilities');
  await page.getByTestId('export-format').selectOption('geojson');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-submit').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('facilities.geojson');
  const savedPath = join(workDir, 'export.geojson');
  await download.saveAs(savedPath);
  const exported = JSON.parse(readFileSync(savedPath, 'utf8')) as { type: string; features: Array<{ properties: Record<string, unknown> }> };
  expect(exported.type).toBe('FeatureCollection');
  expect(exported.features.map((feature) => feature.properties.name).sort()).toEqual([
    '测试日间照料中心 A',
    '测试日间照料中心 B',
    '测试日间照料中心 C',
    '测试日间照料中心 D',
  ]);
  await expect(page.getByTestId('export-result')).toContainText('4 features exported as facilities.geojson');

  // Save As: the app now works on the copy, with the same data and figures.
  await openTab(page, 'analyse');
  const coveredBefore = await page.getByTestId('coverage-elderly-covered').innerText();
  // The browser host keeps copies in its projects folder (the config folder's, set by the fixture).
  const copyPath = join(workDir, 'config', 'projects', 'copy.gpkg');
  await openProjectActions(page);
  await chooseMode(page, 'saveAs');
  await page.getByTestId('project-path-input').fill(copyPath);
  await page.getByTestId('project-submit').click();
  await expect(page.getByTestId('project-path')).toHaveText(copyPath);
  await waitForCoverage(page);
  await expect(page.getByTestId('coverage-elderly-covered')).toHaveText(coveredBefore);
  await expect(page.getByTestId('map')).toHaveAttribute('data-facilities', '4');
  // The export message was about the other file: it does not stay after the switch.
  await openTab(page, 'data');
  await expect(page.getByTestId('export-result')).toHaveCount(0);
  await openTab(page, 'project');

  // The original is in the recent list and opens again.
  const recent = page.getByTestId('recent-projects').getByRole('button', { name: server.projectPath, exact: true });
  await expect(recent).toBeVisible();
  await recent.click();
  await expect(page.getByTestId('project-path')).toHaveText(server.projectPath);
  await waitForCoverage(page);
  await expect(page.getByTestId('coverage-elderly-covered')).toHaveText(coveredBefore);

  // Opening a file that does not exist: a plain message, the open project stays.
  await chooseMode(page, 'open');
  await page.getByTestId('project-path-input').fill(join(workDir, 'config', 'projects', 'missing.gpkg'));
  await page.getByTestId('project-submit').click();
  await expect(page.getByTestId('project-action-error')).toContainText('project file not found');
  await expect(page.getByTestId('project-path')).toHaveText(server.projectPath);
});
