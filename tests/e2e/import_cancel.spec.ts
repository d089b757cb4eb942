/**
 * Cancel during an import is honest: the request is aborted, but the local host finishes a parse it
 * has started and writes all records in one transaction — the dialog says so, watches the audit log
 * and reports that the import was written after all, with its count (and the layer count agrees).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../bench/bench_util';
import { expect, parseCount, test, waitForCoverage, waitForMap } from './fixtures';
import { openImportPreview } from './import_helpers';

/** Large enough that the host is still reading when Cancel is pressed (seconds, not milliseconds). */
const ROWS = 60_000;

test('cancel stops waiting, and the dialog finds out that the host wrote the import anyway', async ({ page, server, workDir }) => {
  // Test fixture, not real facilities: made-up elderly canteens scattered over the sample extent
  // (a kind outside the analysis, so no service circles are drawn for them).
  const random = mulberry32(5);
  const lines = ['name,lon,lat,kind,illustrative'];
  for (let i = 0; i < ROWS; i++) lines.push(`测试食堂${i},${(114.2 + random() * 0.16).toFixed(6)},${(30.5 + random() * 0.14).toFixed(6)},canteen,1`);
  const csvPath = join(workDir, 'many_canteens.csv');
  writeFileSync(csvPath, lines.join('\n') + '\n', 'utf8');

  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openImportPreview(page, 'facilities', [csvPath]);
  await expect(page.getByTestId('import-preview-summary')).toHaveAttribute('data-rows', String(ROWS));

  const sent = page.waitForRequest((request) => request.url().endsWith('/api/layer:import'));
  await page.getByTestId('import-submit').click();
  await sent;
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.getByTestId('import-cancel').click();

  const notice = page.getByTestId('import-cancelled');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The host cannot stop an import it has started');
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  await expect(notice).toHaveAttribute('data-status', 'written', { timeout: 90_000 });
  await expect(notice).toContainText('It finished anyway: 60,000 features were written to “Facilities”');
  await page.screenshot({ path: 'docs/screenshots/import_preview_cancelled_en.png' });

  await page.getByTestId('import-dialog-close').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('layer-count-facilities')).toContainText(new Intl.NumberFormat('en').format(ROWS));
  expect(parseCount((await page.getByTestId('layer-count-facilities').textContent()) ?? '')).toBe(ROWS);
});
