/**
 * Issue 10, defect 4: the project is changed by another program while the app has it open. The real
 * CLI imports the ten WorldPop 60+ bands of Wuhan into the same file (--replace): the app notices,
 * reloads and says so, and its coverage analysis then runs on the 494,676 new cells (as the CLI's own
 * analysis of the file does), not on the 24,470 it had loaded. An undo step of a proposal edit made
 * before survives that (proposals untouched); a CLI run that saves proposals clears it, with a note.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { testData } from '../helpers/test_data';
import { cliAnalyze, expect, node22, parseCount, repoRoot, test, waitForCoverage, waitForMap } from './fixtures';
import { createScenario, mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

const run = promisify(execFile);
const SAMPLE_CELLS = 24_470;
const WUHAN_60_CELLS = 494_676;
/** A dense block of Hankou (Jianghan), for one proposal. */
const SITE = { lon: 114.2745, lat: 30.6165 };

test('a CLI import into the open project: notice in en and zh, and the analysis runs on the new grid', async ({ page, server }) => {
  test.setTimeout(300_000);
  const cli = (...args: string[]) =>
    run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), ...args], {
      cwd: repoRoot,
      timeout: 180_000,
      env: { ...process.env, SITING_CONFIG_DIR: join(dirname(server.projectPath), 'config') },
    });
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  const cells = page.getByTestId('coverage-cells');
  expect(parseCount((await cells.textContent())!.split('/')[1])).toBe(SAMPLE_CELLS);

  // One proposal edit, so that there is an undo step.
  await createScenario(page, '外部修改测试');
  await page.getByTestId('proposal-place').click();
  const at = await mapPixel(page, SITE.lon, SITE.lat);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await expect(page.getByTestId('external-change')).toHaveCount(0);

  const bandsDir = testData('wuhan/worldpop_agesex_60plus');
  const bands = readdirSync(bandsDir).filter((name) => name.endsWith('.tif')).sort().map((name) => join(bandsDir, name));
  expect(bands).toHaveLength(10);
  const imported = JSON.parse((await cli('import', server.projectPath, 'population', ...bands, '--replace', '--json')).stdout) as { imported: number };
  expect(imported.imported).toBe(WUHAN_60_CELLS);

  const notice = page.getByTestId('external-change');
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('external-change-population')).toHaveText('Population grid: 24,470 → 494,676 cells');
  await expect(notice.getByTestId('external-change-undo-cleared')).toHaveCount(0);
  // The reloaded figures: project counts, the map's grid and the coverage analysis, as the CLI computes them.
  await expect(page.getByTestId('layer-count-population')).toHaveText('Population grid: 494,676');
  await expect(page.getByTestId('map')).toHaveAttribute('data-population-cells', String(WUHAN_60_CELLS), { timeout: 120_000 });
  await expect(cells).toHaveText(/\/ 494,676$/, { timeout: 120_000 });
  await waitForCoverage(page);
  const fromCli = await cliAnalyze(server.projectPath);
  expect(fromCli.cells.total).toBe(WUHAN_60_CELLS);
  await openTab(page, 'analyse');
  expect(parseCount((await page.getByTestId('coverage-elderly-total').textContent())!)).toBe(Math.round(fromCli.elderly.total));
  // Running the analysis again uses the same new grid.
  await page.getByTestId('analysis-run').click();
  await waitForCoverage(page);
  await expect(cells).toHaveText(/\/ 494,676$/);
  // The proposals were not touched: their undo step is still there.
  await openTab(page, 'plan');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await waitForMap(page);
  await notice.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/external_change_en.png' });

  await page.getByTestId('language-select').selectOption('zh');
  await expect(notice.getByTestId('external-change-population')).toHaveText('人口网格：24,470 → 494,676 个网格');
  await expect(notice).toContainText('项目文件已被其他程序修改');
  await page.screenshot({ path: 'docs/screenshots/external_change_zh.png' });
  await page.getByTestId('language-select').selectOption('en');

  // The CLI saves suggested sites as a new scenario: proposals changed, so the undo step goes.
  await cli('optimize', server.projectPath, '--problem', 'max-coverage', '--sites', '2', '--radius-m', '1000', '--candidates', 'grid', '--grid-m', '2000', '--save', '--scenario', 'CLI 建议', '--json');
  await expect(notice.getByTestId('external-change-proposals')).toHaveText('Proposals: 1 → 3');
  await expect(notice.getByTestId('external-change-undo-cleared')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.getByTestId('scenario-select').locator('option', { hasText: 'CLI 建议' })).toHaveCount(1);
  await page.getByTestId('external-change-dismiss').click();
  await expect(notice).toHaveCount(0);
});
