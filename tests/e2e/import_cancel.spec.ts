/**
 * Cancel really cancels: the ten real WorldPop age/sex bands of Wuhan (1662 x 1668 cells each, summed
 * into 494,676 cells of 60+) are imported over the sample's grid with "Replace"; the dialog shows the
 * host's progress as a percentage, Cancel is pressed part-way, and afterwards the population layer
 * still has the sample's 24,470 cells (the replace was rolled back too) and the project's audit log
 * has no new import entry.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, parseCount, test, waitForCoverage, waitForMap } from './fixtures';
import { openImportPreview, waitForCurrentPreview } from './import_helpers';
import { testData } from '../helpers/test_data';

const BANDS = testData('wuhan/worldpop_agesex_60plus');
const SAMPLE_CELLS = 24_470;

/** The project's audit entries with action 'import', read through the host's API with the session token. */
async function importEntries(request: APIRequestContext, serverUrl: string): Promise<unknown[]> {
  const url = new URL(serverUrl);
  const reply = await request.post(`${url.origin}/api/audit:list`, {
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
    data: { limit: 10_000 },
  });
  const body = (await reply.json()) as { ok: boolean; value: Array<{ action: string }> };
  expect(body.ok).toBe(true);
  return body.value.filter((entry) => entry.action === 'import');
}

test('cancel part-way through a real GeoTIFF import: progress was shown, nothing is written', async ({ page, server }) => {
  test.setTimeout(180_000);
  const bands = readdirSync(BANDS).filter((name) => name.endsWith('.tif')).sort().map((name) => join(BANDS, name));
  expect(bands).toHaveLength(10);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  const countBefore = parseCount((await page.getByTestId('layer-count-population').textContent()) ?? '');
  expect(countBefore).toBe(SAMPLE_CELLS);
  const importsBefore = await importEntries(page.request, server.url);

  await openImportPreview(page, 'population', bands);
  await expect(page.getByTestId('import-preview-summary')).toHaveAttribute('data-format', 'geotiff');
  await page.getByTestId('import-replace').check();
  await waitForCurrentPreview(page);
  // The bar shows the host's fraction (also as data-progress: parsing is the first 60 %, writing the
  // rest). A watcher in the page clicks Cancel the moment it shows any value part-way (the ten bands
  // now parse in a few polls of the bar, so the first value shown is taken): on a busy
  // machine a round trip of the test runner per look can miss the whole parse. Only up to half way:
  // the bar shows the host's last polled fraction, and a cancel seen at 84 % could reach the host
  // after the write's last step (seen on a loaded machine: the notice then says "written").
  await page.evaluate(() => {
    const state = window as unknown as { cancelledAt?: { value: number; phase: string; text: string } };
    const timer = setInterval(() => {
      const bar = document.querySelector<HTMLElement>('[data-testid="import-progress-bar"]');
      const value = Number(bar?.dataset.progress ?? 0);
      if (!(value > 0 && value < 0.5)) return;
      clearInterval(timer);
      const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent ?? '';
      state.cancelledAt = { value, phase: bar?.dataset.phase ?? '', text };
      document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]')?.click();
    }, 5);
  });
  await page.getByTestId('import-submit').click();
  const atCancel = (await (
    await page.waitForFunction(() => (window as unknown as { cancelledAt?: unknown }).cancelledAt, undefined, { timeout: 120_000 })
  ).jsonValue()) as { value: number; phase: string; text: string };
  // The text shows the same fraction as the bar, and the phase the host reported.
  const shown = /^(\d+) % · (reading and checking every record|writing to the project)/.exec(atCancel.text);
  expect(shown, atCancel.text).not.toBeNull();
  expect(Number(shown![1])).toBe(Math.floor(atCancel.value * 100));
  expect(shown![2]).toBe(atCancel.phase === 'writing' ? 'writing to the project' : 'reading and checking every record');

  const notice = page.getByTestId('import-cancelled');
  await expect(notice).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(notice).toContainText('Import cancelled: nothing was written to “Population grid”.');
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/import_preview_cancelled_en.png' });

  await page.getByTestId('import-dialog-close').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('layer-count-population')).toContainText(new Intl.NumberFormat('en').format(SAMPLE_CELLS));
  expect(await importEntries(page.request, server.url)).toEqual(importsBefore);
});
