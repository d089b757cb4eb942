/**
 * Words and numbers of the planning figures in Chinese (issue 15): the live figures' targets come from
 * the project's rule preset (choosing another preset changes them), each "before → after (change)"
 * adds up as shown, and the baseline scenario goes by its localised name in the comparison and the
 * export list (never "baseline").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { createScenario, mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'words');
const SITE = { lon: 114.2745, lat: 30.6165 };

/** "4.3%" → 43 tenths, "+0.2 个百分点" → 2, "±0 个百分点" → 0. */
const tenths = (text: string) => (text.includes('±0') ? 0 : Math.round(Number(text.replace(/[()%,\s]|个百分点|pp/g, '').replace('−', '-').replace('+', '')) * 10));

test('live figures: preset targets, changes that add up; the baseline by its name in compare and export (zh)', async ({ page, server, workDir }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('zh');
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);
  await createScenario(page, '东片方案');
  await page.getByTestId('proposal-place').click();
  const at = await mapPixel(page, SITE.lon, SITE.lat);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);

  // The new project's preset is the national one: 40 beds per 1,000, no nursing-share target.
  await expect(page.getByTestId('figure-beds-target')).toHaveText('目标 ≥ 40（国家标准（GB 50437、GB 50180））');
  await expect(page.getByTestId('figure-nursing-target')).toHaveCount(0);
  await openTab(page, 'review');
  await page.getByTestId('review-preset').selectOption('nanhai');
  await expect(page.getByTestId('figure-nursing-target')).toHaveText(/^目标 ≥ 55\.0%（/);
  await page.getByTestId('review-preset').selectOption('doumen');
  await expect(page.getByTestId('figure-nursing-target')).toHaveText(/^目标 ≥ 30\.0%（/);
  await expect(page.getByTestId('figure-beds-target')).toHaveText(/^目标 ≥ 40（/);

  // Every change reads as the difference of the two values shown.
  for (const id of ['coverage-300', 'coverage-500', 'coverage-1000']) {
    const row = page.getByTestId(`figure-${id}`);
    const before = await row.locator('.figure-before').innerText();
    const after = await row.locator('.figure-after').innerText();
    const delta = await page.getByTestId(`figure-${id}-delta`).innerText();
    expect(tenths(after) - tenths(before)).toBe(tenths(delta));
  }
  await openTab(page, 'plan');
  await page.getByTestId('live-figures').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'live-figures-zh.png') });

  // Compare: the baseline by its name, in the lists, the headings and the "mark as plan" button.
  await page.getByTestId('scenario-compare').click();
  const compare = page.getByTestId('compare-dialog');
  await expect(compare).toBeVisible();
  await page.getByTestId('compare-left').selectOption('baseline');
  await page.getByTestId('compare-right').selectOption({ label: '东片方案' });
  await expect(page.getByTestId('compare-left').locator('option:checked')).toHaveText('现状（仅现状设施）');
  await expect(page.getByTestId('compare-plan-left')).toHaveText('将“现状（仅现状设施）”定为规划方案');
  await expect(compare).not.toContainText('baseline');
  const row = page.getByTestId('compare-coverage-1000');
  const cells = row.locator('td');
  expect(tenths(await cells.nth(1).innerText()) - tenths(await cells.nth(0).innerText())).toBe(tenths(await cells.nth(2).innerText()));
  await page.screenshot({ path: join(SHOTS, 'compare-zh.png') });
  await page.getByTestId('compare-close').click();

  // The export list of scenarios.
  await openTab(page, 'data');
  await page.getByTestId('export-section').locator('summary').click();
  await page.getByTestId('export-layer').selectOption('proposals');
  await expect(page.getByTestId('export-scenario').locator('option').first()).toHaveText('现状（仅现状设施）');
  await expect(page.getByTestId('export-scenario')).not.toContainText('baseline');
  await page.getByTestId('export-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'export-list-zh.png') });

  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('export-scenario').locator('option').first()).toHaveText('Baseline (existing facilities only)');
  await openTab(page, 'plan');
  await page.getByTestId('live-figures').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'live-figures-en.png') });
});
