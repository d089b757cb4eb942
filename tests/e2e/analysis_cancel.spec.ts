/**
 * Cancelling long runs: the analysis right after it starts (while its data loads), and a site
 * suggestion in the middle of its computation (a 60 m candidate grid: tens of thousands of
 * candidate sites). Either way the panel returns to idle with no result and no error, and the next
 * run works (cancelling terminated the worker; a fresh one starts).
 */
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { openTab } from './tabs';

test('cancelling a run returns to idle without result or error', async ({ page, server, workDir }) => {
  test.setTimeout(240_000);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await importTestFacilities(page, workDir);

  // The analysis, cancelled at once: Run, then Cancel as soon as it is on screen (one frame later,
  // while the data is still on its way from the host), in the page so no round trip comes between.
  await openTab(page, 'analyse');
  const access = page.getByTestId('access-panel');
  const cancelled = await page.evaluate(async () => {
    const byTestId = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
    byTestId('access-run')?.click();
    await new Promise(requestAnimationFrame);
    const cancel = byTestId('access-progress-cancel');
    cancel?.click();
    return cancel !== null;
  });
  expect(cancelled).toBe(true);
  await expect(access).toHaveAttribute('data-phase', 'idle');
  await expect(page.getByTestId('access-progress')).toHaveCount(0);
  await expect(page.getByTestId('access-result')).toHaveCount(0);
  await expect(page.getByTestId('access-error')).toHaveCount(0);
  await expect(page.getByTestId('access-run')).toBeEnabled();
  await expect(page.getByTestId('map')).toHaveAttribute('data-gaps', '0');

  // A suggestion, cancelled while the worker computes (progress reported, not finished).
  const suggest = page.getByTestId('suggest-panel');
  await page.getByTestId('suggest-grid').fill('60');
  await page.getByTestId('suggest-run').click();
  await expect(suggest).toHaveAttribute('data-phase', 'computing', { timeout: 60_000 });
  await expect(page.getByTestId('suggest-progress-label')).toContainText('%');
  await page.getByTestId('suggest-progress-cancel').click();
  await expect(suggest).toHaveAttribute('data-phase', 'idle');
  await expect(page.getByTestId('suggest-result')).toHaveCount(0);
  await expect(page.getByTestId('suggest-error')).toHaveCount(0);
  await expect(page.getByTestId('map')).toHaveAttribute('data-sites', '0');

  // After a cancel the next run completes in a fresh worker.
  await page.getByTestId('access-run').click();
  await expect(page.getByTestId('access-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('access-threshold-row')).toHaveCount(3);
  await expect(page.getByTestId('access-error')).toHaveCount(0);
});
