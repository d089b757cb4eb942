/**
 * Scenarios: create, duplicate, rename, delete, switch, mark as plan, compare two side by side (a
 * modal dialog: focus stays inside, Delete and Ctrl+Z do not reach the workspace behind it) — then
 * reload the page and restart the server on the same file: everything is still there. The CLI
 * reads the same project file to check what was saved.
 */
import { expect, startServer, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { cliProposals, cliScenarioCoverage, createScenario, mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

const options = (page: import('@playwright/test').Page) => page.getByTestId('scenario-select').locator('option');

test('create, duplicate, rename, delete, switch and compare scenarios; all persisted', async ({ page, server, workDir }) => {
  // Many steps, each saved and read back with the CLI: give a busy machine time.
  test.setTimeout(300_000);
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);

  // Scenario A with one proposal, added at the map centre (the keyboard way).
  await createScenario(page, '方案A');
  await page.getByTestId('proposal-add-centre').click();
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');

  // Duplicate (default name offered), then rename the copy to B and add a second proposal there.
  await page.getByTestId('scenario-duplicate').click();
  await expect(page.getByTestId('scenario-name')).toHaveValue('方案A (copy 1)');
  await page.getByTestId('scenario-name-ok').click();
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('方案A (copy 1)');
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await page.getByTestId('scenario-rename').click();
  await page.getByTestId('scenario-name').fill('方案B');
  await page.getByTestId('scenario-name-ok').click();
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('方案B');
  await page.getByTestId('proposal-place').click();
  const at = await mapPixel(page, 114.3235, 30.5935);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');

  // A scenario made by mistake is deleted (after confirming); the view falls back to the baseline.
  await createScenario(page, '临时方案');
  await page.getByTestId('scenario-delete').click();
  await expect(page.getByTestId('scenario-delete-confirm')).toContainText('临时方案');
  await page.getByTestId('scenario-delete-yes').click();
  await expect(options(page)).toHaveText(['Baseline (existing facilities only)', '方案A', '方案B']);
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('Baseline (existing facilities only)');
  await expect(page.getByTestId('baseline-hint')).toBeVisible();

  // Switch: each scenario shows its own proposals and figures (equal to the CLI's for that scenario).
  await page.getByTestId('scenario-select').selectOption({ label: '方案A' });
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  const cliA = await cliScenarioCoverage(server.projectPath, '方案A');
  await expect.poll(async () => Number(await page.getByTestId('figure-coverage-1000').getAttribute('data-after'))).toBeCloseTo(cliA.elderly.ratio, 12);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-facilities')).toHaveText('5');
  await openTab(page, 'plan');
  await page.getByTestId('scenario-select').selectOption({ label: '方案B' });
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  const cliB = await cliScenarioCoverage(server.projectPath, '方案B');
  await expect.poll(async () => Number(await page.getByTestId('figure-coverage-1000').getAttribute('data-after'))).toBeCloseTo(cliB.elderly.ratio, 12);
  expect(cliB.elderly.covered).toBeGreaterThan(cliA.elderly.covered);

  // Mark B as the plan.
  await page.getByTestId('scenario-set-plan').click();
  await expect(page.getByTestId('plan-badge')).toBeVisible();
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('方案B ★ plan');

  // A proposal of B selected: Delete or Ctrl+Z would remove it if they reached the workspace.
  await page.getByTestId('proposal-list').locator('li button').first().click();
  await expect(page.getByTestId('proposal-form')).toBeVisible();
  // (Choosing it zoomed the map in to street level: back out to see both scenarios' sites.)
  const mainMap = page.getByTestId('map');
  await expect.poll(async () => Number(await mainMap.getAttribute('data-zoom'))).toBeGreaterThanOrEqual(14);
  for (let step = 0; step < 3; step++) await mainMap.locator('.maplibregl-ctrl-zoom-out').click();
  await expect.poll(async () => Number(await mainMap.getAttribute('data-zoom'))).toBeLessThan(12);

  // Compare A (left) and B (right): figures with differences, two maps.
  await page.getByTestId('scenario-compare').click();
  const compare = page.getByTestId('compare-dialog');
  await expect(compare).toBeVisible();

  // Modal: focus starts on Close and stays in the dialog (Tab and Shift+Tab wrap around), the page
  // behind is inert, and Delete / Ctrl+Z do not act on the workspace hidden behind it.
  await expect(page.getByTestId('compare-close')).toBeFocused();
  await expect(page.locator('#root')).toHaveAttribute('inert', '');
  const focusInDialog = () => page.evaluate(() => document.querySelector('[data-testid="compare-dialog"]')?.contains(document.activeElement) ?? false);
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog()).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog()).toBe(true);
  }
  await page.getByTestId('compare-close').focus();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+z');
  await expect(compare).toBeVisible();
  await page.getByTestId('compare-left').selectOption({ label: '方案A' });
  await page.getByTestId('compare-right').selectOption({ label: '方案B ★' });
  await expect(page.getByTestId('compare-proposals')).toHaveAttribute('data-left', '1');
  await expect(page.getByTestId('compare-proposals')).toHaveAttribute('data-right', '2');
  const row = page.getByTestId('compare-coverage-1000');
  await expect.poll(async () => Number(await row.getAttribute('data-left'))).toBeCloseTo(cliA.elderly.ratio, 12);
  await expect.poll(async () => Number(await row.getAttribute('data-right'))).toBeCloseTo(cliB.elderly.ratio, 12);
  const points = Math.round((cliB.elderly.ratio - cliA.elderly.ratio) * 1000) / 10;
  await expect(row.locator('td').last()).toHaveText(`+${points.toFixed(1)} pp`);
  for (const side of ['left', 'right']) {
    const map = page.getByTestId(`compare-map-${side}`);
    await expect(map).toHaveAttribute('data-map-ready', 'true');
    await expect(map).toHaveAttribute('data-idle', 'true');
    await expect(map).toHaveAttribute('data-population-cells', '24470');
  }
  await expect(page.getByTestId('compare-map-left')).toHaveAttribute('data-proposals', '1');
  await expect(page.getByTestId('compare-map-right')).toHaveAttribute('data-proposals', '2');
  // The right map has fewer uncovered cells (B covers more).
  const uncovered = async (side: string) => Number(await page.getByTestId(`compare-map-${side}`).getAttribute('data-uncovered-cells'));
  expect(await uncovered('right')).toBeLessThan(await uncovered('left'));
  await page.screenshot({ path: 'docs/screenshots/workspace_compare_en.png' });
  // Mark A as the plan from the comparison, then close it with Escape: focus returns to "Compare…".
  await page.getByTestId('compare-plan-left').click();
  await expect(page.getByTestId('compare-left').locator('option:checked')).toHaveText('方案A ★');
  await page.keyboard.press('Escape');
  await expect(compare).toHaveCount(0);
  await expect(page.getByTestId('scenario-compare')).toBeFocused();
  await expect(page.locator('#root')).not.toHaveAttribute('inert', '');
  // The keys pressed in the dialog changed nothing: B still has both proposals, on screen and on file.
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  expect(await cliProposals(server.projectPath, workDir, '方案B')).toHaveLength(2);

  // Reload the page: same scenario (B), proposals and plan.
  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('方案B');
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  await expect(options(page)).toHaveText(['Baseline (existing facilities only)', '方案A ★ plan', '方案B']);

  // Restart the server: a new session opens on the plan (A); B still has its two proposals.
  await server.stop();
  const restarted = await startServer(server.projectPath);
  try {
    await page.goto(restarted.url);
    await waitForMap(page);
    // A new session (another address): the window opens on its default tab.
    await openTab(page, 'plan');
    await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('方案A ★ plan');
    await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
    await page.getByTestId('scenario-select').selectOption({ label: '方案B' });
    await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
    expect(await cliProposals(restarted.projectPath, workDir, '方案A')).toHaveLength(1);
    expect(await cliProposals(restarted.projectPath, workDir, '方案B')).toHaveLength(2);

    // The same workspace in Chinese.
    await page.getByTestId('language-select').selectOption('zh');
    await expect(page.getByTestId('scenario-panel')).toContainText('规划方案');
    await expect(page.getByTestId('live-figures')).toContainText('每千名老年人床位数');
    await waitForMap(page);
    await page.getByTestId('scenario-panel').evaluate((section) => section.scrollIntoView());
    await page.screenshot({ path: 'docs/screenshots/workspace_scenarios_zh.png' });
  } finally {
    await restarted.stop();
  }
});
