/**
 * The reviewer's desk (issue 12) on the Wuhan sample with the illustrative estates and two made-up
 * care homes (with beds) imported through the import panel: the preset chosen in the panel is saved
 * in the project, "Review all estates" gives every estate the verdict and floor-area figures of
 * `siting review --json` on the same project file, an estate row opens its per-rule checks, and
 * "Check the district" gives the beds-per-1,000 row of `siting check --json`. In zh and en.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test, waitForMap } from './fixtures';
import { scrollPanelTo, sitingJson } from './analysis_helpers';
import { openTab } from './tabs';

interface CliReview {
  preset: { id: string; version: number };
  estates: Array<{ id: string; verdict: string; checks: Array<{ rule: string; verdict: string; required: number | null; provided: number | null }> }>;
  summary: { estates: number; compliant: number; nonCompliant: number; incomplete: number };
}
interface CliCheck {
  preset: { id: string };
  checks: Array<{ rule: string; scope: string; value: number | null; target: number | null; verdict: string }>;
}

/** Test fixtures, not real institutions: two made-up care homes with beds inside the sample extent. */
const CARE_HOMES_CSV = ['name,lon,lat,kind,beds,nursing_beds,illustrative', '测试养老院 甲,114.2700,30.5900,care_home,120,60,1', '测试养老院 乙,114.3050,30.5500,care_home,80,20,1'].join('\n');

const ESTATES_CSV = join(repoRoot, 'data', 'samples', 'wuhan-core', 'illustrative_estates.csv');
const FLOOR_AREA = 'care_floor_area_per_100_households';

async function importFile(page: import('@playwright/test').Page, layer: string, path: string, count: number): Promise<void> {
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption(layer);
  await page.getByTestId('import-file-input').setInputFiles(path);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(count));
}

function numberAttr(value: string | null): number | null {
  return value === null || value === '' ? null : Number(value);
}

