/**
 * The reviewer enters and edits an estate in the app (issue 12) on the Wuhan sample: a new estate
 * placed by a click on the map, with households and a planned care room, saved through
 * `estates:apply`; "Review all estates" then gives its floor-area check required = households ÷ 100
 * × the Nanhai rate for new estates (computed here from the preset) against the room's floor area.
 * An edit re-runs the review on screen, Undo brings the previous values back (read from the project
 * over the HTTP API, and in the review table), and invalid input is named in English and Chinese.
 */
import type { Page } from '@playwright/test';
import { PRESETS } from '../../shared/rules/presets';
import { expect, test, waitForMap } from './fixtures';
import { scrollPanelTo } from './analysis_helpers';
import { openTab } from './tabs';

const FLOOR_AREA = 'care_floor_area_per_100_households';

interface StoredEstate {
  id: string;
  name: string;
  households: number | null;
  geometry: { type: string; coordinates: number[] };
  careRooms: Array<{ floorAreaM2: number | null; floorLevels: number[] | null; basement: boolean | null }> | null;
}

/** The project's estates over the host's HTTP API (the session token is in the app's URL). */
async function storedEstates(page: Page, url: string): Promise<StoredEstate[]> {
  const address = new URL(url);
  const reply = await page.request.post(`${address.origin}/api/estates:list`, { headers: { authorization: `Bearer ${address.searchParams.get('token')}` }, data: {} });
  const body = (await reply.json()) as { ok: boolean; value: StoredEstate[] };
  expect(body.ok).toBe(true);
  return body.value;
}

/** Clicks the map canvas at a fraction of its size. */
async function clickMap(page: Page, fx: number, fy: number): Promise<void> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map has no box');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

