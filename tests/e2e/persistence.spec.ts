/**
 * The project file keeps the imported facilities and settings: after a restart of the server on the
 * same file, the map and the figures are what they were.
 */
import { expect, parseCount, startServer, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { openTab } from './tabs';

test('facilities and figures survive a server restart on the same project file', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-facilities')).toHaveText('4');
  // A non-default radius, saved in the project's settings.
  await page.getByTestId('radius-preset-500').click();
  await waitForCoverage(page);
  await expect(page.getByTestId('coverage-radius')).toHaveText('500 m');
  const coveredBefore = await page.getByTestId('coverage-elderly-covered').innerText();
  const ratioBefore = await page.getByTestId('coverage-ratio').innerText();
  expect(parseCount(coveredBefore)).toBeGreaterThan(0);

  // The page leaves before its server stops (as when the window closes): its polls of the host
  // (import jobs, changes by other programs) would otherwise log refused connections.
  await page.goto('about:blank');
  await server.stop();
  const restarted = await startServer(server.projectPath);
  try {
    await page.goto(restarted.url);
    await waitForMap(page);
    await waitForCoverage(page);
    await expect(page.getByTestId('map')).toHaveAttribute('data-facilities', '4');
    await expect(page.getByTestId('layer-count-facilities')).toContainText('4');
    await expect(page.getByTestId('coverage-radius')).toHaveText('500 m');
    await expect(page.getByTestId('radius-preset-500')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('coverage-facilities')).toHaveText('4');
    await expect(page.getByTestId('coverage-elderly-covered')).toHaveText(coveredBefore);
    await expect(page.getByTestId('coverage-ratio')).toHaveText(ratioBefore);
    await expect(page.getByTestId('map')).toHaveAttribute('data-rendered-circles', '4');
  } finally {
    await restarted.stop();
  }
});