test('the review panel reviews every estate and checks the district like the CLI, in zh and en', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await importFile(page, 'estates', ESTATES_CSV, 8);
  const homes = join(workDir, 'care_homes.csv');
  writeFileSync(homes, CARE_HOMES_CSV + '\n', 'utf8');
  await importFile(page, 'facilities', homes, 2);

  // The preset chooser saves the project's rulesPreset: the CLI without --preset uses it.
  await openTab(page, 'review');
  const panel = page.getByTestId('review-panel');
  await expect(page.getByTestId('review-preset')).toHaveValue('national');
  await page.getByTestId('review-preset').selectOption('nanhai');
  await expect(page.getByTestId('review-preset')).toHaveValue('nanhai');
  await page.getByTestId('review-run').click();
  await expect(page.getByTestId('review-result')).toHaveAttribute('data-preset', 'nanhai');
  await expect(panel).toHaveAttribute('data-busy', '');

  const cli = await sitingJson<CliReview>(['review', server.projectPath]);
  expect(cli.preset.id).toBe('nanhai');
  expect(cli.estates).toHaveLength(8);
  const rows = page.getByTestId('review-estate-row');
  await expect(rows).toHaveCount(cli.estates.length);
  for (let k = 0; k < cli.estates.length; k++) {
    const estate = cli.estates[k];
    const floor = estate.checks.find((check) => check.rule === FLOOR_AREA)!;
    const row = rows.nth(k);
    await expect(row).toHaveAttribute('data-estate', estate.id);
    await expect(row).toHaveAttribute('data-verdict', estate.verdict);
    await expect(row).toHaveAttribute('data-floor-verdict', floor.verdict);
    expect(numberAttr(await row.getAttribute('data-required'))).toBe(floor.required);
    expect(numberAttr(await row.getAttribute('data-provided'))).toBe(floor.provided);
  }
  // Both verdicts that matter occur (the sample is made to have them).
  expect(cli.estates.map((e) => e.verdict)).toEqual(expect.arrayContaining(['compliant', 'non_compliant', 'incomplete']));
  await expect(page.getByTestId('review-summary')).toHaveAttribute('data-compliant', String(cli.summary.compliant));
  await expect(page.getByTestId('review-summary')).toContainText(`${cli.summary.nonCompliant} non-compliant`);
  // The share of new estates compliant: the new ones by the CSV's estate_type, their verdicts by the CLI.
  const [header, ...lines] = readFileSync(ESTATES_CSV, 'utf8').trim().split('\n').map((line) => line.split(','));
  const newIds = lines.filter((cells) => cells[header.indexOf('estate_type')] === 'new').map((cells) => cells[header.indexOf('id')]);
  const newCompliant = cli.estates.filter((e) => newIds.includes(e.id) && e.verdict === 'compliant').length;
  expect(newIds.length).toBeGreaterThan(0);
  await expect(page.getByTestId('review-new-share')).toHaveAttribute('data-new', String(newIds.length));
  await expect(page.getByTestId('review-new-share')).toHaveAttribute('data-new-compliant', String(newCompliant));

  // On the map: every reviewed estate drawn in its verdict's colour, the legend counting each verdict.
  await expect(page.getByTestId('map')).toHaveAttribute('data-review-estates', String(cli.estates.length));
  await expect(page.getByTestId('review-legend')).toHaveAttribute('data-drawn', String(cli.estates.length));
  await expect(page.locator('[data-testid="review-legend"] li[data-verdict="non_compliant"]')).toHaveAttribute('data-count', String(cli.summary.nonCompliant));
  await expect(page.locator('[data-testid="review-legend"] li[data-verdict="incomplete"]')).toHaveAttribute('data-count', String(cli.summary.incomplete));

  // An estate that fails opens its per-rule checks, with the rule's English text from the preset.
  const failing = cli.estates.find((e) => e.verdict === 'non_compliant')!;
  await page.locator(`[data-testid="review-estate-row"][data-estate="${failing.id}"]`).click();
  const checks = page.locator(`[data-testid="review-estate-checks"][data-estate="${failing.id}"] [data-testid="review-check-row"]`);
  await expect(checks).toHaveCount(failing.checks.length);
  for (let k = 0; k < failing.checks.length; k++) await expect(checks.nth(k)).toHaveAttribute('data-verdict', failing.checks[k].verdict);
  await expect(checks.first()).toContainText('per 100 households');

  // The district, with the Doumen preset (beds per 1,000 older people, nursing share).
  await page.getByTestId('review-preset').selectOption('doumen');
  await page.getByTestId('compliance-run').click();
  await expect(page.getByTestId('compliance-result')).toHaveAttribute('data-preset', 'doumen');
  const district = await sitingJson<CliCheck>(['check', server.projectPath]);
  expect(district.preset.id).toBe('doumen');
  const cliBeds = district.checks.find((c) => c.rule === 'beds_per_1000_older' && c.scope === 'district')!;
  expect(cliBeds.value).not.toBeNull();
  const bedsRow = page.locator('[data-testid="compliance-row"][data-rule="beds_per_1000_older"][data-scope="district"]');
  expect(numberAttr(await bedsRow.getAttribute('data-value'))).toBe(cliBeds.value);
  expect(numberAttr(await bedsRow.getAttribute('data-target'))).toBe(cliBeds.target);
  await expect(bedsRow).toHaveAttribute('data-verdict', cliBeds.verdict);
  await expect(page.getByTestId('compliance-row')).toHaveCount(district.checks.length);

  // A tall window, so that the batch table, one estate's checks and the district table show together.
  await page.setViewportSize({ width: 1440, height: 1500 });
  await scrollPanelTo(page, 'review-panel');
  await page.screenshot({ path: 'docs/screenshots/review_panel_en.png' });

  // In Chinese: verdict words and the rule text of the preset in Chinese.
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByRole('heading', { name: '审查', exact: true })).toBeVisible();
  await expect(page.locator(`[data-testid="review-estate-row"][data-estate="${failing.id}"]`)).toContainText('不符合');
  await expect(checks.first()).toContainText('每百户');
  await expect(bedsRow).toContainText('全项目');
  await expect(page.getByTestId('review-legend')).toContainText('需补充材料');
  // What a not-checkable row lacks is said by its code, in Chinese too (no English from the host).
  const landRow = page.locator('[data-testid="compliance-row"][data-rule="land_per_resident"][data-scope="district"]');
  await expect(landRow).toContainText('项目中没有养老设施规划用地');
  await expect(page.getByTestId('compliance-row').filter({ hasText: /no planned land|no boundaries of level/ })).toHaveCount(0);
  await scrollPanelTo(page, 'review-panel');
  await page.screenshot({ path: 'docs/screenshots/review_panel_zh.png' });
});