test('a new estate picked on the map is reviewed, edited, undone, and its invalid input named in en and zh', async ({ page, server }) => {
  const floorRule = PRESETS.nanhai.rules.find((rule) => rule.id === FLOOR_AREA) as { m2Per100Households: { new: number } };
  const rate = floorRule.m2Per100Households.new;
  expect(rate).toBe(20);

  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await openTab(page, 'review');
  await page.getByTestId('review-preset').selectOption('nanhai');
  await expect(page.getByTestId('review-preset')).toHaveValue('nanhai');
  await expect(page.getByTestId('review-no-estates')).toBeVisible();

  // A new estate: the map click places it (the form says so until then, and Save stays disabled).
  const editor = page.getByTestId('estate-editor');
  await page.getByTestId('estate-edit-new').click();
  const form = page.getByTestId('estate-form');
  await expect(form).toHaveAttribute('data-estate', 'estate-1');
  await expect(page.getByTestId('estate-location')).toHaveAttribute('data-placed', 'no');
  await page.getByTestId('estate-name').fill('测试新建小区');
  await expect(page.locator('[data-testid="estate-problem"][data-field="geometry"]')).toHaveText('Location: pick a point on the map.');
  await expect(page.getByTestId('estate-save')).toBeDisabled();
  await expect(page.getByTestId('estate-pick')).toHaveAttribute('aria-pressed', 'true');
  await clickMap(page, 0.5, 0.5);
  await expect(page.getByTestId('estate-location')).toHaveAttribute('data-placed', 'yes');
  await expect(page.getByTestId('estate-pick')).toHaveAttribute('aria-pressed', 'false');

  // Invalid input is named with its field, in English; Save stays disabled until it is corrected.
  const households = 1500;
  const roomArea = 250;
  await page.getByTestId('estate-households').fill('-5');
  await page.getByTestId('estate-room-add').click();
  await page.getByTestId('estate-room-area').fill(String(roomArea));
  await page.getByTestId('estate-room-levels').fill('1,二');
  await expect(page.locator('[data-testid="estate-problem"][data-field="households"]')).toHaveText('Households: must be at least 0.');
  await expect(page.locator('[data-testid="estate-problem"][data-field="careRooms.0.floorLevels"]')).toHaveText('Care room 1: floor levels: whole floor numbers separated by commas, e.g. 1,2.');
  await expect(page.getByTestId('estate-save')).toBeDisabled();
  await page.getByTestId('estate-households').fill(String(households));
  await page.getByTestId('estate-room-levels').fill('1,2');
  await page.getByTestId('estate-room-basement').selectOption('no');
  await expect(page.getByTestId('estate-problems')).toHaveCount(0);
  await expect(form).toHaveAttribute('data-valid', 'yes');
  await page.setViewportSize({ width: 1440, height: 1500 });
  await scrollPanelTo(page, 'estate-editor');
  await page.screenshot({ path: 'docs/screenshots/estate_editor_en.png' });
  await page.getByTestId('estate-save').click();
  await expect(page.getByTestId('estate-edit-notice')).toContainText('测试新建小区');
  await expect(page.getByTestId('estate-undo')).toHaveText('Undo adding “测试新建小区”');

  // Stored as entered, at the clicked point.
  const [stored] = await storedEstates(page, server.url);
  expect(stored).toMatchObject({ id: 'estate-1', name: '测试新建小区', households, careRooms: [{ floorAreaM2: roomArea, floorLevels: [1, 2], basement: false }] });
  expect(stored.geometry.type).toBe('Point');

  // The review: required = households ÷ 100 × rate; the room's 250 m² falls short.
  await page.getByTestId('review-run').click();
  const row = page.locator('[data-testid="review-estate-row"][data-estate="estate-1"]');
  await expect(row).toHaveAttribute('data-required', String((households / 100) * rate));
  await expect(row).toHaveAttribute('data-provided', String(roomArea));
  await expect(row).toHaveAttribute('data-floor-verdict', 'fail');

  // An edit: fewer households; the review on screen is run again and the check passes.
  await page.getByTestId('estate-households').fill('1000');
  await page.getByTestId('estate-save').click();
  await expect(page.getByTestId('estate-undo')).toHaveText('Undo edit of “测试新建小区”');
  await expect(row).toHaveAttribute('data-required', String((1000 / 100) * rate));
  await expect(row).toHaveAttribute('data-floor-verdict', 'pass');
  expect((await storedEstates(page, server.url))[0].households).toBe(1000);

  // Undo: the previous values are back in the file, the form and the review.
  await page.getByTestId('estate-undo').click();
  await expect(page.getByTestId('estate-redo')).toHaveText('Redo edit of “测试新建小区”');
  await expect(page.getByTestId('estate-households')).toHaveValue(String(households));
  await expect(row).toHaveAttribute('data-required', String((households / 100) * rate));
  await expect(row).toHaveAttribute('data-floor-verdict', 'fail');
  const [restored] = await storedEstates(page, server.url);
  expect(restored).toEqual(stored);

  // In Chinese: the same invalid input named in Chinese.
  await page.getByTestId('language-select').selectOption('zh');
  await expect(editor.getByRole('heading', { name: '小区', exact: true })).toBeVisible();
  await page.getByTestId('estate-households').fill('12.5');
  await page.getByTestId('estate-room-area').fill('-1');
  await expect(page.locator('[data-testid="estate-problem"][data-field="households"]')).toHaveText('户数：请输入整数。');
  await expect(page.locator('[data-testid="estate-problem"][data-field="careRooms.0.floorAreaM2"]')).toHaveText('养老服务用房 1：建筑面积（m²）：不能小于 0。');
  await expect(page.getByTestId('estate-save')).toBeDisabled();
  await scrollPanelTo(page, 'estate-editor');
  await page.screenshot({ path: 'docs/screenshots/estate_editor_zh.png' });

  // Delete with confirmation, and undo it: the estate is back as it was.
  await page.getByTestId('estate-cancel').click();
  await page.getByTestId('estate-edit-choose').selectOption('estate-1');
  await page.getByTestId('estate-edit-open').click();
  await page.getByTestId('estate-delete').click();
  await expect(page.getByTestId('estate-delete-confirm')).toContainText('测试新建小区');
  await page.getByTestId('estate-delete-yes').click();
  await expect.poll(async () => (await storedEstates(page, server.url)).length).toBe(0);
  await page.getByTestId('estate-undo').click();
  await expect.poll(async () => (await storedEstates(page, server.url))[0]).toEqual(stored);

  // Redo the delete, then another program puts an estate back under that id: undoing the delete now
  // would overwrite it, so the editor refuses, says why and clears its history; the file is untouched.
  await page.getByTestId('estate-redo').click();
  await expect.poll(async () => (await storedEstates(page, server.url)).length).toBe(0);
  const address = new URL(server.url);
  const elsewhere = { ...(stored as unknown as Record<string, unknown>), name: '另一窗口录入的小区', households: 900 };
  const put = await page.request.post(`${address.origin}/api/estates:apply`, {
    headers: { authorization: `Bearer ${address.searchParams.get('token')}` },
    data: { put: [elsewhere], delete: [] },
  });
  expect(((await put.json()) as { ok: boolean }).ok).toBe(true);
  await page.getByTestId('estate-undo').click();
  await expect(page.getByTestId('estate-edit-notice')).toContainText('撤销记录已清空');
  await expect(page.getByTestId('estate-undo')).toBeDisabled();
  expect((await storedEstates(page, server.url)).map((estate) => [estate.name, estate.households])).toEqual([['另一窗口录入的小区', 900]]);
});
