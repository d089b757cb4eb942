/**
 * A file with a bad row is refused as a whole, and the panel says in plain language which row and
 * field are wrong and what to do; nothing is imported. A second population grid without “Replace” is
 * refused (its counts would be added to the grid's) with what to tick instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { openImportPreview } from './import_helpers';
import { testData } from '../helpers/test_data';
import { openTab } from './tabs';

test('a bad facility row is reported with its row and field, and nothing is imported', async ({ page, server, workDir }) => {
  const csvPath = join(workDir, 'bad_facilities.csv');
  // Second data row: latitude 130.58 is impossible (a typo for 30.58).
  writeFileSync(csvPath, 'name,lon,lat\n测试设施 1,114.2900,30.5800\n测试设施 2,114.3000,130.5800\n', 'utf8');
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);

  await openTab(page, 'data');
  await page.getByTestId('import-file-input').setInputFiles(csvPath);
  await page.getByTestId('import-submit').click();
  const result = page.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-outcome', 'error');
  const message = page.getByTestId('import-error');
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toContainText('bad_facilities.csv');
  await expect(message).toContainText('row 2');
  await expect(message).toContainText('latitude');
  await expect(message).toContainText('Correct the file or value named here and try again.');
  await expect(page.getByTestId('import-submit')).toBeEnabled();

  await expect(page.getByTestId('layer-count-facilities')).toContainText('0');
  await expect(page.getByTestId('map')).toHaveAttribute('data-facilities', '0');
  // (the dialog is still open over the panel; the Analyse tab's figure is read as it stands)
  await expect(page.getByTestId('coverage-facilities')).toHaveText('0');
});

test('a second population grid without “Replace” is refused in plain words, and the grid stays as it was', async ({ page, server }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await expect(page.getByTestId('layer-count-population')).toContainText('24,470');

  await openImportPreview(page, 'population', [testData('wuhan/wuhan_core_grid_100m.csv')]);
  await expect(page.getByTestId('import-replace')).not.toBeChecked();
  await page.getByTestId('import-submit').click();
  const message = page.getByTestId('import-error');
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toHaveText(
    'The population grid already has 24,470 cells. Tick “Replace the features already in this layer” to import this grid instead.',
  );
  // The box the message names is labelled so, and its label says what happens without it.
  await expect(page.getByLabel(/^Replace the features already in this layer \(.*refused/)).toHaveAttribute('data-testid', 'import-replace');
  await page.screenshot({ path: test.info().outputPath('population_refused_en.png') });
  await expect(page.getByTestId('layer-count-population')).toContainText('24,470');
});
