/**
 * The preset editor (issue 12, "the planner can copy a preset and edit numbers, stored in the project
 * file with a version"): on the Wuhan sample with the illustrative estates, "Copy and edit" the Nanhai
 * preset, an emptied number is named and blocks Save, the new-estate rate raised from 20 to 30 and
 * saved (version 1), the old-estate rate from 15 to 18 and saved again (version 2); the review then
 * names the copy and version and its floor-area table requires households ÷ 100 × 30 (new) and × 18
 * (old), computed here from the CSV; `siting presets` and `siting review` on the same file agree; a
 * missing input is said from its code, in English and Chinese.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { openTab } from './tabs';

const ESTATES_CSV = join(repoRoot, 'data', 'samples', 'wuhan-core', 'illustrative_estates.csv');
const FLOOR_AREA = 'care_floor_area_per_100_households';

/** The sample's estates with their type, households (or floor area ÷ unit size) and care floor area, read here. */
function sampleEstates(): { id: string; type: string; households: number; careArea: string }[] {
  const [header, ...rows] = readFileSync(ESTATES_CSV, 'utf8').trim().split('\n').map((line) => line.split(','));
  const col = (cells: string[], name: string) => cells[header.indexOf(name)];
  return rows.map((cells) => ({
    id: col(cells, 'id'),
    type: col(cells, 'estate_type'),
    households: col(cells, 'households') !== '' ? Number(col(cells, 'households')) : Number(col(cells, 'residential_floor_area_m2')) / Number(col(cells, 'average_unit_m2')),
    careArea: col(cells, 'care_floor_area_m2'),
  }));
}

