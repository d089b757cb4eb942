/**
 * The print layout panel (出图, issue 13) on the Wuhan sample with its illustrative facilities, in the
 * served app: A3 landscape with a title draws a preview whose image has the page's shape (420 : 297)
 * and whose SVG (the host's `map:preview` reply) carries the title; Export PDF downloads an A3
 * landscape page (pdfinfo) with that title (pdftotext); a public map without its 审图号 is warned
 * about, in English and in Chinese.
 *
 * Then what `siting map` does, from the panel: a scenario names the default title (the title field's
 * placeholder); a circle analysis of 1000 m draws the service radius (the preview reply's SVG has its
 * legend entry and analysis note); the preview image is the host's PNG (resvg with the print fonts);
 * an atlas of twenty-four ILLUSTRATIVE street units (rectangles drawn by this test over the core, not real
 * streets) previews a chosen unit's page, exports one 24-page PDF with its progress (page k of n)
 * shown, and a second export cancelled mid-way downloads nothing. Screenshots
 * docs/screenshots/print_panel_{en,zh}.png.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test, waitForMap } from './fixtures';
import { scrollPanelTo } from './analysis_helpers';
import { openTab } from './tabs';

const run = promisify(execFile);
const FACILITIES_CSV = join(repoRoot, 'data', 'samples', 'wuhan-core', 'illustrative_facilities.csv');
const TITLE = 'Wuhan core elderly-care facilities (print test)';

async function importFacilities(page: Page): Promise<void> {
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('facilities');
  await page.getByTestId('import-file-input').setInputFiles(FACILITIES_CSV);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
}

/** Waits until the preview shows the current options (not a stale one being redrawn). */
async function waitForPreview(page: Page): Promise<void> {
  await openTab(page, 'map');
  await expect(page.getByTestId('print-previewing')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('figure.print-preview')).toHaveAttribute('data-stale', 'false');
  await expect.poll(() => page.getByTestId('print-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

test('the print panel previews the sheet, exports an A3 landscape PDF and warns about an empty 审图号, in en and zh', async ({ page, server, workDir }) => {
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await importFacilities(page);

  await openTab(page, 'map');
  const section = page.getByTestId('print-section');
  await section.locator('summary').click();
  await expect(section.getByRole('heading', { name: 'Map', exact: true })).toBeVisible();
  await page.getByTestId('print-paper').selectOption('A3');
  await page.getByTestId('print-orientation').selectOption('landscape');
  // The preview of these options is drawn once typing stops: its reply is the SVG shown.
  const replied = page.waitForResponse(async (response) => response.url().endsWith('/api/map:preview') && (response.request().postData() ?? '').includes(TITLE));
  await page.getByTestId('print-title').fill(TITLE);
  const reply = (await (await replied).json()) as { ok: boolean; value: { svg: string; page: { paperMm: number[]; title: string } } };
  expect(reply.ok).toBe(true);
  expect(reply.value.page.paperMm).toEqual([420, 297]);
  expect(reply.value.svg).toContain(`>${TITLE}</text>`);
  expect(reply.value.svg).toContain('viewBox="0 0 420 297"');

  await waitForPreview(page);
  const preview = page.getByTestId('print-preview');
  await expect(preview).toHaveAttribute('data-title', TITLE);
  await expect(preview).toHaveAttribute('data-paper', '420x297');
  const natural = await preview.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  expect(natural.width / natural.height).toBeCloseTo(420 / 297, 2);
  // Shown at the panel's width with the page's shape.
  const box = (await preview.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(420 / 297, 1);
  await expect(page.getByTestId('print-facts')).toContainText('420 × 297 mm');

  // Export PDF: a download (the browser host gives bytes, never a path) of an A3 landscape page.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('print-export-pdf').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('map.pdf');
  const pdf = join(workDir, 'print-panel.pdf');
  await download.saveAs(pdf);
  await expect(page.getByTestId('print-exported')).toContainText('map.pdf');
  const info = (await run('pdfinfo', [pdf])).stdout;
  expect(info).toMatch(/Page size:\s+1190\.55\d* x 841\.8\d* pts \(A3\)/);
  expect(info).toMatch(/Pages:\s+1\n/);
  expect((await run('pdftotext', [pdf, '-'])).stdout).toContain(TITLE);

  // Public use without the map-review number: warned about, and gone once it is given.
  await page.getByTestId('print-purpose').selectOption('public');
  const warning = page.getByTestId('print-review-warning');
  await expect(warning).toHaveText('A public map needs its map-review number (审图号); the field is empty.');
  await page.getByTestId('print-review-number').fill('鄂S(2026)001号');
  await expect(warning).toHaveCount(0);
  await page.getByTestId('print-review-number').fill('');
  await expect(warning).toBeVisible();
  await page.getByTestId('print-author').fill('Planning Office');
  await waitForPreview(page);

  // In Chinese: the panel and the warning, and the sheet follows the UI language.
  await page.getByTestId('language-select').selectOption('zh');
  await expect(section.getByRole('heading', { name: '出图', exact: true })).toBeVisible();
  await expect(warning).toHaveText('公开使用的地图须有审图号，当前为空。');
  await expect(page.getByTestId('print-language')).toHaveValue('zh');
  await page.getByTestId('print-title').fill('');
  await page.getByTestId('print-author').fill('武汉市规划设计研究院（示例）');
  await waitForPreview(page);
  // Without a title the sheet has the project's default title, shown as the field's placeholder.
  const defaultTitle = await preview.getAttribute('data-title');
  expect(defaultTitle).toMatch(/养老服务设施布局图$/);
  await expect(page.getByTestId('print-title')).toHaveAttribute('placeholder', defaultTitle!);
  await expect(page.getByTestId('print-exported')).toHaveText('已下载 map.pdf。');

  // The enlarged preview: the same image over the window, closed with Escape.
  await page.getByTestId('print-enlarge').click();
  const dialog = page.getByTestId('print-preview-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('img')).toHaveAttribute('src', (await preview.getAttribute('src'))!);
  // The page at its own shape, not stretched to the window.
  const enlarged = (await dialog.locator('img').boundingBox())!;
  expect(enlarged.width / enlarged.height).toBeCloseTo(420 / 297, 1);
  expect(enlarged.width).toBeGreaterThan(box.width * 2);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // A slow preview can be cancelled: the shown preview stays (dimmed, as older options), the late
  // reply is ignored, and "Update preview" draws the current options.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/map:preview', async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  const shownSrc = await preview.getAttribute('src');
  await page.getByTestId('print-paper').selectOption('A4');
  await page.getByTestId('print-orientation').selectOption('portrait');
  await expect(page.getByTestId('print-previewing')).toBeVisible();
  await page.getByTestId('print-cancel').click();
  await expect(page.getByTestId('print-cancelled')).toBeVisible();
  await expect(page.getByTestId('print-previewing')).toHaveCount(0);
  await expect(page.locator('figure.print-preview')).toHaveAttribute('data-stale', 'true');
  release();
  await page.unroute('**/api/map:preview');
  // no new drawing for the cancelled options: the A3 preview stays until asked
  await page.waitForTimeout(1000);
  await expect(preview).toHaveAttribute('src', shownSrc!);
  await expect(preview).toHaveAttribute('data-paper', '420x297');
  await page.getByTestId('print-refresh').click();
  await waitForPreview(page);
  await expect(preview).toHaveAttribute('data-paper', '210x297');
});

/** Twenty-four ILLUSTRATIVE street units (not real streets): a 6 × 4 grid of rectangles over the Wuhan core clip. */
function illustrativeStreets(): string {
  const [west, south, east, north] = [114.2004, 30.4996, 114.3604, 30.6396];
  const features = [];
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 6; column++) {
      const x0 = west + ((east - west) * column) / 6;
      const x1 = west + ((east - west) * (column + 1)) / 6;
      const y0 = south + ((north - south) * row) / 4;
      const y1 = south + ((north - south) * (row + 1)) / 4;
      features.push({
        type: 'Feature',
        properties: { name: `Street ${String(row * 6 + column + 1).padStart(2, '0')} (illustrative)`, level: 'street' },
        geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
      });
    }
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** 400 ILLUSTRATIVE community squares (20 × 20) over the same extent: an atlas long enough to cancel mid-way. */
function illustrativeCommunities(): string {
  const [west, south, east, north] = [114.2004, 30.4996, 114.3604, 30.6396];
  const features = [];
  for (let row = 0; row < 20; row++) {
    for (let column = 0; column < 20; column++) {
      const [x0, x1] = [west + ((east - west) * column) / 20, west + ((east - west) * (column + 1)) / 20];
      const [y0, y1] = [south + ((north - south) * row) / 20, south + ((north - south) * (row + 1)) / 20];
      features.push({
        type: 'Feature',
        properties: { id: `community-${row * 20 + column + 1}`, name: `Community ${String(row * 20 + column + 1).padStart(3, '0')} (illustrative)`, level: 'community' },
        geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
      });
    }
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

test('the print panel does what siting map does: scenario title, circle analysis, atlas with progress and Cancel', async ({ page, server, workDir }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await importFacilities(page);
  const streets = join(workDir, 'streets.geojson');
  writeFileSync(streets, illustrativeStreets());
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('boundaries');
  await page.getByTestId('import-file-input').setInputFiles(streets);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');

  // A scenario of the workspace: the sheet's default title names it.
  await openTab(page, 'plan');
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-name').fill('Plan A');
  await page.getByTestId('scenario-name-ok').click();
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText(/Plan A/);

  await openTab(page, 'map');
  const section = page.getByTestId('print-section');
  await section.locator('summary').click();
  await expect(page.getByTestId('print-scenario').locator('option:checked')).toHaveText('Plan A');
  await waitForPreview(page);
  const preview = page.getByTestId('print-preview');
  await expect(preview).toHaveAttribute('data-title', /Plan A/);
  expect(await page.getByTestId('print-title').getAttribute('placeholder')).toBe(await preview.getAttribute('data-title'));

  // "As last run" is offered once the analysis panel has run; until then it cannot be chosen.
  await expect(page.getByTestId('print-analysis').locator('option[value="last"]')).toBeDisabled();
  // A circle analysis of 1000 m: the reply's SVG has the service radius in its legend.
  const replied = page.waitForResponse(async (response) => response.url().endsWith('/api/map:preview') && (response.request().postData() ?? '').includes('"radiiM":[1000]'));
  await page.getByTestId('print-analysis').selectOption('circle');
  await page.getByTestId('print-radii').fill('1000');
  const reply = (await (await replied).json()) as { ok: boolean; value: { svg: string; png: string | null } };
  expect(reply.ok).toBe(true);
  expect(reply.value.svg).toContain('>Service radius');
  expect(reply.value.svg).toContain('Analysis: service radius (straight line)');
  // The image shown is the host's PNG (drawn with the print fonts), not the SVG.
  expect(reply.value.png).toMatch(/^iVBORw0KGgo/);
  await waitForPreview(page);
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThanOrEqual(1600);
  // A radius outside its limit is said, and nothing is drawn or exported for it.
  await page.getByTestId('print-radii').fill('0');
  await expect(page.getByTestId('print-analysis-problem')).toContainText('more than 0 and at most 100,000 m');
  await expect(page.getByTestId('print-export-pdf')).toBeDisabled();
  await page.getByTestId('print-radii').fill('1000');
  await expect(page.getByTestId('print-analysis-problem')).toHaveCount(0);

  // The atlas: the street level with its 24 pages; the preview shows the chosen unit's page.
  await page.getByTestId('print-atlas').selectOption('street');
  await expect(page.getByTestId('print-atlas').locator('option:checked')).toHaveText('Street (24 pages)');
  await page.getByTestId('print-atlas-unit').selectOption({ label: '2. Street 02 (illustrative)' });
  await waitForPreview(page);
  // The scenario chosen above is named on the atlas page too.
  await expect(preview).toHaveAttribute('data-title', 'Elderly-care facilities: Street 02 (illustrative) — Plan A');
  await expect(page.getByTestId('print-export-pdf')).toHaveCount(0);
  const exportAtlas = page.getByTestId('print-export-atlas');
  await expect(exportAtlas).toHaveText('Export atlas PDF (24 pages)');
  await scrollPanelTo(page, 'print-section');
  await page.screenshot({ path: 'docs/screenshots/print_panel_en.png' });

  // Export: page k of 24 is shown while the host draws, then one 24-page PDF is downloaded.
  const downloading = page.waitForEvent('download');
  await exportAtlas.click();
  const progress = page.getByTestId('print-atlas-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('data-pages', '24');
  await expect(progress).toContainText(/Page \d+ of 24|Writing the PDF/);
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('atlas_street.pdf');
  const pdf = join(workDir, 'atlas.pdf');
  await download.saveAs(pdf);
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('print-exported')).toContainText('atlas_street.pdf');
  expect((await run('pdfinfo', [pdf])).stdout).toMatch(/Pages:\s+24\n/);

  // Cancel mid-way: the host stops and nothing is downloaded. A 400-page atlas (illustrative community
  // squares) lasts long enough for the cancel to land mid-way however fast the machine.
  const communities = join(workDir, 'communities.geojson');
  writeFileSync(communities, illustrativeCommunities());
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('boundaries');
  await page.getByTestId('import-file-input').setInputFiles(communities);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('400');
  await openTab(page, 'map');
  await expect(page.getByTestId('print-atlas').locator('option[value="community"]')).toHaveText('Community (400 pages)');
  await page.getByTestId('print-atlas').selectOption('community');
  await waitForPreview(page);
  await expect(exportAtlas).toHaveText('Export atlas PDF (400 pages)');
  let downloads = 0;
  page.on('download', () => downloads++);
  await exportAtlas.click();
  await expect.poll(async () => Number(await progress.getAttribute('data-page')), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(1);
  await page.getByTestId('print-atlas-cancel').click();
  await expect(page.getByTestId('print-atlas-cancelled')).toHaveText('The atlas was cancelled; nothing was written.');
  await expect(progress).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
  await page.getByTestId('print-atlas').selectOption('street');
  await waitForPreview(page);

  // In Chinese.
  await page.getByTestId('language-select').selectOption('zh');
  await expect(section.getByRole('heading', { name: '出图', exact: true })).toBeVisible();
  await expect(exportAtlas).toHaveText('导出图集 PDF（24 页）');
  await waitForPreview(page);
  await scrollPanelTo(page, 'print-section');
  await page.screenshot({ path: 'docs/screenshots/print_panel_zh.png' });
});