test('copy a preset, edit its numbers, save it with a version, and review with it, in en and zh', async ({ page, server }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption('estates');
  await page.getByTestId('import-file-input').setInputFiles(ESTATES_CSV);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');

  await openTab(page, 'review');
  await page.getByTestId('review-preset').selectOption('nanhai');
  await expect(page.getByTestId('review-preset')).toHaveValue('nanhai');
  await page.getByTestId('preset-copy').click();
  const draft = page.getByTestId('preset-draft');
  await expect(draft).toHaveAttribute('data-preset', 'nanhai-copy-1');
  await expect(draft).toHaveAttribute('data-version', '');
  // Every rule of the preset, with its source.
  await expect(page.getByTestId('preset-rule')).toHaveCount(5);
  const floorRule = page.locator(`[data-testid="preset-rule"][data-rule="${FLOOR_AREA}"]`);
  await expect(floorRule).toContainText('三、（六）1');
  await expect(floorRule).toContainText('新建住宅小区按每百户不低于20平方米');

  // An emptied number the rule needs is named, and Save waits (a rate may be empty: no rate for that type).
  const nursing = page.locator('[data-testid="preset-rule"][data-rule="nursing_bed_share"] [data-field="minShare"]');
  await nursing.fill('');
  await expect(page.getByTestId('preset-invalid')).toHaveAttribute('data-field', 'minShare');
  await expect(page.getByTestId('preset-invalid')).toContainText('Rule “nursing_bed_share”, field “minShare”');
  await expect(page.getByTestId('preset-save')).toBeDisabled();
  await nursing.fill('0.55');
  await expect(page.getByTestId('preset-invalid')).toHaveCount(0);
  // The facility kinds the checks count: none chosen for a role is named too.
  await page.getByTestId('preset-kinds').locator('summary').click();
  const careKinds = page.locator('[data-testid="preset-kinds"] [data-role="care"] [data-testid="preset-kind"]');
  for (const kind of ['day_care', 'community_station', 'care_home']) await careKinds.and(page.locator(`[data-kind="${kind}"]`)).uncheck();
  await expect(page.getByTestId('preset-invalid')).toHaveAttribute('data-field', 'kinds.care');
  await expect(page.getByTestId('preset-invalid')).toContainText('Choose at least one kind of facility for “Care facilities');
  for (const kind of ['day_care', 'community_station', 'care_home']) await careKinds.and(page.locator(`[data-kind="${kind}"]`)).check();
  await expect(page.getByTestId('preset-invalid')).toHaveCount(0);
  await page.getByTestId('preset-kinds').locator('summary').click();
  const newRate = floorRule.locator('[data-field="m2Per100Households.new"]');
  await newRate.fill('30');
  await expect(floorRule).toContainText('edited, was 20');
  await page.getByTestId('preset-save').click();
  await expect(page.getByTestId('preset-message')).toContainText('Saved nanhai-copy-1 v1');
  await expect(page.getByTestId('review-preset')).toHaveValue('nanhai-copy-1');
  await expect(draft).toHaveAttribute('data-version', '1');

  // Edited again and saved: version 2.
  await floorRule.locator('[data-field="m2Per100Households.old"]').fill('18');
  await page.getByTestId('preset-save').click();
  await expect(draft).toHaveAttribute('data-version', '2');
  await expect(page.locator('[data-testid="review-preset"] option[value="nanhai-copy-1"]')).toContainText('v2, edited copy');

  const listed = await sitingJson<{ rulesPreset: string; presets: Array<{ id: string; version: number; edited: boolean; basedOn: unknown }> }>(['presets', server.projectPath]);
  expect(listed.rulesPreset).toBe('nanhai-copy-1');
  expect(listed.presets.find((p) => p.id === 'nanhai-copy-1')).toEqual(expect.objectContaining({ version: 2, edited: true, basedOn: { id: 'nanhai', version: 1 } }));

  await page.getByTestId('review-run').click();
  const result = page.getByTestId('review-result');
  await expect(result).toHaveAttribute('data-preset', 'nanhai-copy-1');
  await expect(result).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('review-summary')).toContainText('v2');
  const rates: Record<string, number> = { new: 30, old: 18 };
  const estates = sampleEstates();
  for (const estate of estates) {
    const row = page.locator(`[data-testid="review-estate-row"][data-estate="${estate.id}"]`);
    const rate = rates[estate.type];
    if (rate === undefined || estate.careArea === '') {
      await expect(row).toHaveAttribute('data-required', '');
      continue;
    }
    expect(Number(await row.getAttribute('data-required')), estate.id).toBeCloseTo((estate.households / 100) * rate, 9);
    expect(Number(await row.getAttribute('data-provided')), estate.id).toBe(Number(estate.careArea));
  }
  const cli = await sitingJson<{ preset: { id: string; version: number }; estates: Array<{ id: string; checks: Array<{ rule: string; required: number | null }> }> }>(['review', server.projectPath]);
  expect(cli.preset).toEqual({ id: 'nanhai-copy-1', version: 2 });

  // The estate without a care floor area: what is missing, from its code; the rule text says what was edited.
  const missing = estates.find((e) => e.careArea === '')!;
  await page.locator(`[data-testid="review-estate-row"][data-estate="${missing.id}"]`).click();
  const check = page.locator(`[data-testid="review-estate-checks"][data-estate="${missing.id}"] [data-testid="review-check-row"]`).first();
  await expect(check).toContainText('Care room 1: floor area missing');
  await expect(check).toContainText('edited: m² per 100 households (new) 20 → 30; m² per 100 households (old) 15 → 18');

  await page.setViewportSize({ width: 1440, height: 1500 });
  await scrollPanelTo(page, 'review-panel');
  await page.screenshot({ path: 'docs/screenshots/preset_editor_en.png' });

  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('preset-message')).toHaveText('已保存 nanhai-copy-1 第 2 版；项目现使用该预设。');
  await expect(check).toContainText('养老用房 1 的面积未填写');
  await expect(check).not.toContainText('careRooms');
  await expect(floorRule).toContainText('已修改，原为 20');
  await expect(page.getByTestId('preset-save')).toHaveText('保存副本并使用');
  await scrollPanelTo(page, 'review-panel');
  await page.screenshot({ path: 'docs/screenshots/preset_editor_zh.png' });
});
